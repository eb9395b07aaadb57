/**
 * `@kbn/spaces-utils` (Kibana 9.x): the spaces URL helpers, which Kibana moved out of the spaces
 * plugin's `common` into this shared package. Mirrors
 * src/platform/packages/shared/kbn-spaces-utils/index.ts (elastic/kibana
 * d4ed5ef326ac9f01aeb2813dc3c095ab15337133) and src/common/{constants,spaces_url_parser}.ts
 * (ac9abb89d5431b8fa93cf3ec7226c3622201be8e).
 */

/** Mirrors `DEFAULT_SPACE_ID` in src/platform/packages/shared/kbn-spaces-utils/src/common/constants.ts. */
export const DEFAULT_SPACE_ID = 'default';

const SPACE_IN_PATH = /^\/s\/([a-z0-9_-]+)/;

/**
 * The space a request path is in (`/s/<space>` after the server's base path), `default`
 * without one.
 */
export function getSpaceIdFromPath(
  requestBasePath?: string | null,
  serverBasePath?: string | null
): { spaceId: string; pathHasExplicitSpaceIdentifier: boolean } {
  const request = requestBasePath ?? '/';
  const server = serverBasePath ?? '/';
  const path =
    server !== '' && server !== '/' && request.startsWith(server)
      ? request.slice(server.length)
      : request;
  const spaceId = SPACE_IN_PATH.exec(path)?.[1];
  return spaceId === undefined
    ? { spaceId: DEFAULT_SPACE_ID, pathHasExplicitSpaceIdentifier: false }
    : { spaceId, pathHasExplicitSpaceIdentifier: true };
}

/**
 * Mirrors `addSpaceIdToPath` in src/platform/packages/shared/kbn-spaces-utils/src/common/spaces_url_parser.ts.
 * A path in a space: `<basePath>/s/<space><path>`, or `<basePath><path>` in the default space
 * (and `/` when both are empty). `requestedPath` must start with `/`.
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
