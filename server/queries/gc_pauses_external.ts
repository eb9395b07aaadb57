import type { ElasticsearchClient } from '@kbn/core/server';
import type {
  GcPausesResponse,
  MetricLine,
  PanelRequest,
  PauseBucket,
  PauseLine,
} from '../../common/panels';
import type { SourceNote, SourceProblem } from '../../common/sources';
import type { QueryContext } from '../routes/dashboard_routes';
import type { MetricValue } from './aggregation_results';
import type { PanelScope } from './panel_scope';
import { lineBudget } from './panel_scope';
import {
  resolveSourcesScope,
  searchOtherSource,
  sourceSubject,
  sourcesLimit,
  type OtherSourceScope,
} from './source_search';
import { sourceProblem } from '../sources/source_problem';
import { counterRate, sumPoints, type Point } from './source_series';

/**
 * GC pauses from the other sources. Metricbeat (and the integration, where its documents carry
 * them) report each period's pause count and longest pause: exact, but no percentiles. The APM
 * Go agent reports only the cumulative pause total: its line is GC pause time per second, the
 * counter's rate per instance (`pause_time`), since it has no per-GC pauses to show.
 */

export const PAUSE_TIME_METRIC = 'pause_ns_per_second';

interface PauseTimeBucket {
  key: number;
  doc_count: number;
  pauses?: MetricValue;
  max?: MetricValue;
  total?: MetricValue;
}

type OtherPauses =
  | { kind: 'pauses'; lines: PauseLine[]; total: number; shown: number }
  | { kind: 'pause_time'; lines: MetricLine[]; total: number; shown: number }
  | { kind: 'none' };

function pauseFields(scope: OtherSourceScope) {
  const reader = scope.reader;
  const count = reader.field('golang.heap.gc.pause.count');
  const max = reader.field('golang.heap.gc.pause.max.ns');
  const total = reader.field('golang.heap.gc.total_pause.ns');
  if (count !== undefined && max !== undefined) return { kind: 'pauses' as const, count, max };
  if (total !== undefined) return { kind: 'pause_time' as const, total };
  return { kind: 'none' as const };
}

function pauseNote(scope: OtherSourceScope): SourceNote {
  const subject = sourceSubject(scope.reader.id);
  const fields = pauseFields(scope);
  return {
    source: scope.reader.id,
    message:
      fields.kind === 'pauses'
        ? `${subject} reports each interval's pause count and longest pause, not each pause: no percentiles.`
        : fields.kind === 'pause_time'
        ? `${subject} reports no per-GC pauses: shown is GC time per interval from the cumulative total.`
        : `${subject} reports no GC pauses.`,
  };
}

async function otherPauses(
  client: ElasticsearchClient,
  scope: OtherSourceScope,
  request: PanelRequest,
  plan: PanelScope['plan'],
  signal: AbortSignal | undefined
): Promise<{ pauses: OtherPauses; problem?: SourceProblem }> {
  const fields = pauseFields(scope);
  if (fields.kind === 'none') return { pauses: { kind: 'none' } };
  const aggs: Record<string, object> =
    fields.kind === 'pauses'
      ? { pauses: { sum: { field: fields.count } }, max: { max: { field: fields.max } } }
      : { total: { max: { field: fields.total } } };
  const { instances, problem } = await searchOtherSource<PauseTimeBucket>(
    client,
    scope,
    request,
    plan,
    aggs,
    signal
  );
  const counts = { total: scope.instances, shown: Math.min(scope.instances, lineBudget(plan)) };
  if (fields.kind === 'pauses') {
    const lines = instances.map((instance) => ({
      instance: String(instance.key),
      source: scope.reader.id,
      buckets: instance.over_time.buckets.map((bucket): PauseBucket => {
        const pauses = bucket.pauses?.value ?? 0;
        return {
          at: Number(bucket.key),
          p50: null,
          p95: null,
          p99: null,
          max: pauses > 0 ? bucket.max?.value ?? null : null,
          pauses,
          missed: 0,
        };
      }),
    }));
    return { pauses: { kind: 'pauses', lines, ...counts }, problem };
  }
  const lines = instances.map(
    (instance): MetricLine => ({
      metric: PAUSE_TIME_METRIC,
      instance: String(instance.key),
      source: scope.reader.id,
      points: counterRate(
        instance.over_time.buckets.map(
          (bucket): Point => [
            Number(bucket.key),
            bucket.doc_count === 0 ? null : bucket.total?.value ?? null,
          ]
        )
      ),
    })
  );
  return { pauses: { kind: 'pause_time', lines, ...counts }, problem };
}

/**
 * One pause line for the service from several: counts summed, the longest the longest, and
 * percentiles only where every pause counted in the bucket is one the plugin recorded itself.
 */
export function combinePauseLines(lines: readonly PauseLine[]): PauseLine[] {
  const first = lines[0];
  if (first === undefined) return [];
  return [
    {
      buckets: first.buckets.map((bucket, i) => {
        const all = lines.map((line) => line.buckets[i]).filter((b) => b !== undefined);
        const pauses = all.reduce((sum, b) => sum + b.pauses, 0);
        const maxes = all.flatMap((b) => (b.max === null ? [] : [b.max]));
        const withPercentiles = all.filter((b) => b.pauses > 0);
        const own = withPercentiles.length === 1 ? withPercentiles[0]! : undefined;
        const exact = own !== undefined && own.p50 !== null;
        return {
          at: bucket.at,
          p50: exact ? own.p50 : null,
          p95: exact ? own.p95 : null,
          p99: exact ? own.p99 : null,
          max: maxes.length > 0 ? Math.max(...maxes) : null,
          pauses,
          missed: all.reduce((sum, b) => sum + b.missed, 0),
        };
      }),
    },
  ];
}

/**
 * The GC pauses panel over every enabled source: the plugin's own response (its query, given the
 * shared bucket plan) beside the other sources' pause lines and pause time.
 */
export async function queryGcPausesAcrossSources(
  client: ElasticsearchClient,
  request: PanelRequest,
  spaceId: string,
  signal: AbortSignal | undefined,
  context: QueryContext,
  ownPauses: (scope: PanelScope) => Promise<GcPausesResponse>
): Promise<GcPausesResponse> {
  const scope = await resolveSourcesScope(client, request, spaceId, signal, context);
  const problems: SourceProblem[] = [...scope.problems];
  const [own, ...others] = await Promise.allSettled([
    scope.own === undefined ? Promise.resolve(undefined) : ownPauses(scope.own),
    ...scope.others.map((other) => otherPauses(client, other, request, scope.plan, signal)),
  ]);
  const ownReader = context.sources?.find((reader) => reader.id === 'go_runtime');
  if (own.status === 'rejected') {
    if (scope.others.length === 0 || ownReader === undefined) throw own.reason;
    problems.push(sourceProblem(ownReader, own.reason));
  }
  const ownResponse = own.status === 'fulfilled' ? own.value : undefined;
  const pauseLines: PauseLine[] = [];
  const pauseTime: MetricLine[] = [];
  const counts: Array<{ total: number; shown: number }> = [];
  if (ownResponse !== undefined) {
    counts.push({ total: ownResponse.instances.total, shown: ownResponse.instances.shown });
    const withSource = scope.others.length > 0;
    pauseLines.push(
      ...ownResponse.lines.map((line) =>
        withSource && line.instance !== undefined
          ? { ...line, source: 'go_runtime' as const }
          : line
      )
    );
  }
  let answered = ownResponse !== undefined;
  others.forEach((result, i) => {
    if (result.status === 'rejected') {
      problems.push(sourceProblem(scope.others[i]!.reader, result.reason));
      return;
    }
    answered = true;
    const { pauses, problem } = result.value;
    if (problem !== undefined) problems.push(problem);
    if (pauses.kind === 'none') return;
    counts.push({ total: pauses.total, shown: pauses.shown });
    if (pauses.kind === 'pauses') pauseLines.push(...pauses.lines);
    else pauseTime.push(...pauses.lines);
  });
  if (!answered && own.status === 'rejected') throw own.reason;
  const notes = scope.others.map(pauseNote);
  const split = request.by_instance === true;
  const limit = sourcesLimit(counts);
  const lines = split ? pauseLines : combinePauseLines(pauseLines);
  const time =
    split || pauseTime.length === 0
      ? pauseTime
      : [
          {
            metric: PAUSE_TIME_METRIC,
            points: sumPoints(pauseTime.map((line) => line.points)),
          },
        ];
  return {
    bucket_ms: scope.plan.bucketMs,
    lines,
    instances: split || limit.limited ? limit : { ...limit, shown: limit.total },
    ...(time.length > 0 ? { pause_time: time } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}
