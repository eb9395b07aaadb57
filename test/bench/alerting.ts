/**
 * Alerting benchmark, two parts, on a real Elasticsearch:
 *
 * 1. Executor time of each rule type over BENCH_INSTANCES instances × 24 h of heap documents
 *    (simulated Go runtimes, derived by the plugin's own code, ending now), each run through
 *    the dev host's real alerts client: p50 / p95 of BENCH_RUNS runs, and the ratio to a
 *    baseline measured in the same run (one `count` of the same window: the floor of any query).
 * 2. BENCH_RULES rules (the four types, in turn) on a 1 m schedule in a dev host whose Task
 *    Manager polls every BENCH_POLL_MS (500, Kibana 9's mget claim default) with 10 workers:
 *    over BENCH_MINUTES, how late each run starts against its schedule (max, p95; the first
 *    runs, all due at once when the rules are created, apart), and the share of the schedule
 *    the runs kept busy.
 *
 *   npx tsx test/bench/alerting.ts                       # starts its own Elasticsearch on 9271
 *   ES_URL=http://127.0.0.1:9271 BENCH_INSTANCES=100 BENCH_INTERVAL_S=30 BENCH_RULES=200 BENCH_MINUTES=4
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { RuleType } from '@kbn/alerting-plugin/server';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { DEFAULT_HOST_OPTIONS, DevHost } from '../../dev/host/host';
import { RunAlertsClient } from '../../dev/host/alerting/alerts_client';
import { flattenCustomVars } from '../../server/derive/custom_vars';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { MemStats } from '../../server/parse/expvar_payload';
import { heapTemplateMappings, heapTemplateSettings } from '../../server/storage/index_templates';
import { deriveDocuments } from '../../server/tasks/scrape_target';
import { createGcPauseRuleType } from '../../server/alerting/gc_pause/gc_pause_rule_type';
import { createHeapGrowthRuleType } from '../../server/alerting/heap_growth/heap_growth_rule_type';
import { createMetricThresholdRuleType } from '../../server/alerting/metric_threshold/metric_threshold_rule_type';
import { createTargetHealthRuleType } from '../../server/alerting/target_health/target_health_rule_type';
import { GoRuntimeSim, prng, scrapeSchedule } from '../fixtures/sim/go_runtime_sim';
import { freePort } from '../harness/host_process';
import { benchTarget } from './bench_target';

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? '100');
const INTERVAL_S = Number(process.env.BENCH_INTERVAL_S ?? '30');
const RUNS = Number(process.env.BENCH_RUNS ?? '20');
const RULES = Number(process.env.BENCH_RULES ?? '200');
const MINUTES = Number(process.env.BENCH_MINUTES ?? '4');
/** Kibana 9 claims with mget and polls every 500 ms; 3000 was the default of the older claim strategy. */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? '500');
const SERVICES = 10;
const INDEX = 'metrics-go_runtime.heap-alertbench';
const DAY = 24 * 3_600_000;
/** The data's end: now, or with BENCH_SKIP_LOAD=1 the end of the data a previous run loaded. */
let END = Math.floor(Date.now() / 60_000) * 60_000;
const START = END - DAY;

const PARAMS: Record<string, Record<string, unknown>> = {
  'goRuntime.metricThreshold': {
    metric: 'golang.heap.allocations.allocated',
    aggregation: 'max',
    comparator: '>',
    threshold: [64 * 1024 * 1024],
    timeSize: 5,
    timeUnit: 'm',
  },
  'goRuntime.gcPause': {
    percentile: 99,
    comparator: '>',
    thresholdMs: 1,
    timeSize: 5,
    timeUnit: 'm',
  },
  'goRuntime.targetHealth': {
    conditions: ['down', 'restarted', 'missed_pauses'],
    downForIntervals: 3,
  },
  'goRuntime.heapGrowth': { timeSize: 1, timeUnit: 'h', minGrowthBytesPerHour: 50 * 1024 * 1024 },
};
const WINDOW_MS: Record<string, number> = {
  'goRuntime.metricThreshold': 300_000,
  'goRuntime.gcPause': 300_000,
  'goRuntime.targetHealth': DAY,
  'goRuntime.heapGrowth': 3_600_000,
};

async function load(client: Client): Promise<number> {
  const { 'index.auto_expand_replicas': _r, ...tsdb } = heapTemplateSettings();
  // A previous run's host installed the plugin's data-stream templates, which would turn this index into a data stream.
  await client.indices
    .deleteIndexTemplate({ name: 'metrics-go_runtime.*@go_runtime' })
    .catch(() => undefined);
  await client.indices.deleteDataStream({ name: INDEX }).catch(() => undefined);
  await client.indices.delete({ index: INDEX, ignore_unavailable: true });
  await client.indices.create({
    index: INDEX,
    settings: { number_of_shards: 1, number_of_replicas: 0, refresh_interval: '30s', ...tsdb },
    mappings: heapTemplateMappings() as never,
  });
  const scrapes = DAY / (INTERVAL_S * 1000);
  let operations: object[] = [];
  let total = 0;
  const started = performance.now();
  for (let t = 0; t < INSTANCES; t++) {
    const target = benchTarget(
      `a-${t}`,
      `svc-${t % SERVICES}-${t}`,
      `svc-${t % SERVICES}`,
      `http://10.3.0.${t}:6060/debug/vars`,
      0
    );
    const sim = new GoRuntimeSim({ seed: 9000 + t });
    let cursor: GcCursor | undefined;
    for (const { slot, atMs } of scrapeSchedule(
      START,
      INTERVAL_S * 1000,
      scrapes,
      (t * 397) % (INTERVAL_S * 1000),
      prng(t)
    )) {
      const scrape = sim.scrape(atMs);
      const derived = deriveDocuments(
        target,
        slot,
        {
          payload: {
            memstats: scrape.memstats as unknown as MemStats,
            cmdline: scrape.cmdline,
            customVars: flattenCustomVars({}, 0),
          },
          scrapedAt: new Date(atMs),
          durationMs: 2,
        },
        cursor
      );
      cursor = derived.gc!.cursor;
      operations.push({ create: {} }, derived.documents[0]!.document);
      total++;
      if (operations.length >= 4_000) {
        const result = await client.bulk({ index: INDEX, operations });
        if (result.errors)
          throw new Error(
            `bulk errors: ${JSON.stringify(
              result.items.find((i) => i.create?.error)?.create?.error
            )}`
          );
        operations = [];
      }
    }
    if (t % 20 === 19)
      process.stdout.write(
        `  loaded ${t + 1}/${INSTANCES} instances (${((performance.now() - started) / 1000).toFixed(
          0
        )} s)\n`
      );
  }
  if (operations.length > 0) await client.bulk({ index: INDEX, operations });
  await client.indices.refresh({ index: INDEX });
  await client.indices.forcemerge({ index: INDEX, max_num_segments: 1 });
  return total;
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;

async function runExecutor(
  ruleType: RuleType<any, any, any, any, any, string, string, any>,
  es: ElasticsearchClient,
  tracked: Record<string, never>
) {
  const alerts = new RunAlertsClient(
    tracked,
    new Date(END).toISOString(),
    new Set(ruleType.actionGroups.map((g) => g.id))
  );
  const started = performance.now();
  await ruleType.executor({
    executionId: 'bench',
    logger: {
      debug() {},
      info() {},
      warn() {},
      error() {},
      trace() {},
      fatal() {},
      get: () => undefined as never,
    } as never,
    params: ruleType.validate.params.validate(PARAMS[ruleType.id]!),
    previousStartedAt: null,
    rule: {
      id: 'bench',
      name: 'bench',
      tags: [],
      consumer: 'goRuntime',
      producer: 'goRuntime',
      ruleTypeId: ruleType.id,
      ruleTypeName: ruleType.name,
      enabled: true,
      schedule: { interval: '1m' },
      revision: 0,
    },
    services: {
      alertsClient: alerts.publicClient as never,
      savedObjectsClient: undefined as never,
      scopedClusterClient: { asCurrentUser: es, asInternalUser: es },
      shouldStopExecution: () => false,
      shouldWriteAlerts: () => true,
    },
    spaceId: 'default',
    startedAt: new Date(END),
    startedAtOverridden: false,
    state: {},
    isServerless: false,
  });
  const elapsed = performance.now() - started;
  const processed = alerts.process();
  return { elapsed, active: processed.newAlerts.length + processed.ongoing.length };
}

async function executorPart(client: Client) {
  const es = client as unknown as ElasticsearchClient;
  const types = [
    createMetricThresholdRuleType({}),
    createGcPauseRuleType({}),
    createTargetHealthRuleType({}),
    createHeapGrowthRuleType({}),
  ];
  process.stdout.write(
    `\n| rule type | window | executor p50 ms | p95 ms | baseline count p50 ms | ratio p50 | alerts |\n|---|---|---|---|---|---|---|\n`
  );
  for (const ruleType of types) {
    const window = WINDOW_MS[ruleType.id]!;
    const baseline: number[] = [];
    const times: number[] = [];
    let active = 0;
    for (let i = 0; i < 3; i++) await runExecutor(ruleType as never, es, {});
    for (let i = 0; i < RUNS; i++) {
      await client.indices.clearCache({ index: INDEX, request: true, query: true });
      const b0 = performance.now();
      await client.count({
        index: 'metrics-go_runtime.heap-*',
        query: { range: { '@timestamp': { gte: END - window, lte: END } } },
      });
      baseline.push(performance.now() - b0);
      await client.indices.clearCache({ index: INDEX, request: true, query: true });
      const run = await runExecutor(ruleType as never, es, {});
      times.push(run.elapsed);
      active = run.active;
    }
    const p50 = quantile(times, 0.5);
    const b50 = quantile(baseline, 0.5);
    process.stdout.write(
      `| ${ruleType.id} | ${window / 60_000} min | ${p50.toFixed(1)} | ${quantile(
        times,
        0.95
      ).toFixed(1)} | ${b50.toFixed(1)} | ${(p50 / b50).toFixed(1)} | ${active} |\n`
    );
  }
}

async function schedulePart(esUrl: string) {
  const port = await freePort();
  const host = new DevHost({
    ...DEFAULT_HOST_OPTIONS,
    port,
    esUrl,
    name: 'bench-alerting',
    indexPrefix: `.kibana_bench_alerting_${Date.now().toString(36)}`,
    ui: false,
    taskPollIntervalMs: POLL_MS,
    logLevel: 'warn',
  });
  await host.start();
  const request = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'kbn-xsrf': 'bench' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<any>;
  };
  // Kibana's measure (alerting's getScheduleDelay, Task Manager's drift): a run's start minus
  // the runAt it was claimed for. A new rule's task is due when it is created; later runs are
  // due one interval after the previous run started.
  const starts = new Map<string, Array<{ scheduledAt: number; startedAt: number }>>();
  const unsubscribe = host.onTaskRunStart((run) => {
    if (!run.taskType.startsWith('alerting:')) return;
    const list = starts.get(run.id) ?? [];
    list.push({ scheduledAt: run.scheduledAt.getTime(), startedAt: run.startedAt.getTime() });
    starts.set(run.id, list);
  });
  try {
    const typeIds = Object.keys(PARAMS);
    const created: Array<{ id: string; createdAt: number }> = [];
    const creating = performance.now();
    for (let i = 0; i < RULES; i++) {
      const ruleTypeId = typeIds[i % typeIds.length]!;
      const rule = await request('POST', '/api/alerting/rule', {
        name: `bench-${i}`,
        rule_type_id: ruleTypeId,
        consumer: 'goRuntime',
        schedule: { interval: '1m' },
        params: { ...PARAMS[ruleTypeId], serviceNames: [`svc-${i % SERVICES}`] },
      });
      if (rule.id === undefined) throw new Error(`rule not created: ${JSON.stringify(rule)}`);
      created.push({ id: rule.id, createdAt: Date.parse(rule.created_at) });
    }
    process.stdout.write(
      `\ncreated ${RULES} rules on a 1 m schedule in ${(
        (performance.now() - creating) /
        1000
      ).toFixed(1)} s; watching for ${MINUTES} min\n`
    );
    const durations: number[] = [];
    const seen = new Map<string, string>();
    const deadline = Date.now() + MINUTES * 60_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const found = await request('GET', `/api/alerting/rules/_find?per_page=${RULES + 10}`);
      for (const rule of found.data as any[]) {
        const date = rule.execution_status?.last_execution_date;
        if (rule.last_run !== undefined && date !== undefined && seen.get(rule.id) !== date) {
          seen.set(rule.id, date);
          if (rule.execution_status.last_duration !== undefined)
            durations.push(rule.execution_status.last_duration);
        }
      }
    }
    const firstLateness: number[] = [];
    const lateness: number[] = [];
    let missing = 0;
    for (const rule of created) {
      const runs = starts.get(rule.id) ?? [];
      if (runs.length === 0) {
        missing++;
        continue;
      }
      runs.forEach((run, k) =>
        (k === 0 ? firstLateness : lateness).push(run.startedAt - run.scheduledAt)
      );
    }
    const figures = (values: number[]) =>
      values.length === 0
        ? 'none'
        : `p50 ${(quantile(values, 0.5) / 1000).toFixed(1)} s, p95 ${(
            quantile(values, 0.95) / 1000
          ).toFixed(1)} s, max ${(Math.max(...values) / 1000).toFixed(1)} s`;
    const observedRuns = lateness.length + firstLateness.length;
    process.stdout.write(
      `first runs (due at creation), start − runAt: ${figures(firstLateness)}\n` +
        `runs observed: ${observedRuns} (${(observedRuns / RULES).toFixed(
          1
        )} per rule; rules never run: ${missing}); ` +
        `later runs, start − runAt: ${figures(lateness)} (goal: ≤ 10 s)\n` +
        `executor+framework duration per run: p50 ${quantile(durations, 0.5).toFixed(
          0
        )} ms, p95 ${quantile(durations, 0.95).toFixed(0)} ms; ` +
        `busy share of the schedule (sum of durations / (rules × window)): ${(
          (durations.reduce((a, b) => a + b, 0) / (RULES * MINUTES * 60_000)) *
          100
        ).toFixed(1)} %\n`
    );
  } finally {
    unsubscribe();
    await host.stop();
  }
}

async function main() {
  const es =
    process.env.ES_URL === undefined
      ? await startElasticsearch({
          name: 'bench-alerting',
          httpPort: Number(process.env.BENCH_ES_PORT ?? '9271'),
          heap: '1g',
        })
      : undefined;
  const esUrl = process.env.ES_URL ?? es!.url;
  const client = new Client({ node: esUrl, requestTimeout: 600_000 });
  try {
    process.stdout.write(
      `loading ${INSTANCES} instances × 24 h at ${INTERVAL_S} s into ${INDEX}\n`
    );
    const skipLoad = process.env.BENCH_SKIP_LOAD === '1';
    if (skipLoad) {
      const newest = await client.search({
        index: INDEX,
        size: 0,
        aggs: { newest: { max: { field: '@timestamp' } } },
      });
      END = Math.ceil((newest.aggregations?.newest as { value: number }).value / 60_000) * 60_000;
    }
    const docs = skipLoad ? (await client.count({ index: INDEX })).count : await load(client);
    process.stdout.write(
      `${docs} heap documents, ${INSTANCES} instances in ${SERVICES} services, ending ${new Date(
        END
      ).toISOString()}\n`
    );
    await executorPart(client);
    if (RULES > 0) await schedulePart(esUrl);
  } finally {
    await client.close();
    await es?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
