import type { ElasticsearchClient } from '@kbn/core/server';

export interface DocumentToWrite {
  readonly index: string;
  /** Deterministic per target and scrape slot: a retried bulk can never index a scrape twice. */
  readonly id: string;
  /**
   * A time series data stream derives `_id` from the dimensions and `@timestamp` and refuses
   * any other; `id` then only names the document in the outcome.
   */
  readonly idFromDimensions?: boolean;
  readonly document: Record<string, unknown>;
}

export interface WriteOutcome {
  readonly written: number;
  /** Already present under the same _id (a retry, or another node won the race). */
  readonly duplicates: number;
  readonly failures: ReadonlyArray<{ id: string; reason: string }>;
}

/** One bulk request with `create` operations; per-item failures are reported, not thrown. */
export async function writeDocuments(
  client: ElasticsearchClient,
  documents: readonly DocumentToWrite[]
): Promise<WriteOutcome> {
  if (documents.length === 0) return { written: 0, duplicates: 0, failures: [] };
  const operations = documents.flatMap(({ index, id, idFromDimensions, document }) => [
    { create: { _index: index, ...(idFromDimensions === true ? {} : { _id: id }) } },
    document,
  ]);
  const response = await client.bulk({ operations });
  let written = 0;
  let duplicates = 0;
  const failures: Array<{ id: string; reason: string }> = [];
  response.items.forEach((item, position) => {
    const result = item.create;
    const id = documents[position]!.id;
    if (result === undefined) {
      failures.push({ id, reason: 'Elasticsearch returned no result for this document' });
    } else if (result.status === 409) {
      duplicates++;
    } else if (result.error !== undefined && result.error !== null) {
      failures.push({ id, reason: `${result.error.type}: ${result.error.reason ?? ''}`.trim() });
    } else {
      written++;
    }
  });
  return { written, duplicates, failures };
}
