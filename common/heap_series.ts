import * as t from 'io-ts';
import { IsoInstant, strictObjectWithOptional, keyOf } from './codecs';
import { ServiceName } from './targets';
import { CHARTABLE_GAUGES, type HeapFieldName } from './heap_fields';

const GaugeField = new t.Type<HeapFieldName, string, unknown>(
  'GaugeField',
  (u): u is HeapFieldName =>
    typeof u === 'string' && (CHARTABLE_GAUGES as readonly string[]).includes(u),
  (u, c) =>
    typeof u === 'string' && (CHARTABLE_GAUGES as readonly string[]).includes(u)
      ? t.success(u as HeapFieldName)
      : t.failure(u, c, `[${keyOf(c)}] must be one of ${CHARTABLE_GAUGES.join(', ')}`),
  t.identity
);

/** Query of the internal heap series route. Times are ISO strings on the wire, ms in code. */
export const HeapSeriesQuery = strictObjectWithOptional(
  { from: IsoInstant, to: IsoInstant },
  { service_name: ServiceName, field: GaugeField },
  'HeapSeriesQuery'
);
export type HeapSeriesQuery = t.TypeOf<typeof HeapSeriesQuery>;

/** One line on the chart: one instance (service.node.name, the target's name) of one service. */
export const HeapSeries = t.type({
  service_name: t.string,
  service_node_name: t.string,
  /** [epoch ms, value or null when the instance reported nothing in that bucket] */
  points: t.array(t.tuple([t.number, t.union([t.number, t.null])])),
});
export type HeapSeries = t.TypeOf<typeof HeapSeries>;

export const HeapSeriesResponse = t.type({
  field: t.string,
  bucket_ms: t.number,
  series: t.array(HeapSeries),
});
export type HeapSeriesResponse = t.TypeOf<typeof HeapSeriesResponse>;
