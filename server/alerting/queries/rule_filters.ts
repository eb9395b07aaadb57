import { spaceFilter } from '../../queries/space_filter';

/** The filters every rule query starts with: time range, space, and the rule's services. */
export function ruleFilters(
  fromMs: number,
  toMs: number,
  spaceId: string,
  serviceNames: readonly string[] | undefined
): object[] {
  const filters: object[] = [
    { range: { '@timestamp': { gte: fromMs, lte: toMs, format: 'epoch_millis' } } },
    spaceFilter(spaceId),
  ];
  if (serviceNames !== undefined && serviceNames.length > 0)
    filters.push({ terms: { 'service.name': serviceNames } });
  return filters;
}
