/**
 * Scale: one dev host (the plugin's poll task, as in Kibana) scraping 100 → 10,000 simulated Go
 * instances (test/fixtures/go/expvarfleet) into a real Elasticsearch, at 10 s and at 1 s
 * intervals. Each step starts a fresh host (its own index prefix), creates the targets through
 * the public HTTP API (20 requests in flight), lets them settle, then measures over a window:
 *
 *   scrapes/s      /debug/vars reads counted by the simulator
 *   docs/s         heap + expvar documents in Elasticsearch whose slot is in the window
 *   coverage       distinct heap documents / due slots (targets × window / interval)
 *   host ms/scr    CPU (utime+stime of the host's node process, /proc) per scrape
 *   floor ms/scr   the same for a minimal Node loop doing the same job (scale_floor.ts), run
 *                  right after, alone, against the same pages at the same rate and concurrency
 *   ELD p99        event loop delay p99 of the host's 5 s collections in the window, from
 *                  GET /api/status metrics (median/max over the collections)
 *   RSS            of the host process at the end of the window
 *   cores          CPU-s per s of the host, Elasticsearch and the simulator; idle: machine idle share
 *
 * Then a bulk step: N targets scraped, M more created (20 in flight) and then deleted, and the
 * coverage of the N while that happens.
 *
 *   npx tsx test/bench/scale.ts
 *
 * Environment (defaults in brackets):
 *   SCALE_STEPS=100,1000,2000,5000,10000   targets per step
 *   SCALE_STEPS_1S=, SCALE_STEPS_10S=      the steps of one interval, instead of SCALE_STEPS
 *   SCALE_INTERVALS=10s,1s
 *   SCALE_WINDOW_S=60 (10 s), 20 (1 s)    measurement window, rounded up to whole intervals
 *   SCALE_CONCURRENCY=20                  the host's go_runtime.scrape.concurrency, and the floor's
 *   SCALE_PORTS=100                       simulator ports (targets spread over them, see expvarfleet)
 *   SCALE_BULK=4000+1000                  bulk step: scraped + created/deleted at 10 s; "0" skips it
 *   SCALE_SETUP_IN_FLIGHT=20              create requests in flight when setting a step up (not in the bulk step)
 *   SCALE_STOP_BELOW=90                   skip an interval's larger steps once coverage is below this %
 *   SCALE_FLOOR=1                         0 skips the floor runs
 *   SCALE_RESTART_EVERY=                  e.g. 5m: simulated instances restart (counters reset)
 *   ES_URL                                use this cluster instead of starting one on port 9252
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { spawnChild } from '../../dev/lib/child_process';
import { buildGoPrograms, ROOT } from '../../dev/lib/go_build';
import { startHostProcess, type HostProcess } from '../harness/host_process';
import {
  cpuMs,
  esCpuMs,
  evolvingShare,
  fleetUrl,
  machineTicks,
  percentile,
  pool,
  rssBytes,
  sleep,
  slotCoverage,
  startFleet,
  type Coverage,
  type Fleet,
} from './scale_lib';

const ES_PORT = 9252;
const IN_FLIGHT = 20;
// Creating a step's targets before measuring: the same API, more requests in flight when set
// (each create waits for an index refresh, about 1 s, so 20 in flight create ~17 per second).
const SETUP_IN_FLIGHT = Number(process.env.SCALE_SETUP_IN_FLIGHT ?? String(IN_FLIGHT));
const env = process.env;
const STEPS = (env.SCALE_STEPS ?? '100,1000,2000,5000,10000').split(',').map(Number);
const INTERVALS = (env.SCALE_INTERVALS ?? '10s,1s').split(',').map(parseInterval);
const CONCURRENCY = Number(env.SCALE_CONCURRENCY ?? '20');
const PORTS = Number(env.SCALE_PORTS ?? '100');
const STOP_BELOW = Number(env.SCALE_STOP_BELOW ?? '90');
const FLOOR = env.SCALE_FLOOR !== '0';
const BULK =
  env.SCALE_BULK === '0'
    ? undefined
    : ((env.SCALE_BULK ?? '4000+1000').split('+').map(Number) as [number, number]);
const log = (line: string) =>
  process.stdout.write(`[scale ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** SCALE_STEPS_1S=100,500 overrides SCALE_STEPS for the 1 s interval (SCALE_STEPS_10S for 10 s). */
function stepsFor(intervalMs: number): number[] {
  const own = env[`SCALE_STEPS_${intervalMs / 1000}S`];
  return own === undefined ? STEPS : own.split(',').map(Number);
}

function parseInterval(text: string): number {
  const match = /^(\d+)(s|m)$/.exec(text.trim());
  if (match === null) throw new Error(`SCALE_INTERVALS: "${text}" is not like 10s or 1m`);
  return Number(match[1]) * (match[2] === 'm' ? 60_000 : 1_000);
}

function windowMs(intervalMs: number): number {
  const seconds = Number(env.SCALE_WINDOW_S ?? (intervalMs >= 10_000 ? '60' : '20'));
  return Math.max(1, Math.ceil((seconds * 1000) / intervalMs)) * intervalMs;
}

interface Snapshot {
  at: number;
  hits: number;
  cpu: number;
  es: number;
  fleet: number;
  ticks: { idle: number; total: number };
}

interface StepResult {
  label: string;
  targets: number;
  intervalMs: number;
  windowMs: number;
  scrapesPerS: number;
  docsPerS: number;
  coverage: Coverage;
  evolving: { grewShare: number; pauses: number; pairs: number };
  hostMsPerScrape: number;
  floor?: { msPerScrape: number; scrapesPerS: number; failures: number };
  eldP99: { median: number; max: number; samples: number };
  rssMb: number;
  cores: { host: number; es: number; fleet: number; idlePct: number };
  createPerS?: number;
  createP99Ms?: number;
  failures?: number;
}

class Bench {
  currentHost: HostProcess | undefined;

  constructor(public readonly esUrl: string, public readonly fleet: Fleet) {}

  async snapshot(pid: number): Promise<Snapshot> {
    const [hits, es] = await Promise.all([this.fleet.hits(), esCpuMs(this.esUrl)]);
    return {
      at: Date.now(),
      hits: hits.total,
      cpu: cpuMs(pid),
      es,
      fleet: cpuMs(this.fleet.pid),
      ticks: machineTicks(),
    };
  }

  async startHost(label: string): Promise<{ host: HostProcess; pid: number }> {
    const host = await startHostProcess({
      indexPrefix: `.kibana_scale_${label}_${Date.now().toString(36)}`,
      name: `scale-${label}`,
      pluginConfig: { scrape: { concurrency: CONCURRENCY } },
    });
    this.currentHost = host;
    // The node process itself (tsx runs it as a child of its own): its status reports the pid.
    const status = (await host.request('GET', '/api/status')).body;
    return { host, pid: status.metrics.process.pid as number };
  }

  async createTargets(
    host: HostProcess,
    from: number,
    to: number,
    intervalMs: number,
    inFlight = IN_FLIGHT
  ): Promise<{ ids: string[]; perS: number; p99Ms: number; failures: number }> {
    const keys = Array.from({ length: to - from }, (_, i) => from + i);
    const ids: string[] = new Array(keys.length);
    const latencies: number[] = [];
    const started = performance.now();
    const failures = await pool(keys, inFlight, async (k) => {
      const t0 = performance.now();
      const answer = await host.request('POST', '/api/go_runtime/targets', {
        user: 'elastic',
        body: {
          name: `fleet-${k}`,
          service_name: `fleet-svc-${k % 50}`,
          url: fleetUrl(this.fleet.ports, k),
          interval: `${intervalMs / 1000}s`,
        },
      });
      latencies.push(performance.now() - t0);
      if (answer.status !== 200)
        throw new Error(`create ${k}: ${answer.status} ${JSON.stringify(answer.body)}`);
      ids[k - from] = answer.body.id as string;
    });
    if (failures.length > 0)
      log(`${failures.length} creates failed, first: ${failures[0]!.message}`);
    return {
      ids: ids.filter((id) => id !== undefined),
      perS: keys.length / ((performance.now() - started) / 1000),
      p99Ms: percentile(latencies, 99),
      failures: failures.length,
    };
  }

  async deleteTargets(
    host: HostProcess,
    ids: readonly string[]
  ): Promise<{ perS: number; p99Ms: number; failures: number }> {
    const latencies: number[] = [];
    const started = performance.now();
    const failures = await pool(ids, IN_FLIGHT, async (id) => {
      const t0 = performance.now();
      const answer = await host.request('DELETE', `/api/go_runtime/targets/${id}`, {
        user: 'elastic',
      });
      latencies.push(performance.now() - t0);
      if (answer.status !== 204) throw new Error(`delete ${id}: ${answer.status}`);
    });
    return {
      perS: ids.length / ((performance.now() - started) / 1000),
      p99Ms: percentile(latencies, 99),
      failures: failures.length,
    };
  }

  /** Samples the host's 5 s event loop delay collections until stopped (or 30 min). */
  sampleEld(host: HostProcess): { stop(from: number, to: number): Promise<number[]> } {
    const seen = new Map<string, { from: number; to: number; p99: number }>();
    let running = true;
    const hardStop = Date.now() + 30 * 60_000;
    const loop = (async () => {
      while (running && Date.now() < hardStop) {
        try {
          const histogram = (await host.request('GET', '/api/status')).body.metrics.process
            .event_loop_delay_histogram;
          seen.set(histogram.lastUpdatedAt as string, {
            from: Date.parse(histogram.fromTimestamp),
            to: Date.parse(histogram.lastUpdatedAt),
            p99: histogram.percentiles['99'] as number,
          });
        } catch {
          // a busy host answers late; the next sample covers it
        }
        await sleep(2_000);
      }
    })();
    return {
      async stop(from, to) {
        running = false;
        await loop;
        return [...seen.values()].filter((c) => c.from >= from && c.to <= to).map((c) => c.p99);
      },
    };
  }

  async measure(
    host: HostProcess,
    pid: number,
    ids: readonly string[],
    intervalMs: number,
    during?: () => Promise<number>
  ): Promise<Omit<StepResult, 'label' | 'targets'>> {
    const from = Date.now();
    let to = from + windowMs(intervalMs);
    const eld = this.sampleEld(host);
    const before = await this.snapshot(pid);
    if (during !== undefined) {
      // The window covers the work and one interval after it, in whole intervals.
      const doneAt = await during();
      to = Math.max(to, from + Math.ceil((doneAt + intervalMs - from) / intervalMs) * intervalMs);
    }
    await sleep(to - Date.now());
    const after = await this.snapshot(pid);
    const rss = rssBytes(pid);
    await sleep(5_500); // the 5 s collection that ends after `to` is not counted, the one before is
    const eldValues = await eld.stop(from, to);
    // The last slots of the window are scraped up to an interval later, and written after.
    await sleep(Math.max(0, intervalMs - 500));
    const coverage = await slotCoverage(this.esUrl, ids, from, to, intervalMs);
    const evolving = await evolvingShare(this.esUrl, ids, from, to);
    const seconds = (after.at - before.at) / 1000;
    const scrapes = after.hits - before.hits;
    const idle = after.ticks.idle - before.ticks.idle;
    const total = after.ticks.total - before.ticks.total;
    return {
      intervalMs,
      windowMs: to - from,
      scrapesPerS: scrapes / seconds,
      docsPerS: coverage.allDocs / ((to - from) / 1000),
      coverage,
      evolving,
      hostMsPerScrape: (after.cpu - before.cpu) / scrapes,
      eldP99: {
        median: percentile(eldValues, 50),
        max: Math.max(...eldValues),
        samples: eldValues.length,
      },
      rssMb: rss / 2 ** 20,
      cores: {
        host: (after.cpu - before.cpu) / 1000 / seconds,
        es: (after.es - before.es) / 1000 / seconds,
        fleet: (after.fleet - before.fleet) / 1000 / seconds,
        idlePct: (100 * idle) / total,
      },
    };
  }

  async floor(targets: number, intervalMs: number): Promise<StepResult['floor']> {
    const window = windowMs(intervalMs);
    const warmup = intervalMs + 3_000;
    const options = {
      esUrl: this.esUrl,
      index: 'scale-floor',
      ports: this.fleet.ports,
      targets,
      intervalMs,
      concurrency: CONCURRENCY,
      durationMs: warmup + window + 2_000,
    };
    let result = '';
    const child = spawnChild({
      name: 'floor',
      command: path.join(ROOT, 'node_modules/.bin/tsx'),
      args: ['test/bench/scale_floor.ts', JSON.stringify(options)],
      cwd: ROOT,
      ready: /^floor ready (\d+)$/,
      readyTimeoutMs: 30_000,
      onLine: (line) => {
        if (line.startsWith('{')) result = line;
      },
    });
    const pid = Number((await child.ready)[1]);
    const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
    await sleep(warmup);
    const before = await this.snapshot(pid);
    await sleep(window);
    const after = await this.snapshot(pid);
    await Promise.race([exited, sleep(30_000)]);
    await child.stop();
    const counts = result === '' ? { failures: -1 } : (JSON.parse(result) as { failures: number });
    const scrapes = after.hits - before.hits;
    return {
      msPerScrape: (after.cpu - before.cpu) / scrapes,
      scrapesPerS: scrapes / ((after.at - before.at) / 1000),
      failures: counts.failures,
    };
  }

  async step(targets: number, intervalMs: number): Promise<StepResult> {
    const label = `${targets}@${intervalMs / 1000}s`;
    log(`step ${label}: starting a host`);
    const { host, pid } = await this.startHost(`${targets}_${intervalMs}`);
    try {
      const created = await this.createTargets(host, 0, targets, intervalMs, SETUP_IN_FLIGHT);
      log(
        `step ${label}: ${created.ids.length} targets created, ${created.perS.toFixed(
          0
        )}/s; settling`
      );
      await sleep(2 * intervalMs + 5_000);
      const measured = await this.measure(host, pid, created.ids, intervalMs);
      log(`step ${label}: host log over the step: ${hostLogSummary(host)}`);
      return { label, targets, ...measured };
    } finally {
      await host.stop();
    }
  }

  async bulk(base: number, extra: number, intervalMs: number): Promise<StepResult[]> {
    log(`bulk: ${base} scraped, ${extra} created then deleted beside them`);
    const { host, pid } = await this.startHost(`bulk_${base}_${extra}`);
    try {
      const scraped = await this.createTargets(host, 0, base, intervalMs, SETUP_IN_FLIGHT);
      await sleep(2 * intervalMs + 5_000);
      let created: Awaited<ReturnType<Bench['createTargets']>> | undefined;
      if (scraped.ids.length < base)
        log(`bulk: only ${scraped.ids.length} of ${base} targets could be created`);
      const whileCreating = await this.measure(host, pid, scraped.ids, intervalMs, async () => {
        await sleep(intervalMs);
        created = await this.createTargets(host, base, base + extra, intervalMs);
        return Date.now();
      });
      let deleted: Awaited<ReturnType<Bench['deleteTargets']>> | undefined;
      const whileDeleting = await this.measure(host, pid, scraped.ids, intervalMs, async () => {
        await sleep(intervalMs);
        deleted = await this.deleteTargets(host, created!.ids);
        return Date.now();
      });
      log(`bulk: host log over the step: ${hostLogSummary(host)}`);
      return [
        {
          label: `create ${created!.ids.length} beside ${scraped.ids.length}`,
          targets: scraped.ids.length,
          ...whileCreating,
          createPerS: created!.perS,
          createP99Ms: created!.p99Ms,
          failures: created!.failures,
        },
        {
          label: `delete ${created!.ids.length} beside ${scraped.ids.length}`,
          targets: scraped.ids.length,
          ...whileDeleting,
          createPerS: deleted!.perS,
          createP99Ms: deleted!.p99Ms,
          failures: deleted!.failures,
        },
      ];
    } finally {
      await host.stop();
    }
  }
}

/** What the host warned about: missed slots, failed scrapes, rejected or dropped writes. */
function hostLogSummary(host: HostProcess): string {
  const count = (pattern: RegExp) => host.logs.filter((line) => pattern.test(line)).length;
  const missed = host.logs
    .map((line) => /(\d+) slots of \d+ targets missed/.exec(line)?.[1])
    .reduce((sum, n) => sum + Number(n ?? 0), 0);
  return `${missed} slots missed (as the runs reported them), ${count(
    /scrape of target .* failed/
  )} failed scrapes, ${count(/rejected by Elasticsearch|dropped \d+ scrapes/)} write errors`;
}

const f = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function table(results: readonly StepResult[]): string {
  const header = [
    'targets',
    'due/s',
    'scrapes/s',
    'docs/s',
    'coverage %',
    'host CPU-ms/scrape',
    'floor CPU-ms/scrape',
    'ratio',
    'floor scrapes/s',
    'ELD p99 ms med/max',
    'RSS MB',
    'host/ES/sim cores',
    'idle %',
    'TotalAlloc grew %',
  ];
  const rows = results.map((r) => [
    String(r.targets),
    f(r.targets / (r.intervalMs / 1000)),
    f(r.scrapesPerS),
    f(r.docsPerS),
    f((100 * r.coverage.heapDocs) / r.coverage.due, 2),
    f(r.hostMsPerScrape, 3),
    r.floor === undefined ? '–' : f(r.floor.msPerScrape, 3),
    r.floor === undefined ? '–' : f(r.hostMsPerScrape / r.floor.msPerScrape, 2),
    r.floor === undefined ? '–' : f(r.floor.scrapesPerS),
    `${f(r.eldP99.median, 1)}/${f(r.eldP99.max, 1)}`,
    f(r.rssMb),
    `${f(r.cores.host, 2)}/${f(r.cores.es, 2)}/${f(r.cores.fleet, 2)}`,
    f(r.cores.idlePct),
    f(100 * r.evolving.grewShare),
  ]);
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

function bulkTable(results: readonly StepResult[]): string {
  const header = [
    'step',
    'requests/s',
    'request p99 ms',
    'failed',
    'coverage % of the scraped',
    'scrapes/s',
    'ELD p99 ms med/max',
    'RSS MB',
  ];
  const rows = results.map((r) => [
    r.label,
    f(r.createPerS ?? NaN),
    f(r.createP99Ms ?? NaN),
    String(r.failures ?? 0),
    f((100 * r.coverage.heapDocs) / r.coverage.due, 2),
    f(r.scrapesPerS),
    `${f(r.eldP99.median, 1)}/${f(r.eldP99.max, 1)}`,
    f(r.rssMb),
  ]);
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.join(' | ')} |`)
    .join('\n');
}

async function main() {
  const started = Date.now();
  await buildGoPrograms();
  const es = await startElasticsearch({ name: 'scale', httpPort: ES_PORT, log, security: false });
  log(`Elasticsearch ${es.version} at ${es.url}${es.external ? ' (external)' : ''}`);
  process.env.GO_RUNTIME_TEST_ES_URL = es.url;
  const instances = Math.max(
    ...INTERVALS.flatMap(stepsFor),
    BULK === undefined ? 0 : BULK[0] + BULK[1]
  );
  const fleet = await startFleet({
    instances,
    ports: PORTS,
    restartEvery: env.SCALE_RESTART_EVERY,
  });
  log(`expvarfleet: ${instances} instances on ${fleet.ports.length} ports`);
  const bench = new Bench(es.url, fleet);
  // Ctrl-C (or a timeout's SIGTERM) stops what the bench started; the rows printed so far stand.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      void Promise.allSettled([bench.currentHost?.stop(), fleet.stop(), es.stop()]).then(() =>
        process.exit(130)
      );
    });
  }
  const byInterval = new Map<number, StepResult[]>();
  let bulkResults: StepResult[] = [];
  try {
    for (const intervalMs of INTERVALS) {
      const results: StepResult[] = [];
      byInterval.set(intervalMs, results);
      for (const targets of stepsFor(intervalMs)) {
        const result = await bench.step(targets, intervalMs);
        if (FLOOR) result.floor = await bench.floor(targets, intervalMs);
        results.push(result);
        log(`\n${table([result])}`);
        const coverage = (100 * result.coverage.heapDocs) / result.coverage.due;
        if (coverage < STOP_BELOW) {
          log(
            `coverage ${coverage.toFixed(
              1
            )} % < ${STOP_BELOW} %: the larger steps at this interval are skipped`
          );
          break;
        }
      }
    }
    if (BULK !== undefined) bulkResults = await bench.bulk(BULK[0], BULK[1], 10_000);
  } finally {
    await fleet.stop();
    await es.stop();
  }
  const report = [
    `Elasticsearch ${
      es.version
    }, scrape.concurrency ${CONCURRENCY}, ${PORTS} simulator ports, ${Math.round(
      (Date.now() - started) / 60_000
    )} min`,
    ...[...byInterval].map(
      ([intervalMs, results]) =>
        `\nInterval ${intervalMs / 1000} s, window ${windowMs(intervalMs) / 1000} s:\n\n${table(
          results
        )}`
    ),
    ...(bulkResults.length === 0
      ? []
      : [
          `\nBulk changes beside scraped targets (10 s interval, ${IN_FLIGHT} requests in flight):\n\n${bulkTable(
            bulkResults
          )}`,
        ]),
  ].join('\n');
  process.stdout.write(`\n${report}\n`);
  const file = path.join(
    ROOT,
    '.data',
    `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
  );
  writeFileSync(file, JSON.stringify({ byInterval: [...byInterval], bulk: bulkResults }, null, 2));
  log(`raw results: ${file}`);
  // Keep-alive sockets and the last samplers' timers would hold the process a while longer.
  process.exit(0);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
