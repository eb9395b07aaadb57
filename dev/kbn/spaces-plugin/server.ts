/**
 * The slice of `@kbn/spaces-plugin/server` (Kibana 9.x) this plugin uses. Shapes mirror
 * x-pack/platform/plugins/shared/spaces/server/plugin.ts (the setup and start contracts) and
 * x-pack/platform/plugins/shared/spaces/server/spaces_service/spaces_service.ts (the service).
 * The behaviour (`/s/<space>` URLs, space-scoped saved objects) lives in dev/host/spaces.
 */
import type { KibanaRequest } from '@kbn/core/server';

/** Mirrors `DEFAULT_SPACE_ID` in x-pack/platform/plugins/shared/spaces/common/constants.ts. */
export const DEFAULT_SPACE_ID = 'default';

/** Mirrors `SpacesServiceSetup` in x-pack/platform/plugins/shared/spaces/server/spaces_service/spaces_service.ts. */
export interface SpacesServiceSetup {
  /** The space a request is in: from its `/s/<space>` URL, `default` without one. */
  getSpaceId(request: KibanaRequest): string;
  isInDefaultSpace(request: KibanaRequest): boolean;
}

/** Mirrors `SpacesServiceStart` in x-pack/platform/plugins/shared/spaces/server/spaces_service/spaces_service.ts. */
export interface SpacesServiceStart {
  getSpaceId(request: KibanaRequest): string;
  isInDefaultSpace(request: KibanaRequest): boolean;
}

/** Mirrors `SpacesPluginSetup` in x-pack/platform/plugins/shared/spaces/server/plugin.ts. */
export interface SpacesPluginSetup {
  spacesService: SpacesServiceSetup;
}

/** Mirrors `SpacesPluginStart` in x-pack/platform/plugins/shared/spaces/server/plugin.ts. */
export interface SpacesPluginStart {
  spacesService: SpacesServiceStart;
}
