import type { ElasticsearchClient } from '@kbn/core/server';
import type { SourceId } from '../../../common/sources';
import { sourceReaders, type SourceReader } from '../../sources/source_readers';
import { aggregationSearch } from '../../queries/aggregation_search';

/**
 * What the rule queries need to read another product's Go documents (the APM Go agent's, the
 * Golang integration's, Metricbeat's) beside the plugin's own: the source's filters, its runtime
 * fields for service and instance, and one search per source so that one source's failure
 * leaves the others' answers standing.
 */

export type ExternalSourceId = Exclude<SourceId, 'go_runtime'>;
export type ExternalReader = SourceReader & { readonly id: ExternalSourceId };

/** Without kibana.yml's sources (a rule type or route built alone): the plugin's own documents. */
export const OWN_SOURCE_ONLY: readonly SourceReader[] = sourceReaders({
  apm: { enabled: false, indices: '' },
  golangIntegration: { enabled: false, indices: '' },
  metricbeat: { enabled: false, indices: '' },
  serviceNames: [],
});

export const isExternal = (reader: SourceReader): reader is ExternalReader =>
  reader.id !== 'go_runtime';

/**
 * The filters of a rule query on an external source: the window, the source's own documents
 * (never a space: other products' documents carry none), the rule's services by the source's
 * identity rules, and only documents that have `field` (an index pattern may hold several
 * streams of one source, e.g. the integration's heap and expvar).
 */
export function externalRuleFilters(
  reader: ExternalReader,
  window: { readonly fromMs: number; readonly toMs: number },
  serviceNames: readonly string[] | undefined,
  field?: string
): object[] {
  const filters: object[] = [
    {
      range: { '@timestamp': { gte: window.fromMs, lte: window.toMs, format: 'epoch_millis' } },
    },
    ...reader.documentFilter(''),
  ];
  if (serviceNames !== undefined && serviceNames.length > 0)
    filters.push({
      bool: {
        minimum_should_match: 1,
        should: serviceNames.map((name) => reader.serviceFilter(name)),
      },
    });
  if (field !== undefined) filters.push({ exists: { field } });
  return filters;
}

/** Some shards of a source's search failed (e.g. a field mapped as text in one index). */
export class SourceShardsFailedError extends Error {
  constructor(source: SourceId, reasons: readonly string[]) {
    super(`${source}: ${reasons.length} shard(s) failed: ${reasons.join('; ')}`);
  }
}

interface ShardFailures {
  _shards?: { failed?: number; failures?: Array<{ index?: string; reason?: { reason?: string } }> };
}

/**
 * An aggregations-only search of an external source (grouped through its identity keys: see
 * identityGroupAggs). A search that failed on some shards is a failure of the source: a rule
 * judged on part of a service's documents could alert (or recover) on what it did not read.
 */
export async function externalAggregationSearch<TAggregations>(
  client: ElasticsearchClient,
  reader: ExternalReader,
  request: {
    readonly filter: readonly object[];
    readonly aggs: Record<string, object>;
    readonly trackTotalHits?: boolean;
  },
  signal?: AbortSignal
) {
  const response = await aggregationSearch<TAggregations>(
    client,
    { ...request, index: reader.index },
    signal
  );
  const shards = (response as ShardFailures)._shards;
  if ((shards?.failed ?? 0) > 0)
    throw new SourceShardsFailedError(
      reader.id,
      (shards?.failures ?? []).map(
        (failure) => `[${failure.index ?? '?'}] ${failure.reason?.reason ?? 'unknown reason'}`
      )
    );
  return response;
}

/** A source that could not be read in one run or request, with why. */
export interface SourceFailure {
  readonly source: SourceId;
  readonly message: string;
}

/**
 * Runs `query` on each source at once. A source that fails is told in `failures` and the
 * others' answers stand. When every source failed (or the caller aborted) it throws the first
 * error, as a query of one source would: the run or request failed, and Kibana says so.
 */
export async function eachSource<T>(
  readers: readonly SourceReader[],
  query: (reader: SourceReader) => Promise<T>,
  signal?: AbortSignal
): Promise<{
  answers: Array<{ readonly reader: SourceReader; readonly answer: T }>;
  failures: SourceFailure[];
}> {
  const settled = await Promise.allSettled(readers.map((reader) => query(reader)));
  const rejected = settled.find(
    (result): result is PromiseRejectedResult => result.status === 'rejected'
  );
  const allFailed = settled.every((result) => result.status === 'rejected');
  if (rejected !== undefined && (signal?.aborted === true || allFailed)) throw rejected.reason;
  const answers: Array<{ reader: SourceReader; answer: T }> = [];
  const failures: SourceFailure[] = [];
  settled.forEach((result, index) => {
    const reader = readers[index]!;
    if (result.status === 'fulfilled') answers.push({ reader, answer: result.value });
    else failures.push({ source: reader.id, message: messageOf(result.reason) });
  });
  return { answers, failures };
}

/** Elasticsearch's own reason (the first shard's, for "all shards failed"), else the error's message. */
function messageOf(error: unknown): string {
  const body = (
    error as {
      meta?: {
        body?: {
          error?: {
            reason?: string;
            failed_shards?: Array<{ index?: string; reason?: { reason?: string } }>;
          };
        };
      };
    }
  ).meta?.body;
  const shard = body?.error?.failed_shards?.[0];
  if (shard?.reason?.reason !== undefined)
    return `${body?.error?.reason ?? 'search failed'}: [${shard.index ?? '?'}] ${
      shard.reason.reason
    }`;
  return body?.error?.reason ?? (error instanceof Error ? error.message : String(error));
}
