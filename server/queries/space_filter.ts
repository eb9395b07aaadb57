import { DEFAULT_SPACE_ID } from '../../common/constants';

/**
 * Which space's documents a query may read. Every document the plugin writes carries the
 * space of its target; documents written before spaces existed have none and belong to the
 * default space.
 */
export const SPACE_ID_FIELD = 'go_runtime.target.space_id';

export function spaceFilter(spaceId: string): object {
  if (spaceId !== DEFAULT_SPACE_ID) return { term: { [SPACE_ID_FIELD]: spaceId } };
  return {
    bool: {
      should: [
        { term: { [SPACE_ID_FIELD]: DEFAULT_SPACE_ID } },
        { bool: { must_not: { exists: { field: SPACE_ID_FIELD } } } },
      ],
      minimum_should_match: 1,
    },
  };
}
