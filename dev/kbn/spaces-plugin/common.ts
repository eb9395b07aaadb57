/**
 * `@kbn/spaces-plugin/common` (Kibana 9.x), trimmed: what
 * x-pack/platform/plugins/shared/spaces/common/index.ts (elastic/kibana
 * 01c1a0e852f82ab53aef630558b936435246d5d5) exports, less the solution-setup and versioned
 * API types. It no longer exports `addSpaceIdToPath`: Kibana moved that to `@kbn/spaces-utils`.
 */

/** Mirrors x-pack/platform/plugins/shared/spaces/common/constants.ts. */
export const MAX_SPACE_INITIALS = 2;
export const SPACE_SEARCH_COUNT_THRESHOLD = 8;
export const ENTER_SPACE_PATH = '/spaces/enter';
export const SOLUTION_VIEW_CLASSIC = 'classic' as const;
export const API_VERSIONS = { public: { v1: '2023-10-31' } };

/** Mirrors `SolutionView` in x-pack/platform/plugins/shared/spaces/common/types/space/v1.ts. */
export type SolutionView = 'es' | 'oblt' | 'security' | typeof SOLUTION_VIEW_CLASSIC;

/** Mirrors `Space` in x-pack/platform/plugins/shared/spaces/common/types/space/v1.ts. */
export interface Space {
  id: string;
  name: string;
  description?: string;
  color?: string;
  initials?: string;
  imageUrl?: string;
  disabledFeatures: string[];
  _reserved?: boolean;
  solution?: SolutionView;
}

/** Mirrors x-pack/platform/plugins/shared/spaces/common/is_reserved_space.ts. */
export function isReservedSpace(space?: Pick<Space, '_reserved'> | null): boolean {
  return space?._reserved ?? false;
}

/**
 * Mirrors x-pack/platform/plugins/shared/spaces/common/get_spaced_route_url.ts (elastic/kibana
 * 91bf90a3eca8152e0ecb308c6711b36958b34bd7): any non-empty space id is prefixed, `default`
 * included.
 */
export function getRouteUrlForSpace(routeUrl: string, spaceId?: string): string {
  return spaceId ? `/s/${spaceId}${routeUrl}` : routeUrl;
}
