import { PROFILE_DATASET, dataStreamPattern } from '../../common/data_streams';
import type { ProfileKind } from '../../common/profiles';
import type { ProfileRequest } from '../../common/profile_pages';
import { INSTANCE_FIELD } from './panel_scope';
import { spaceFilter } from './space_filter';

export const PROFILE_INDEX = dataStreamPattern(PROFILE_DATASET);

/**
 * The successful reads of one kind for a service (or one of its instances) in a range: a failed
 * read is kept as a document too, but has nothing to draw.
 */
export function profileFilter(
  request: ProfileRequest,
  spaceId: string,
  kind: ProfileKind,
  instance = request.instance
): object[] {
  return [
    { range: { '@timestamp': { gte: request.from, lte: request.to, format: 'epoch_millis' } } },
    { term: { 'service.name': request.service_name } },
    spaceFilter(spaceId),
    { term: { 'go_runtime.profile.kind': kind } },
    { term: { 'event.outcome': 'success' } },
    ...(instance === undefined ? [] : [{ term: { [INSTANCE_FIELD]: instance } }]),
  ];
}

/** One document at an end of the range, only the fields asked for. */
export function endOfRange(order: 'asc' | 'desc', fields: readonly string[]) {
  return {
    top_hits: {
      size: 1,
      sort: [{ '@timestamp': { order } }],
      _source: { includes: ['@timestamp', INSTANCE_FIELD, ...fields] },
    },
  };
}

export interface EndDocument<T> {
  readonly '@timestamp': string;
  readonly service?: { readonly node?: { readonly name?: string } };
  readonly go_runtime?: { readonly profile?: T };
}
