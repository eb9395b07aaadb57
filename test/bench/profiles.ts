/**
 * What heap profiles cost, in one run, on the profiles of a real Go program whose heap grows
 * through a widening set of distinct stacks (test/fixtures/go/pprofcost, -grow-for):
 *
 * 1. Kibana's CPU per heap profile: the plugin's decode + reduce + document build (and the
 *    JSON it writes) against gunzip + protobuf decode alone of the same bytes (pprof-format),
 *    interleaved, each profile the same number of times. Goal: at most 2×.
 * 2. Elasticsearch's bytes per stored heap profile document: the documents indexed into a data
 *    stream with the plugin's own profile template, refreshed, flushed and force-merged to one
 *    segment, against the profile's own gzip size.
 * 3. What one read costs the target: its CPU (getrusage, less its idle rate) and the non-GC
 *    stop-the-world pauses (runtime/metrics) per read of /debug/pprof/heap and of
 *    /debug/pprof/goroutine?debug=1, as the program itself reports them through expvar.
 *
 *   npx tsx test/bench/profiles.ts           (starts Elasticsearch on BENCH_ES_PORT, default 9262, or uses ES_URL)
 *   BENCH_PROFILES=60 BENCH_REPEAT=10 BENCH_READS=40 BENCH_STACKS=4000
 */
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Client } from '@elastic/elasticsearch';
import { isLeft } from 'fp-ts/Either';
import { Profile } from 'pprof-format';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { spawnChild } from '../../dev/lib/child_process';
import { BIN_DIR, buildGoPrograms } from '../../dev/lib/go_build';
import { decodeProfile } from '../../server/profiles/decode_profile';
import { buildProfileDocument } from '../../server/profiles/profile_document';
import { profileTemplateMappings } from '../../server/storage/index_templates';

const PROFILES = Number(process.env.BENCH_PROFILES ?? '60');
const REPEAT = Number(process.env.BENCH_REPEAT ?? '10');
const READS = Number(process.env.BENCH_READS ?? '40');
const STACKS = Number(process.env.BENCH_STACKS ?? '4000');
const GROW_SECONDS = 30;
// Names of their own per run: some Elasticsearch builds have no API to delete a data stream,
// and a template cannot be replaced while a data stream of it remains.
const RUN = Date.now();
const DATA_STREAM = `metrics-go_runtime.profile-bench${RUN}`;
const TEMPLATE = `bench-profiles-${RUN}`;

interface Cost {
  readonly cpu_ns: number;
  readonly growing: boolean;
  /** Non-GC stop-the-world pauses so far: [bucket upper bound in ns, count] per bucket. */
  readonly other_stw: Array<[number, number]>;
}

const ORIGIN = {
  targetId: 'bench',
  targetName: 'bench',
  serviceName: 'bench',
  url: 'http://127.0.0.1/debug/vars',
  spaceId: 'default',
  namespace: 'bench',
  periodMs: 10_000,
};

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** The plugin's whole path from the fetched bytes to the line it writes. */
function pluginPath(body: Buffer, slotMs: number): Record<string, unknown> {
  const decoded = decodeProfile('heap', new Uint8Array(body));
  if (isLeft(decoded)) throw new Error(decoded.left.message);
  const document = buildProfileDocument(ORIGIN, {
    kind: 'heap',
    slotMs,
    startedAt: new Date(slotMs),
    durationMs: 5,
    periodMs: 300_000,
    result: { ok: true, summary: decoded.right, bytes: body.length },
  });
  JSON.stringify(document);
  return document;
}

async function main() {
  await buildGoPrograms();
  const fixture = spawnChild({
    name: 'pprofcost',
    command: path.join(BIN_DIR, 'pprofcost'),
    args: ['-addr', '127.0.0.1:0', '-stacks', String(STACKS), '-grow-for', `${GROW_SECONDS}s`],
    ready: /^listening (\S+)$/,
    readyTimeoutMs: 10_000,
  });
  const base = `http://${(await fixture.ready)[1]}`;
  const cost = async (): Promise<Cost> =>
    ((await (await fetch(`${base}/debug/vars`)).json()) as { cost: Cost }).cost;
  try {
    // 1. Heap profiles while the heap grows: each one differs from the last.
    const profiles: Buffer[] = [];
    const every = (GROW_SECONDS * 1000) / PROFILES;
    for (let i = 0; i < PROFILES; i++) {
      const started = Date.now();
      profiles.push(Buffer.from(await (await fetch(`${base}/debug/pprof/heap`)).arrayBuffer()));
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, every - (Date.now() - started)))
      );
    }
    const sizes = profiles.map((body) => body.length);
    const decodedSizes = profiles.map((body) => gunzipSync(body).length);
    const sampleCounts = profiles.map((body) => Profile.decode(gunzipSync(body)).sample.length);
    console.log(
      `${PROFILES} heap profiles over ${GROW_SECONDS} s: ${kb(min(sizes))}–${kb(
        max(sizes)
      )} gzip (${kb(min(decodedSizes))}–${kb(max(decodedSizes))} decoded), ${min(
        sampleCounts
      )}–${max(sampleCounts)} samples`
    );

    // Warm both paths (JIT) on every profile once, then measure interleaved.
    const documents = profiles.map((body, i) =>
      pluginPath(body, Date.UTC(2026, 5, 1) + i * 300_000)
    );
    for (const body of profiles) Profile.decode(gunzipSync(body));
    let baseMs = 0;
    let fullMs = 0;
    let reduceMs = 0;
    for (let round = 0; round < REPEAT; round++) {
      for (const [i, body] of profiles.entries()) {
        let from = process.cpuUsage();
        Profile.decode(gunzipSync(body));
        baseMs += cpuMs(from);
        from = process.cpuUsage();
        decodeProfile('heap', new Uint8Array(body));
        reduceMs += cpuMs(from);
        from = process.cpuUsage();
        pluginPath(body, i);
        fullMs += cpuMs(from);
      }
    }
    const runs = REPEAT * PROFILES;
    console.log('\nKibana CPU per heap profile (mean of', runs, 'runs)');
    console.log(`  gunzip + protobuf decode alone         ${(baseMs / runs).toFixed(2)} ms`);
    console.log(`  plugin: decode + reduce                ${(reduceMs / runs).toFixed(2)} ms`);
    console.log(`  plugin: decode + reduce + build + JSON ${(fullMs / runs).toFixed(2)} ms`);
    console.log(
      `  ratio                                  ${(fullMs / baseMs).toFixed(2)}× (goal ≤ 2×)`
    );

    // 2. Stored bytes per profile document.
    const es = await startElasticsearch({
      name: TEMPLATE,
      httpPort: Number(process.env.BENCH_ES_PORT ?? '9262'),
    });
    const client = new Client({ node: es.url, requestTimeout: 600_000 });
    try {
      await client.indices.deleteDataStream({ name: DATA_STREAM }).catch(() => undefined);
      await client.indices.putIndexTemplate({
        name: TEMPLATE,
        index_patterns: [DATA_STREAM],
        data_stream: {},
        priority: 500,
        template: {
          settings: { 'index.number_of_replicas': 0 },
          mappings: profileTemplateMappings() as never,
        },
      });
      await client.bulk({
        refresh: true,
        operations: documents.flatMap((document) => [
          { create: { _index: DATA_STREAM } },
          document,
        ]),
      });
      await client.indices.flush({ index: DATA_STREAM });
      await client.indices.forcemerge({ index: DATA_STREAM, max_num_segments: 1 });
      const stats = await client.indices.stats({ index: DATA_STREAM, metric: ['store', 'docs'] });
      const stored = stats._all.primaries!.store!.size_in_bytes;
      const count = stats._all.primaries!.docs!.count;
      const perDocument = stored / count;
      const gzip = mean(sizes);
      const json = mean(documents.map((document) => JSON.stringify(document).length));
      console.log(`\nElasticsearch store per heap profile (${count} documents, one segment)`);
      console.log(`  profile as served (gzip)               ${kb(gzip)}`);
      console.log(`  document as sent (JSON)                ${kb(json)}`);
      console.log(`  stored                                 ${kb(perDocument)}`);
      console.log(`  stored / gzip profile                  ${(perDocument / gzip).toFixed(2)}×`);
      // Elasticsearch builds without the data stream API answer 404 to its DELETE.
      await client.indices.deleteDataStream({ name: DATA_STREAM }).catch(() => undefined);
      await client.indices.deleteIndexTemplate({ name: TEMPLATE }).catch(() => undefined);
    } finally {
      await client.close();
      await es.stop();
    }

    // 3. What a read costs the target, once it no longer grows: reads are all it does.
    while ((await cost()).growing) await new Promise((resolve) => setTimeout(resolve, 200));
    const idleFrom = await cost();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idleTo = await cost();
    const idleNsPerMs = (idleTo.cpu_ns - idleFrom.cpu_ns) / (performance.now() - idleStarted);
    console.log(`\nWhat one read costs the target (${READS} reads each, less its idle CPU)`);
    for (const [label, route] of [
      ['heap', '/debug/pprof/heap'],
      ['goroutine?debug=1', '/debug/pprof/goroutine?debug=1'],
    ] as const) {
      const from = await cost();
      const started = performance.now();
      let bytes = 0;
      for (let i = 0; i < READS; i++)
        bytes += (await (await fetch(`${base}${route}`)).arrayBuffer()).byteLength;
      const elapsed = performance.now() - started;
      const to = await cost();
      const cpu = (to.cpu_ns - from.cpu_ns - idleNsPerMs * elapsed) / READS / 1e6;
      const pauses = pausesBetween(from, to);
      console.log(
        `  ${label.padEnd(18)} ${cpu.toFixed(2)} ms CPU, ${(elapsed / READS).toFixed(
          1
        )} ms wall, ${kb(bytes / READS)}; ${(pauses.count / READS).toFixed(
          2
        )} stop-the-world pauses per read, the longest ≤ ${(pauses.maxNs / 1e3).toFixed(0)} µs`
      );
    }
  } finally {
    await fixture.stop();
  }
}

/** The pauses between two reads of the histogram: how many, and the longest's upper bound. */
function pausesBetween(from: Cost, to: Cost): { count: number; maxNs: number } {
  const before = new Map(from.other_stw);
  let count = 0;
  let maxNs = 0;
  for (const [upper, n] of to.other_stw) {
    const added = n - (before.get(upper) ?? 0);
    if (added <= 0) continue;
    count += added;
    maxNs = Math.max(maxNs, upper);
  }
  return { count, maxNs };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const min = (values: number[]) => Math.min(...values);
const max = (values: number[]) => Math.max(...values);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
