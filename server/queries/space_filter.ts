/**
 * Which space's documents a query may read: every document the plugin writes carries the space
 * of its target (a dimension of the heap and scrape time series).
 */
export const SPACE_ID_FIELD = 'go_runtime.target.space_id';

export function spaceFilter(spaceId: string): object {
  return { term: { [SPACE_ID_FIELD]: spaceId } };
}
