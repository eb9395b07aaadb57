/**
 * The slice of `@kbn/spaces-plugin/common` (Kibana 9.x) this plugin uses: mirrors
 * `addSpaceIdToPath` in x-pack/platform/plugins/shared/spaces/common/lib/spaces_url_parser.ts.
 */
import { DEFAULT_SPACE_ID } from './server';

/**
 * A path in a space: `<basePath>/s/<space><path>`, or `<basePath><path>` in the default space.
 * `requestedPath` must start with `/`.
 */
export function addSpaceIdToPath(
  basePath: string = '/',
  spaceId: string = '',
  requestedPath: string = ''
): string {
  if (requestedPath !== '' && !requestedPath.startsWith('/'))
    throw new Error('path must start with a /');
  const base = basePath.endsWith('/') ? basePath.slice(0, -1) : basePath;
  const space = spaceId !== '' && spaceId !== DEFAULT_SPACE_ID ? `/s/${spaceId}` : '';
  return `${base}${space}${requestedPath}` || '/';
}
