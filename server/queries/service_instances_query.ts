import type { ElasticsearchClient } from '@kbn/core/server';
import { HEAP_DATASET, dataStreamPattern } from '../../common/data_streams';
import type {
  InstanceSummary,
  ServiceInstancesResponse,
  ServiceRequest,
} from '../../common/panels';
import type { SourceProblem } from '../../common/sources';
import type { SourceReader } from '../sources/source_readers';
import { partialProblem, sourceProblem } from '../sources/source_problem';
import { ownSourceReader } from '../sources/source_readers';
import type { QueryContext } from '../routes/dashboard_routes';
import type { Bucket, Buckets, MetricValue } from './aggregation_results';
import { INSTANCE_FIELD, selectionFilter } from './panel_scope';
import { aggregationSearch } from './aggregation_search';
import { keyedBuckets, keyedLimited, keyedTerms, type KeyedTerms } from './identity_aggs';

/** The instance picker lists at most this many; the response says when there are more. */
export const MAX_LISTED_INSTANCES = 1_000;

type InstanceBucket = Bucket & { readonly last: MetricValue };
interface Listed {
  readonly instances: InstanceSummary[];
  readonly limited: boolean;
  readonly problem?: SourceProblem;
}

const LAST = { last: { max: { field: '@timestamp' } } };
const summary = (bucket: InstanceBucket, source: InstanceSummary['source']): InstanceSummary => ({
  name: String(bucket.key),
  last_sample_at: bucket.last.value ?? 0,
  documents: bucket.doc_count,
  source,
});

async function ownInstances(
  client: ElasticsearchClient,
  request: ServiceRequest,
  spaceId: string,
  signal?: AbortSignal
): Promise<Listed> {
  const response = await aggregationSearch<{ instances: Buckets<InstanceBucket> }>(
    client,
    {
      index: dataStreamPattern(HEAP_DATASET),
      filter: selectionFilter({ ...request, instances: [] }, spaceId),
      aggs: {
        instances: {
          terms: { field: INSTANCE_FIELD, size: MAX_LISTED_INSTANCES + 1, order: { _key: 'asc' } },
          aggs: LAST,
        },
      },
    },
    signal
  );
  const buckets = response.aggregations?.instances.buckets ?? [];
  return {
    instances: buckets.slice(0, MAX_LISTED_INSTANCES).map((b) => summary(b, 'go_runtime')),
    limited: buckets.length > MAX_LISTED_INSTANCES,
  };
}

/** One other source's instances of the service, named by its first present instance field. */
async function sourceInstances(
  client: ElasticsearchClient,
  reader: SourceReader,
  request: ServiceRequest,
  signal?: AbortSignal
): Promise<Listed> {
  const response = await aggregationSearch<KeyedTerms<InstanceBucket>>(
    client,
    {
      index: reader.index,
      filter: [
        { range: { '@timestamp': { gte: request.from, lte: request.to, format: 'epoch_millis' } } },
        ...reader.documentFilter(''),
        reader.serviceFilter(request.service_name),
      ],
      aggs: keyedTerms(
        reader.instanceKeys,
        { size: MAX_LISTED_INSTANCES + 1, order: { _key: 'asc' } },
        LAST
      ),
    },
    signal
  );
  const problem = partialProblem(reader, response as never);
  return {
    instances: keyedBuckets(reader.instanceKeys, response.aggregations).map(({ bucket }) =>
      summary(bucket, reader.id)
    ),
    limited: keyedLimited(reader.instanceKeys, response.aggregations, MAX_LISTED_INSTANCES),
    ...(problem === undefined ? {} : { problem }),
  };
}

/**
 * The instances of one service that reported in the range, in every enabled source, by name
 * (the plugin's own first where two sources use one name: they are two instances).
 */
export async function queryServiceInstances(
  client: ElasticsearchClient,
  request: ServiceRequest,
  spaceId: string,
  signal?: AbortSignal,
  context?: QueryContext
): Promise<ServiceInstancesResponse> {
  const external = (context?.sources ?? []).filter((reader) => reader.id !== 'go_runtime');
  const results = await Promise.allSettled([
    ownInstances(client, request, spaceId, signal),
    ...external.map((reader) => sourceInstances(client, reader, request, signal)),
  ]);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0 && (signal?.aborted === true || failed.length === results.length))
    throw failed[0]!.reason;
  const readers = [ownSourceReader(), ...external];
  const problems: SourceProblem[] = [];
  const instances: InstanceSummary[] = [];
  let limited = false;
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      problems.push(sourceProblem(readers[i]!, result.reason));
      return;
    }
    instances.push(...result.value.instances);
    limited ||= result.value.limited;
    if (result.value.problem !== undefined) problems.push(result.value.problem);
  });
  const order = (source: InstanceSummary['source']) =>
    readers.findIndex((reader) => reader.id === source);
  instances.sort((a, b) =>
    a.name === b.name ? order(a.source) - order(b.source) : a.name < b.name ? -1 : 1
  );
  return {
    instances: instances.slice(0, MAX_LISTED_INSTANCES),
    limited: limited || instances.length > MAX_LISTED_INSTANCES,
    ...(problems.length === 0 ? {} : { problems }),
  };
}
