/**
 * `npm start`'s demo history: the last 7 days of each demo target, made by dev/demo/history.ts,
 * written after the app is ready (in the background, the last 24 h first, so the default
 * views fill first), and only before each instance's oldest document, so a second start adds
 * nothing twice (and TSDB answers a repeated slot with a 409 anyway).
 */
import type { Client } from '@elastic/elasticsearch';
import { DAY_MS, fillHistory, type HistoryTarget } from './history';

export const DEMO_HISTORY_DAYS = 7;

export interface DemoTarget {
  readonly id: string;
  readonly name: string;
  readonly serviceName: string;
  readonly url: string;
}

/** The oldest heap sample of an instance, or undefined when it has none. */
async function oldestSample(client: Client, instance: string): Promise<number | undefined> {
  const response = await client.search({
    index: 'metrics-go_runtime.heap-*',
    size: 0,
    ignore_unavailable: true,
    allow_no_indices: true,
    query: { term: { 'service.node.name': instance } },
    aggs: { oldest: { min: { field: '@timestamp' } } },
  });
  const value = (response.aggregations?.oldest as { value: number | null } | undefined)?.value;
  return value ?? undefined;
}

export async function fillDemoHistory(
  client: Client,
  targets: readonly DemoTarget[],
  options: { now?: number; signal?: AbortSignal; log?: (line: string) => void } = {}
): Promise<{ created: number; existing: number; failed: number; ms: number }> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const windowStart = now - DEMO_HISTORY_DAYS * DAY_MS;
  let created = 0;
  let existing = 0;
  let failed = 0;
  const ends = new Map<string, number>();
  for (const target of targets)
    ends.set(target.id, Math.min(now, (await oldestSample(client, target.name)) ?? now));
  // The last 24 h first, so the default views are full within seconds; then the 6 days before.
  // Each segment is one simulated process life per target (restarting once a day).
  const segments = [
    [now - DAY_MS, now],
    [windowStart, now - DAY_MS],
  ] as const;
  for (const [segment, [from, to]] of segments.entries()) {
    if (options.signal?.aborted === true) break;
    for (const [index, target] of targets.entries()) {
      const end = Math.min(to, ends.get(target.id)!);
      if (end <= from) continue;
      const history: HistoryTarget = {
        ...target,
        seed: 1000 + index * 7919 + segment,
        customVars: true,
        restartEveryMs: DAY_MS,
      };
      const outcome = await fillHistory(client, [history], from, end, {
        signal: options.signal,
        refresh: false,
      });
      created += outcome.created;
      existing += outcome.existing;
      failed += outcome.failed;
      if (outcome.firstError !== undefined)
        options.log?.(
          `demo history: ${outcome.failed} documents refused, first: ${outcome.firstError}`
        );
    }
    await client.indices.refresh({
      index: 'metrics-go_runtime.*',
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    options.log?.(
      `demo history: ${
        segment === 0 ? 'last 24 h' : 'the 6 days before'
      } written (${created} documents so far, ${((performance.now() - started) / 1000).toFixed(
        0
      )} s)`
    );
  }
  return { created, existing, failed, ms: performance.now() - started };
}
