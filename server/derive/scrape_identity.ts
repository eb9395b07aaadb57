import type { Dataset } from '../../common/data_streams';

/** Who was scraped, as the documents name it (ECS service.*). */
export interface ScrapeOrigin {
  readonly targetId: string;
  readonly targetName: string;
  readonly serviceName: string;
  readonly url: string;
  /** The Kibana space of the target's saved object (`default` for the default space). */
  readonly spaceId: string;
  readonly namespace: string;
  /** The target's scrape interval; charts size their buckets from it. */
  readonly periodMs: number;
}

/**
 * ECS identity shared by the heap and expvar documents of one scrape. With `slotMs`,
 * `@timestamp` is the slot's start and `event.start` the fetch time: a time series data stream
 * derives `_id` from `@timestamp`, so every scrape of one slot (a retry, a second node) must
 * carry the same one. Without it (expvar, standard mode with its own `_id`), `@timestamp` is
 * the fetch time.
 */
export function scrapeIdentity(
  origin: ScrapeOrigin,
  dataset: Dataset,
  scrapedAt: Date,
  scrapeDurationMs: number,
  slotMs?: number
) {
  return {
    '@timestamp': slotMs === undefined ? scrapedAt.toISOString() : new Date(slotMs).toISOString(),
    service: {
      name: origin.serviceName,
      address: serviceAddress(origin.url),
      node: { name: origin.targetName },
    },
    event: {
      dataset,
      module: 'golang',
      kind: 'metric',
      ...(slotMs === undefined ? {} : { start: scrapedAt.toISOString() }),
      // ECS event.duration is in nanoseconds.
      duration: Math.round(scrapeDurationMs * 1e6),
    },
    data_stream: { type: 'metrics' as const, dataset, namespace: origin.namespace },
    // ECS/Metricbeat: the collection period in milliseconds.
    metricset: { name: dataset.split('.')[1]!, period: origin.periodMs },
    agent: { type: 'go-runtime-kibana', name: 'go-runtime-kibana' },
    go_runtime: { target: { id: origin.targetId, space_id: origin.spaceId } },
  };
}

/**
 * ECS `service.address`: the URL without its query string, fragment or credentials. A query
 * string may hold a token, and documents are read by everyone with access to the data.
 */
export function serviceAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '';
  }
}
