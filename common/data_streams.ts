/**
 * Data stream naming. `metrics-<dataset>-<namespace>` is the Elastic data stream scheme, so the
 * documents sit beside what Elastic Agent ships and Kibana's data views find them. The datasets
 * are the plugin's own (`go_runtime.*`): `golang` belongs to Elastic's Golang integration
 * package. The field names inside the documents (`golang.heap.*`, `golang.expvar.*`) are the
 * ones Metricbeat's golang module and the APM Go agent use, so they stay.
 */
export const HEAP_DATASET = 'go_runtime.heap';
export const EXPVAR_DATASET = 'go_runtime.expvar';
/** One document per scrape attempt, success or failure: the plugin's `up`. */
export const SCRAPE_DATASET = 'go_runtime.scrape';
/** One document per heap profile or goroutine read (server/profiles): top functions, stacks, groups. */
export const PROFILE_DATASET = 'go_runtime.profile';
export const DEFAULT_NAMESPACE = 'default';

export const DATASETS = [HEAP_DATASET, EXPVAR_DATASET, SCRAPE_DATASET, PROFILE_DATASET] as const;
export type Dataset = (typeof DATASETS)[number];

export function dataStreamName(dataset: Dataset, namespace: string): string {
  return `metrics-${dataset}-${namespace}`;
}

/** Index pattern that covers every namespace of one dataset (for templates and queries). */
export function dataStreamPattern(dataset: Dataset): string {
  return `metrics-${dataset}-*`;
}

/** Every data stream of the plugin (for privileges, refreshes and clean-ups). */
export const ALL_DATA_STREAMS_PATTERN = 'metrics-go_runtime.*';
