/**
 * Contract 1 of the plugin: documents carry `go_runtime.target.space_id`; in the default
 * space, documents written before spaces existed (without the field) count too. The
 * dashboards branch owns the same filter as server/queries/space_filter.ts; this copy keeps
 * the rule queries independent of it until the lead merges the two.
 */
export const SPACE_ID_FIELD = 'go_runtime.target.space_id';

export function ruleSpaceFilter(spaceId: string): object {
  if (spaceId !== 'default') return { term: { [SPACE_ID_FIELD]: spaceId } };
  return {
    bool: {
      should: [
        { term: { [SPACE_ID_FIELD]: 'default' } },
        { bool: { must_not: { exists: { field: SPACE_ID_FIELD } } } },
      ],
      minimum_should_match: 1,
    },
  };
}

/** The filters every rule query starts with: time range, space, and the rule's services. */
export function ruleFilters(
  fromMs: number,
  toMs: number,
  spaceId: string,
  serviceNames: readonly string[] | undefined
): object[] {
  const filters: object[] = [
    { range: { '@timestamp': { gte: fromMs, lte: toMs, format: 'epoch_millis' } } },
    ruleSpaceFilter(spaceId),
  ];
  if (serviceNames !== undefined && serviceNames.length > 0)
    filters.push({ terms: { 'service.name': serviceNames } });
  return filters;
}
