import { HEAP_DATASET } from '../../common/data_streams';
import { HEAP_FIELDS } from '../../common/heap_fields';
import type { ExpvarPayload } from '../parse/expvar_payload';

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

export type HeapDocument = Record<string, unknown> & {
  '@timestamp': string;
  service: { name: string; address: string; node: { name: string } };
  data_stream: { type: 'metrics'; dataset: typeof HEAP_DATASET; namespace: string };
};

/** One scrape → one heap document, every value read from the field table. */
export function buildHeapDocument(
  payload: ExpvarPayload,
  origin: ScrapeOrigin,
  scrapedAt: Date,
  scrapeDurationMs: number
): HeapDocument {
  const document: HeapDocument = {
    '@timestamp': scrapedAt.toISOString(),
    service: { name: origin.serviceName, address: origin.url, node: { name: origin.targetName } },
    event: {
      dataset: HEAP_DATASET,
      module: 'golang',
      kind: 'metric',
      // ECS event.duration is in nanoseconds.
      duration: Math.round(scrapeDurationMs * 1e6),
    },
    data_stream: { type: 'metrics', dataset: HEAP_DATASET, namespace: origin.namespace },
    // ECS/Metricbeat: the collection period in milliseconds.
    metricset: { name: 'heap', period: origin.periodMs },
    agent: { type: 'go-runtime-kibana', name: 'go-runtime-kibana' },
    go_runtime: { target: { id: origin.targetId } },
  };
  for (const field of HEAP_FIELDS) {
    setPath(document, field.name, payload.memstats[field.source]);
  }
  return document;
}

function setPath(target: Record<string, unknown>, dottedPath: string, value: unknown): void {
  const keys = dottedPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}
