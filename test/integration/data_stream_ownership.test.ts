/**
 * The plugin creates, updates and remaps only the index templates and data streams it made
 * (`_meta.managed_by: go_runtime`), against the real Elasticsearch: data streams of the Golang
 * integration's dataset and a stream of another owner under the plugin's own pattern stay as
 * they were through two installs, while the plugin's own streams are created with the mark and
 * the configured retention and take documents. An own stream of an older template version gets
 * the current mappings without a rollover.
 */
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { flattenCustomVars } from '../../server/derive/custom_vars';
import type { MemStats } from '../../server/parse/expvar_payload';
import {
  EXPVAR_TEMPLATE_NAME,
  HEAP_TEMPLATE_NAME,
  PROFILE_TEMPLATE_NAME,
  SCRAPE_TEMPLATE_NAME,
  TEMPLATE_VERSION,
} from '../../server/storage/index_templates';
import { installIndexTemplates, type InstallOutcome } from '../../server/storage/install_templates';
import { deriveDocuments, scrapeHealthDocument } from '../../server/tasks/scrape_target';
import { benchTarget } from '../bench/bench_target';
import { GoRuntimeSim } from '../fixtures/sim/go_runtime_sim';
import { esClient } from '../harness/documents';

jest.setTimeout(120_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
beforeAll(() => {
  client = esClient();
});
afterAll(async () => {
  // The other tests' hosts expect the default retention in the plugin's templates.
  await installIndexTemplates(es(), { retention: '30d' });
  await client?.close();
});

const run = Date.now();
const OWN_MARK = { managed_by: 'go_runtime', template_version: TEMPLATE_VERSION };

/** Everything a start could change about a data stream, as Elasticsearch reports it. */
async function snapshot(stream: string) {
  const [resolved, mappings, settings, state] = await Promise.all([
    client.indices.resolveIndex({ name: stream, expand_wildcards: 'all' }),
    client.indices.getMapping({ index: stream }),
    client.indices.getSettings({ index: stream, flat_settings: true }),
    // dev/es has no _data_stream API (it lives in the data-streams module); the cluster state
    // holds the stream's generation, _meta and lifecycle everywhere.
    client.cluster.state({ metric: 'metadata', index: stream }),
  ]);
  const dataStream = (state.metadata as any).data_stream.data_stream[stream];
  return {
    backing: resolved.data_streams.find((s) => s.name === stream)?.backing_indices,
    generation: dataStream.generation,
    meta: dataStream._meta,
    lifecycle: dataStream.lifecycle,
    mappings,
    settings,
  };
}

/** A data stream from a template of another owner, created by its first document. */
async function foreignStream(stream: string) {
  await client.indices.putIndexTemplate({
    name: `someone-else-${stream}`,
    index_patterns: [stream],
    data_stream: {},
    // Above the plugin's 250, as an operator's or a package's template for one stream would be.
    priority: 500,
    _meta: { managed_by: 'someone-else' },
    template: {
      settings: { 'index.number_of_replicas': 0 },
      mappings: {
        _meta: { managed_by: 'someone-else' },
        properties: { note: { type: 'keyword' } },
      },
      lifecycle: { data_retention: '90d' },
    },
  });
  await client.index({
    index: stream,
    op_type: 'create',
    document: { '@timestamp': new Date().toISOString(), note: 'theirs' },
    refresh: true,
  });
  return stream;
}

/** One scrape of a simulated Go program, as the poll task derives it, into namespace `ns`. */
function ownDocuments(ns: string) {
  const target = benchTarget(
    `own-${ns}`,
    'node-1',
    `svc-${ns}`,
    'http://10.2.0.1:6060/debug/vars',
    50
  );
  const slot = Math.floor(Date.now() / 10_000) * 10_000 - 60_000;
  const scrape = new GoRuntimeSim({ seed: 3, restartChance: 0 }).scrape(slot + 20);
  const derived = deriveDocuments(
    target,
    slot,
    {
      payload: {
        memstats: scrape.memstats as unknown as MemStats,
        cmdline: scrape.cmdline,
        customVars: flattenCustomVars({ requests: 7 }, 50),
      },
      scrapedAt: new Date(slot + 20),
      durationMs: 3,
    },
    undefined
  );
  const health = scrapeHealthDocument(target, {
    slotMs: slot,
    startedAt: new Date(slot + 20),
    durationMs: 3,
    status: 200,
    bytes: 1000,
  });
  return [...derived.documents, health].map((document) => {
    const body = structuredClone(document.document) as Record<string, any>;
    body.data_stream.namespace = ns;
    return { index: document.index.replace(/-default$/, `-${ns}`), body };
  });
}

describe('data streams the plugin did not create', () => {
  it('are left as they were by two installs, while its own streams are created and work', async () => {
    const foreign = [
      // The Golang integration's dataset, metrics and logs.
      await foreignStream(`metrics-golang.expvar-x${run}`),
      await foreignStream(`logs-golang.heap-x${run}`),
      // Another owner's streams under the plugin's own patterns.
      await foreignStream(`metrics-go_runtime.heap-x${run}`),
      await foreignStream(`metrics-go_runtime.expvar-x${run}`),
    ];
    const before = await Promise.all(foreign.map(snapshot));
    const foreignTemplatesBefore = await client.indices.getIndexTemplate({
      name: `someone-else-*${run}`,
    });

    const outcomes: InstallOutcome[] = [];
    for (let start = 0; start < 2; start++)
      await installIndexTemplates(es(), {
        retention: '45d',
        onInstalled: (outcome) => outcomes.push(outcome),
      });

    expect(await Promise.all(foreign.map(snapshot))).toEqual(before);
    expect(before.map((s) => s.generation)).toEqual([1, 1, 1, 1]);
    expect(await client.indices.getIndexTemplate({ name: `someone-else-*${run}` })).toEqual(
      foreignTemplatesBefore
    );
    for (const outcome of outcomes) {
      expect(outcome.notOurs).toEqual(
        expect.arrayContaining([
          `metrics-go_runtime.heap-x${run}`,
          `metrics-go_runtime.expvar-x${run}`,
        ])
      );
      expect(outcome.remapped).toEqual([]);
    }
    // The second start finds its templates current.
    expect(outcomes[1]!.templates).toEqual({
      [HEAP_TEMPLATE_NAME]: 'keep',
      [EXPVAR_TEMPLATE_NAME]: 'keep',
      [SCRAPE_TEMPLATE_NAME]: 'keep',
      [PROFILE_TEMPLATE_NAME]: 'keep',
    });

    // The plugin's own streams: created by its templates, marked, with the configured retention.
    const ns = `mine${run}`;
    const documents = ownDocuments(ns);
    expect(documents.map((d) => d.index)).toEqual([
      `metrics-go_runtime.heap-${ns}`,
      `metrics-go_runtime.expvar-${ns}`,
      `metrics-go_runtime.scrape-${ns}`,
    ]);
    const bulk = await client.bulk({
      refresh: true,
      operations: documents.flatMap(({ index, body }) => [{ create: { _index: index } }, body]),
    });
    expect(bulk.items.map((item) => item.create?.error)).toEqual([undefined, undefined, undefined]);
    for (const { index, body } of documents) {
      const own = await snapshot(index);
      expect(own.meta).toEqual(expect.objectContaining({ managed_by: 'go_runtime' }));
      expect(own.lifecycle).toEqual({ enabled: true, data_retention: '45d' });
      expect(Object.values(own.mappings).map((m) => m.mappings._meta)).toEqual([OWN_MARK]);
      // From doc values: a stored heap `_source` leaves them out (storage/index_templates.ts).
      const hits = await client.search({
        index,
        query: { match_all: {} },
        docvalue_fields: ['data_stream.type', 'data_stream.dataset', 'data_stream.namespace'],
      });
      expect(
        hits.hits.hits.map((hit) => ({
          type: hit.fields?.['data_stream.type']?.[0],
          dataset: hit.fields?.['data_stream.dataset']?.[0],
          namespace: hit.fields?.['data_stream.namespace']?.[0],
        }))
      ).toEqual([body.data_stream]);
      expect(body.data_stream.dataset).toMatch(/^go_runtime\.(heap|expvar|scrape)$/);
      expect(body.event.dataset).toBe(body.data_stream.dataset);
    }
  });
});

describe('template versions', () => {
  it('brings its own older template and stream up to the current version, without a rollover', async () => {
    const stream = `metrics-go_runtime.expvar-old${run}`;
    const olderMark = { managed_by: 'go_runtime', template_version: TEMPLATE_VERSION - 1 };
    // What an older release of the plugin would have left: its template and a stream of it.
    await client.indices.putIndexTemplate({
      name: EXPVAR_TEMPLATE_NAME,
      index_patterns: ['metrics-go_runtime.expvar-*'],
      data_stream: {},
      priority: 250,
      _meta: { ...olderMark, retention: '30d' },
      template: {
        mappings: {
          dynamic: false,
          _meta: olderMark,
          properties: { '@timestamp': { type: 'date' } },
        },
      },
    });
    await client.index({
      index: stream,
      op_type: 'create',
      document: { '@timestamp': new Date().toISOString() },
      refresh: true,
    });

    const outcomes: InstallOutcome[] = [];
    for (let start = 0; start < 2; start++)
      await installIndexTemplates(es(), {
        retention: '30d',
        onInstalled: (outcome) => outcomes.push(outcome),
      });

    expect(outcomes.map((o) => o.templates[EXPVAR_TEMPLATE_NAME])).toEqual(['update', 'keep']);
    expect(outcomes.map((o) => o.remapped.includes(stream))).toEqual([true, false]);
    const template = await client.indices.getIndexTemplate({ name: EXPVAR_TEMPLATE_NAME });
    expect(template.index_templates[0]!.index_template._meta).toMatchObject(OWN_MARK);
    const after = await snapshot(stream);
    expect(after.generation).toBe(1);
    const [mapping] = Object.values(after.mappings);
    expect(mapping!.mappings._meta).toEqual(OWN_MARK);
    expect(
      (mapping!.mappings.properties as any).golang.properties.expvar.properties.metrics.type
    ).toBe('nested');
  });
});
