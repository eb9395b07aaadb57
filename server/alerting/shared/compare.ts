import type { Comparator } from '../../../common/alerting/rule_params';

/** True when `value` meets the condition; "between" includes both ends, as Kibana's comparators do. */
export function meetsThreshold(
  value: number,
  comparator: Comparator,
  threshold: readonly number[]
): boolean {
  const [first, second] = threshold as [number, number | undefined];
  switch (comparator) {
    case '>':
      return value > first;
    case '>=':
      return value >= first;
    case '<':
      return value < first;
    case '<=':
      return value <= first;
    case 'between':
      return second !== undefined && value >= first && value <= second;
  }
}

const WORDS: Record<Comparator, string> = {
  '>': 'above',
  '>=': 'at or above',
  '<': 'below',
  '<=': 'at or below',
  between: 'between',
};
export function comparatorWords(comparator: Comparator): string {
  return WORDS[comparator];
}
