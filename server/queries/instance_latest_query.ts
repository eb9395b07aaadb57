import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';
import type { InstanceLatestRequest, InstanceLatestResponse } from '../../common/panels';
import { selectionFilter } from './panel_scope';

function valueAt(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The numbers are read from doc values: a stored `_source` leaves them out
 * (storage/index_templates.ts heapSourceExcludes), and doc values hold them exactly. Longs come
 * formatted as decimal strings, so one beyond 2^53 stays exact (as the document wrote it).
 */
const NUMERIC_FIELDS = [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].filter(
  (field) => field.type !== 'keyword' && field.type !== 'boolean'
);
const LONG_FIELDS: readonly string[] = NUMERIC_FIELDS.filter((f) => f.type !== 'double').map(
  (f) => f.name
);
const DOUBLE_FIELDS: readonly string[] = NUMERIC_FIELDS.filter((f) => f.type === 'double').map(
  (f) => f.name
);

/**
 * Points in time in nanoseconds (LastGC, ~1.7e18): beyond 2^53, so `_source` parsed into a
 * double would round them. Their doc values are read formatted as decimal strings, which
 * Elasticsearch prints from the long exactly, in every layout.
 */
const EXACT_FIELDS = HEAP_FIELDS.filter((field) => field.kind === 'timestamp').map(
  (field) => field.name
);

/**
 * One instance's latest heap document in the range: every MemStats field of the field table
 * (exact: LastGC and any integer beyond 2^53 stay strings), the numeric derived fields, and
 * the command line as it was indexed (redacted unless the target keeps it).
 */
export async function queryInstanceLatest(
  client: ElasticsearchClient,
  request: InstanceLatestRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<InstanceLatestResponse> {
  const response = await client.search<Record<string, unknown>>(
    {
      index: dataStreamPattern(HEAP_DATASET),
      size: 1,
      ignore_unavailable: true,
      allow_no_indices: true,
      track_total_hits: false,
      query: {
        bool: { filter: selectionFilter({ ...request, instances: [request.instance] }, spaceId) },
      },
      sort: [{ '@timestamp': { order: 'desc' } }],
      // The command line stays in `_source` (its order; doc values sort it).
      _source: ['golang.heap.cmdline'],
      docvalue_fields: [
        { field: '@timestamp', format: 'epoch_millis' },
        'go_runtime.target.id',
        ...DOUBLE_FIELDS,
        ...LONG_FIELDS.map((field) => ({ field, format: '0' })),
      ],
    },
    { signal }
  );
  const hit = response.hits.hits[0];
  if (hit === undefined) return { found: false };
  const source = hit._source ?? {};
  const fields = (hit.fields ?? {}) as Record<string, unknown[] | undefined>;
  const values: Record<string, number | string> = {};
  for (const name of DOUBLE_FIELDS) {
    const value = fields[name]?.[0];
    if (typeof value === 'number') values[name] = value;
  }
  const exactFields: readonly string[] = EXACT_FIELDS;
  for (const name of LONG_FIELDS) {
    const exact = fields[name]?.[0];
    if (typeof exact !== 'string' || !/^-?\d+$/.test(exact)) continue;
    // Points in time stay strings; other counts are numbers while a double holds them exactly.
    values[name] =
      exactFields.includes(name) || !Number.isSafeInteger(Number(exact)) ? exact : Number(exact);
  }
  const cmdline = valueAt(source, 'golang.heap.cmdline');
  return {
    found: true,
    at: Number(fields['@timestamp']?.[0]) || 0,
    target_id: String(fields['go_runtime.target.id']?.[0] ?? ''),
    values,
    cmdline: Array.isArray(cmdline)
      ? cmdline.map(String)
      : typeof cmdline === 'string'
      ? [cmdline]
      : null,
  };
}
