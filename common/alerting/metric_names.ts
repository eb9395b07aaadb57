import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../heap_fields';
import { CUSTOM_METRIC_PREFIX, type Aggregation } from './rule_params';

/**
 * The English names of what a threshold rule watches, from the one field table: the rule form
 * lists metrics by these names and the rules' reasons say them, so a notification never shows
 * a field id such as golang.heap.allocations.active. The browser translates field labels under
 * goRuntime.fields.<name>; the server's reasons are English, as Kibana's own rules' are.
 */
export function metricLabel(metric: string): string {
  if (metric.startsWith(CUSTOM_METRIC_PREFIX))
    return `custom metric ${metric.slice(CUSTOM_METRIC_PREFIX.length)}`;
  return (
    [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].find((field) => field.name === metric)?.label ?? metric
  );
}

/** A label inside a sentence: "Heap allocated" reads "heap allocated", "GC CPU fraction" stays. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

const AGGREGATION_WORDS: Record<Exclude<Aggregation, 'rate'>, string> = {
  max: 'the highest',
  min: 'the lowest',
  avg: 'the average',
  last: 'the latest',
};

/**
 * What a rule evaluates, as the subject of a sentence: "the highest heap allocated", "the rate
 * of bytes allocated" (a rate is of a counter, whose label says "cumulative": a rate is not).
 */
export function measurePhrase(metric: string, aggregation: Aggregation): string {
  const label = inSentence(metricLabel(metric));
  return aggregation === 'rate'
    ? `the rate of ${label.replace(/ \(cumulative\)$/, '')}`
    : `${AGGREGATION_WORDS[aggregation]} ${label}`;
}
