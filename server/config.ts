import { schema, type TypeOf } from '@kbn/config-schema';
import { DEFAULT_DENIED_NETWORKS, hostPatternProblem, parseNetwork } from './scrape/scrape_policy';
import { SOURCES, type SourceId } from '../common/sources';

/** Ids `goRuntime:poll:0` … `:<MAX_PARTITIONS - 1>`; partitions above the configured count are removed. */
export const MAX_PARTITIONS = 64;

/**
 * `go_runtime.*` in kibana.yml. Every limit that protects the Kibana server from its targets
 * lives here, with the default a careful operator would pick.
 */
export const configSchema = schema.object({
  /**
   * How long the plugin's documents (heap, expvar, scrape) are kept: the data stream
   * lifecycle's `data_retention` in the plugin's own index templates, e.g. "30d". A data stream
   * takes it when it is created; other templates and data streams are never changed.
   */
  retention: schema.string({
    defaultValue: '30d',
    validate: (value) =>
      /^[1-9]\d*(d|h)$/.test(value)
        ? undefined
        : 'must be a whole number of days or hours, like "30d"',
  }),
  /**
   * How far back a new heap data stream (a time series data stream) accepts documents, e.g.
   * "2h" (Elasticsearch's `index.look_back_time`). It bounds how old a document buffered
   * through an Elasticsearch outage may be when the data stream is new; Elasticsearch rejects
   * older ones. Ignored by a cluster without the
   * data-streams module (dev/es), whose time series indices have no time bounds.
   */
  lookBackTime: schema.string({
    defaultValue: '2h',
    validate: (value) =>
      /^[1-9]\d*(m|h|d)$/.test(value)
        ? undefined
        : 'must be a whole number of minutes, hours or days, like "2h"',
  }),
  sizeClasses: schema.object({
    /**
     * How often a target's size classes (MemStats.BySize) are stored, in minutes: the
     * heatmap's finest column is twice this. Every 5 minutes they cost about a third of what
     * they cost every minute (docs/configuration.md and dev_docs/design.md, storage layout).
     */
    periodMinutes: schema.number({ defaultValue: 5, min: 1, max: 60 }),
  }),
  scrape: schema.object({
    /** A /debug/vars body larger than this is cut off and reported. */
    maxBytes: schema.number({
      defaultValue: 8 * 1024 * 1024,
      min: 64 * 1024,
      max: 256 * 1024 * 1024,
    }),
    /** Upper bound for one scrape, ms; a target's own interval lowers it further. */
    timeoutMs: schema.number({ defaultValue: 10_000, min: 500, max: 120_000 }),
    /** Scrapes in flight at once on one Kibana node. */
    concurrency: schema.number({ defaultValue: 20, min: 1, max: 500 }),
    /** Host patterns a target URL may name: "*", "*.example.com", exact names, IP literals. */
    allowedHosts: schema.arrayOf(schema.string({ validate: hostPatternProblem }), {
      defaultValue: ['*'],
      minSize: 1,
    }),
    /**
     * Networks (CIDRs) a scrape never connects to, checked on the resolved address at connect
     * time. The default keeps out link-local and cloud metadata; loopback and private ranges
     * are allowed because most on-premise targets live there (docs/configuration.md, where Kibana may send scrapes).
     */
    deniedNetworks: schema.arrayOf(schema.string({ validate: (rule) => networkProblem(rule) }), {
      defaultValue: [...DEFAULT_DENIED_NETWORKS],
    }),
  }),
  poll: schema.object({
    /**
     * Recurring tasks `goRuntime:poll:<k>` the targets are split over; each Kibana node claims
     * some, so several nodes scrape at once. Each one occupies a Task Manager worker while it runs.
     */
    partitions: schema.number({ defaultValue: 4, min: 1, max: MAX_PARTITIONS }),
    /**
     * How long one task run keeps its partition and scrapes on the targets' grid. Task Manager
     * claims every few seconds, far too coarse for 1 s or 10 s intervals, so a run does not end
     * after one slot.
     */
    runSeconds: schema.number({ defaultValue: 30, min: 2, max: 600 }),
    /**
     * Task Manager's timeout for one run: after it, another node may claim the partition. A run
     * outlives runSeconds only while Elasticsearch cannot take its documents, up to this.
     */
    timeoutSeconds: schema.number({ defaultValue: 180, min: 20, max: 3600 }),
  }),
  targets: schema.object({
    /**
     * Targets that may exist, in all spaces together; a create beyond it is refused with a
     * message, never skipped silently. 10,000 is also what one poll cycle is built for.
     */
    max: schema.number({ defaultValue: 10_000, min: 1, max: 10_000 }),
  }),
  /**
   * Who writes the scraped documents into `metrics-go_runtime.*`: an API key (the `encoded` value
   * Elasticsearch returns) or a user. Kibana's own identity may not create documents in data
   * streams of user data; with Elasticsearch security on, give this identity `create_doc`,
   * `create_index` and `auto_configure` on `metrics-go_runtime.*`. Unset, Kibana's identity writes,
   * which works only on a cluster without security or a Kibana that runs as such a user.
   */
  writer: schema.maybe(
    schema.oneOf([
      schema.object({ apiKey: schema.string({ minLength: 1 }) }),
      schema.object({
        username: schema.string({ minLength: 1 }),
        password: schema.string({ minLength: 1 }),
      }),
    ])
  ),
  /**
   * Go runtime data other Elastic products already wrote, read as the current user beside the
   * plugin's own (docs/sources.md). Each is on by default and costs nothing where its indices do
   * not exist; `indices` is a comma-separated index pattern.
   */
  sources: schema.object({
    apm: externalSource('apm'),
    golangIntegration: externalSource('golang_integration'),
    metricbeat: externalSource('metricbeat'),
    /**
     * Names for services the Golang integration or Metricbeat scrape without a `service.name`:
     * each such document belongs to the service named for its `service.address` here, or else
     * to a service named by the address itself.
     */
    serviceNames: schema.arrayOf(
      schema.object({
        address: schema.string({ minLength: 1, maxLength: 2048 }),
        name: schema.string({ minLength: 1, maxLength: 256 }),
      }),
      { defaultValue: [], maxSize: 10_000 }
    ),
  }),
  buffer: schema.object({
    /** Documents kept on one node while Elasticsearch cannot take them; beyond, oldest dropped. */
    maxBytes: schema.number({
      defaultValue: 64 * 1024 * 1024,
      min: 1024 * 1024,
      max: 1024 * 1024 * 1024,
    }),
  }),
});
export type GoRuntimeConfig = TypeOf<typeof configSchema>;

/**
 * Rules between keys that one key's schema cannot express; Kibana would refuse to start with
 * such a config, so the plugin does too, naming the keys.
 */
export function checkConfig(config: GoRuntimeConfig): void {
  const { runSeconds, timeoutSeconds } = config.poll;
  if (timeoutSeconds < runSeconds + 15) {
    throw new Error(
      `[go_runtime.poll.timeoutSeconds] must be at least [go_runtime.poll.runSeconds] + 15 (${
        runSeconds + 15
      }); got ${timeoutSeconds}`
    );
  }
}

function externalSource(id: Exclude<SourceId, 'go_runtime'>) {
  return schema.object({
    enabled: schema.boolean({ defaultValue: true }),
    indices: schema.string({ defaultValue: SOURCES[id].defaultIndices, minLength: 1 }),
  });
}

function networkProblem(rule: string): string | undefined {
  const parsed = parseNetwork(rule);
  return typeof parsed === 'string' ? parsed : undefined;
}

export const config = { schema: configSchema };
