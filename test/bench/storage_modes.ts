/**
 * Standard vs time-series (TSDB) index mode for golang.heap documents, in one run against the
 * same Elasticsearch: 100,000 real-shaped documents (50 instances × 2,000 scrapes, built by the
 * plugin's own document builder from a real /debug/vars page), indexed in bulks of 5,000,
 * then force-merged to one segment. Prints docs/s, bytes/doc and the ratios.
 *
 *   ES_URL=http://127.0.0.1:9200 npx tsx test/bench/storage_modes.ts   (or it starts one)
 */
import { Client } from '@elastic/elasticsearch';
import { isRight } from 'fp-ts/Either';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { buildGoPrograms } from '../../dev/lib/go_build';
import { parseExpvar } from '../../server/parse/parse_expvar';
import { heapTemplateMappings } from '../../server/storage/index_templates';
import { HEAP_FIELDS, DERIVED_HEAP_FIELDS } from '../../common/heap_fields';
import { deriveDocuments, type ScrapedPayload } from '../../server/tasks/scrape_target';
import type { GcCursor } from '../../server/derive/gc_cursor';
import { startGoFixture } from '../harness/go_fixture';
import { benchTarget } from './bench_target';

const INSTANCES = 50;
const SCRAPES = 2_000;
const BULK = 5_000;
const START = Date.parse('2026-06-01T00:00:00Z');

/** TSDB needs dimensions and metric types declared; the rest of the mapping is the plugin's. */
function tsdbMappings() {
  const mappings = heapTemplateMappings() as any;
  const service = mappings.properties.service.properties;
  service.name.time_series_dimension = true;
  service.node.properties.name.time_series_dimension = true;
  const kinds = new Map<string, string | undefined>([...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS].map((f) => [f.name, (f as { kind?: string }).kind]));
  for (const [name, kind] of kinds) {
    if (kind !== 'gauge' && kind !== 'counter') continue;
    const node = name.split('.').reduce((n: any, key, i, keys) => (i === keys.length - 1 ? n.properties[key] : n.properties[key]), mappings);
    // A multi-valued field cannot be a TSDB metric; it stays a plain long.
    if (name !== 'golang.heap.gc.pause.durations.ns') node.time_series_metric = kind;
  }
  return mappings;
}

async function* documents(template: ScrapedPayload, withIds: boolean) {
  const cursors = new Map<number, GcCursor>();
  const targets = Array.from({ length: INSTANCES }, (_, i) =>
    benchTarget(`instance-${i}`, `orders-${i}`, `service-${i % 5}`, `http://10.0.0.${i}:6060/debug/vars`, 500)
  );
  const memstats = template.payload.memstats!;
  let batch: object[] = [];
  for (let scrape = 0; scrape < SCRAPES; scrape++) {
    for (let instance = 0; instance < INSTANCES; instance++) {
      // A random walk per instance: heap up and down, counters only up, a GC every few scrapes.
      const wobble = Math.round(Math.sin((scrape + instance * 7) / 15) * 4_000_000 + Math.random() * 500_000);
      const numGc = Number(memstats.NumGC) + Math.floor(scrape / 3);
      const scraped: ScrapedPayload = {
        ...template,
        scrapedAt: new Date(START + scrape * 10_000 + instance * 37),
        payload: {
          ...template.payload,
          memstats: {
            ...memstats,
            HeapAlloc: 20_000_000 + wobble,
            HeapInuse: 24_000_000 + wobble,
            TotalAlloc: 1_000_000_000 + scrape * 7_000_000 + instance,
            Mallocs: 5_000_000 + scrape * 40_000,
            Frees: 4_900_000 + scrape * 39_000,
            NumGC: numGc,
            PauseTotalNs: 50_000_000 + scrape * 30_000,
            LastGC: BigInt(START + scrape * 10_000) * 1_000_000n + 123_456n,
          },
        },
      };
      const derived = deriveDocuments(targets[instance]!, scrape, scraped, cursors.get(instance));
      if (derived.gc !== undefined) cursors.set(instance, derived.gc.cursor);
      const heap = derived.documents[0]!;
      // TSDB derives _id from the dimensions and @timestamp and rejects one given.
      batch.push({ create: withIds ? { _id: heap.id } : {} }, heap.document);
      if (batch.length === BULK * 2) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

async function measure(client: Client, index: string, settings: object, mappings: object, template: ScrapedPayload, withIds: boolean) {
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '30s', ...settings }, mappings });
  const started = performance.now();
  let count = 0;
  for await (const operations of documents(template, withIds)) {
    const response = await client.bulk({ index, operations });
    if (response.errors) {
      const first = response.items.find((item) => item.create?.error)?.create?.error;
      throw new Error(`${index}: bulk errors, first: ${JSON.stringify(first)}`);
    }
    count += operations.length / 2;
  }
  const seconds = (performance.now() - started) / 1000;
  await client.indices.refresh({ index });
  await client.indices.forcemerge({ index, max_num_segments: 1 });
  const stats = await client.indices.stats({ index, metric: ['store', 'docs'] });
  const bytes = stats._all.primaries!.store!.size_in_bytes;
  // Stats count nested size-class rows as documents too; bytes are per heap document.
  const docs = count;
  const result = { docsPerSecond: count / seconds, bytesPerDoc: bytes / docs, docs };
  process.stdout.write(
    `  ${index.padEnd(16)} ${docs} docs  ${result.docsPerSecond.toFixed(0).padStart(6)} docs/s indexing  ${result.bytesPerDoc.toFixed(1).padStart(7)} bytes/doc after force-merge\n`
  );
  await client.indices.delete({ index });
  return result;
}

async function main() {
  await buildGoPrograms();
  const es = await startElasticsearch({ name: 'bench', httpPort: 9260 });
  const client = new Client({ node: es.url });
  const fixture = await startGoFixture();
  try {
    await fixture.gc(50);
    const body = Buffer.from(await (await fetch(fixture.varsUrl)).arrayBuffer());
    const parsed = parseExpvar({ status: 200, contentType: 'application/json', body, durationMs: 1 });
    if (!isRight(parsed)) throw new Error(parsed.left.message);
    const template: ScrapedPayload = { payload: parsed.right, scrapedAt: new Date(START), durationMs: 1.2 };
    process.stdout.write(`Elasticsearch ${es.version}, ${INSTANCES * SCRAPES} golang.heap documents each:\n`);
    const standard = await measure(client, 'bench-standard', {}, heapTemplateMappings(), template, true);
    const tsdb = await measure(
      client,
      'bench-tsdb',
      {
        'index.mode': 'time_series',
        'index.routing_path': ['service.name', 'service.node.name'],
        'index.time_series.start_time': new Date(START - 3_600_000).toISOString(),
        'index.time_series.end_time': new Date(START + SCRAPES * 10_000 + 3_600_000).toISOString(),
      },
      tsdbMappings(),
      template,
      false
    );
    process.stdout.write(
      `  tsdb/standard: ${(tsdb.bytesPerDoc / standard.bytesPerDoc).toFixed(2)}x bytes per doc, ${(tsdb.docsPerSecond / standard.docsPerSecond).toFixed(2)}x indexing rate\n`
    );
  } finally {
    await fixture.stop();
    await client.close();
    await es.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
