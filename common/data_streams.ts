/**
 * Data stream naming. `metrics-<dataset>-<namespace>` is the Elastic data stream scheme, so
 * the documents sit beside what Elastic Agent ships and Kibana's data views find them.
 */
export const HEAP_DATASET = 'golang.heap';
export const EXPVAR_DATASET = 'golang.expvar';
/** One document per scrape attempt, success or failure: the plugin's `up`. */
export const SCRAPE_DATASET = 'golang.scrape';
export const DEFAULT_NAMESPACE = 'default';

export type Dataset = typeof HEAP_DATASET | typeof EXPVAR_DATASET | typeof SCRAPE_DATASET;

export function dataStreamName(dataset: Dataset, namespace: string): string {
  return `metrics-${dataset}-${namespace}`;
}

/** Index pattern that covers every namespace of one dataset (for templates and queries). */
export function dataStreamPattern(dataset: Dataset): string {
  return `metrics-${dataset}-*`;
}
