import type { Dataset } from '../../common/data_streams';

/** Who was scraped, as the documents name it (ECS service.*). */
export interface ScrapeOrigin {
  readonly targetId: string;
  readonly targetName: string;
  readonly serviceName: string;
  readonly url: string;
  readonly namespace: string;
  /** The target's scrape interval; charts size their buckets from it. */
  readonly periodMs: number;
}

/** ECS identity shared by the heap and expvar documents of one scrape. */
export function scrapeIdentity(origin: ScrapeOrigin, dataset: Dataset, scrapedAt: Date, scrapeDurationMs: number) {
  return {
    '@timestamp': scrapedAt.toISOString(),
    service: { name: origin.serviceName, address: origin.url, node: { name: origin.targetName } },
    event: {
      dataset,
      module: 'golang',
      kind: 'metric',
      // ECS event.duration is in nanoseconds.
      duration: Math.round(scrapeDurationMs * 1e6),
    },
    data_stream: { type: 'metrics' as const, dataset, namespace: origin.namespace },
    // ECS/Metricbeat: the collection period in milliseconds.
    metricset: { name: dataset.split('.')[1]!, period: origin.periodMs },
    agent: { type: 'go-runtime-kibana', name: 'go-runtime-kibana' },
    go_runtime: { target: { id: origin.targetId } },
  };
}
