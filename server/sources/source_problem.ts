import type { SourceId, SourceProblem } from '../../common/sources';

interface ErrorMeta {
  readonly statusCode?: number;
  readonly body?: {
    readonly error?: {
      readonly reason?: string;
      readonly caused_by?: { readonly reason?: string };
    };
  };
}

/**
 * A source's failed search as one line for the page, beside what the other sources drew: an
 * index the user may not read, a field mapped as text in one index, a timeout.
 */
export function sourceProblemOf(source: SourceId, error: unknown): SourceProblem {
  const meta = (error as { meta?: ErrorMeta }).meta;
  const reason =
    meta?.body?.error?.caused_by?.reason ?? meta?.body?.error?.reason ?? (error as Error).message;
  return {
    source,
    message:
      meta?.statusCode === 401 || meta?.statusCode === 403
        ? `Elasticsearch refused the search for your user: ${reason}`
        : `The search failed: ${reason}`,
  };
}

interface ShardsPart {
  readonly _shards?: {
    readonly failed?: number;
    readonly failures?: ReadonlyArray<{
      readonly index?: string | null;
      readonly reason?: { readonly reason?: string; readonly caused_by?: { reason?: string } };
    }>;
  };
}

/**
 * Shards that failed while others answered (a field mapped as a string in one index of the
 * pattern): the numbers shown miss those documents, and the page says so.
 */
export function shardProblemOf(source: SourceId, response: ShardsPart): SourceProblem | undefined {
  const shards = response._shards;
  if (shards === undefined || (shards.failed ?? 0) === 0) return undefined;
  const first = shards.failures?.[0];
  const reason = first?.reason?.caused_by?.reason ?? first?.reason?.reason ?? 'unknown reason';
  return {
    source,
    message: `${shards.failed} shard(s) failed${
      first?.index ? ` (index ${first.index})` : ''
    }: ${reason}`,
  };
}
