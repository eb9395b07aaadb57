import { schema, type TypeOf } from '@kbn/config-schema';

/**
 * `go_runtime.*` in kibana.yml. Every limit that protects the Kibana server from its targets
 * lives here, with the default a careful operator would pick.
 */
export const configSchema = schema.object({
  /** How long heap and expvar documents are kept (data stream lifecycle), e.g. "30d". */
  retention: schema.string({
    defaultValue: '30d',
    validate: (value) => (/^[1-9]\d*(d|h)$/.test(value) ? undefined : 'must be a whole number of days or hours, like "30d"'),
  }),
  /**
   * How far back a new heap data stream (a time series data stream) accepts documents, e.g.
   * "2h" (Elasticsearch's `index.look_back_time`). It bounds how old a document buffered
   * through an Elasticsearch outage may be when the data stream (or its switch from the
   * standard layout) is new; Elasticsearch rejects older ones. Ignored by a cluster without the
   * data-streams module (dev/es), whose time series indices have no time bounds.
   */
  lookBackTime: schema.string({
    defaultValue: '2h',
    validate: (value) => (/^[1-9]\d*(m|h|d)$/.test(value) ? undefined : 'must be a whole number of minutes, hours or days, like "2h"'),
  }),
  scrape: schema.object({
    /** A /debug/vars body larger than this is cut off and reported. */
    maxBytes: schema.number({ defaultValue: 8 * 1024 * 1024, min: 64 * 1024, max: 256 * 1024 * 1024 }),
    /** Upper bound for one scrape, ms; a target's own interval lowers it further. */
    timeoutMs: schema.number({ defaultValue: 10_000, min: 500, max: 120_000 }),
    /** Scrapes in flight at once on one Kibana node. */
    concurrency: schema.number({ defaultValue: 20, min: 1, max: 500 }),
  }),
});
export type GoRuntimeConfig = TypeOf<typeof configSchema>;

export const config = { schema: configSchema };
