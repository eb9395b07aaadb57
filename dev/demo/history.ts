/**
 * History for the demo and the benchmark: documents a real collection would have written,
 * made by the plugin's own document builder (deriveDocuments) from the simulated Go runtime,
 * one scrape per slot. Deterministic for a target's seed, so a second fill writes the same
 * documents: heap documents get their `_id` from the TSDB dimensions and `@timestamp` (a 409
 * on a repeat), expvar documents the plugin's own `<target id>:<slot>`.
 */
import type { Client } from '@elastic/elasticsearch';
import { flattenCustomVars } from '../../server/derive/custom_vars';
import type { GcCursor } from '../../server/derive/gc_cursor';
import type { MemStats } from '../../server/parse/expvar_payload';
import type { JsonValue } from '../../server/parse/lossless_json';
import { decodeSavedTarget, type ValidTarget } from '../../server/targets/saved_target';
import { deriveDocuments } from '../../server/tasks/scrape_target';
import { GoRuntimeSim, prng, scrapeSchedule } from '../../test/fixtures/sim/go_runtime_sim';

export interface HistoryTarget {
  readonly id: string;
  readonly name: string;
  readonly serviceName: string;
  readonly url: string;
  readonly seed: number;
  readonly intervalMs?: number;
  /** Publish a few custom vars beside memstats (numbers, a string, a boolean). */
  readonly customVars?: boolean;
  /** Deterministic restarts (default: once a day). */
  readonly restartEveryMs?: number;
}

export const DAY_MS = 24 * 3_600_000;

function validTarget(target: HistoryTarget, intervalMs: number): ValidTarget {
  const decoded = decodeSavedTarget({
    id: target.id,
    type: 'go-runtime-target',
    references: [],
    attributes: {
      name: target.name,
      service_name: target.serviceName,
      url: target.url,
      interval: `${intervalMs / 1000}s`,
      enabled: true,
      max_custom_vars: 100,
    },
  });
  if (!decoded.valid) throw new Error(decoded.reason);
  return decoded.target;
}

/** The custom vars a small Go service might publish; they move with the simulated load. */
function customVars(
  slot: number,
  objects: number,
  random: () => number
): Record<string, JsonValue> {
  return {
    requests: Math.floor(objects / 100),
    cache: {
      hits: Math.floor(objects / 37),
      misses: Math.floor(objects / 900),
      size: 500 + Math.floor(random() * 100),
    },
    queue_depth: Math.floor(random() * 20),
    version: '1.4.2',
    healthy: slot % 600_000 !== 0,
  } as Record<string, JsonValue>;
}

export interface HistoryDocument {
  readonly index: string;
  /** Present for expvar documents; heap documents get theirs from the TSDB dimensions. */
  readonly id?: string;
  readonly document: object;
}

/** The documents of one target from `fromMs` to `toMs`, oldest first. */
export function* historyDocuments(
  target: HistoryTarget,
  fromMs: number,
  toMs: number
): Generator<HistoryDocument> {
  const intervalMs = target.intervalMs ?? 10_000;
  const valid = validTarget(target, intervalMs);
  const sim = new GoRuntimeSim({
    seed: target.seed,
    restartChance: 0,
    restartEveryMs: target.restartEveryMs ?? DAY_MS,
    activeClasses: 30,
  });
  const random = prng(target.seed + 1);
  const offset = (target.seed * 397) % intervalMs;
  const start = Math.floor(fromMs / intervalMs) * intervalMs;
  const count = Math.max(0, Math.floor((toMs - start - offset) / intervalMs));
  let cursor: GcCursor | undefined;
  for (const { slot, atMs } of scrapeSchedule(start, intervalMs, count, offset, random)) {
    const scrape = sim.scrape(atMs);
    const vars =
      target.customVars === true
        ? flattenCustomVars(customVars(slot, scrape.memstats.Mallocs, random), 100)
        : flattenCustomVars({}, 0);
    const derived = deriveDocuments(
      valid,
      slot,
      {
        payload: {
          memstats: scrape.memstats as unknown as MemStats,
          cmdline: scrape.cmdline,
          customVars: vars,
        },
        scrapedAt: new Date(atMs),
        durationMs: 2 + random() * 3,
      },
      cursor
    );
    cursor = derived.gc?.cursor;
    for (const written of derived.documents) {
      yield {
        index: written.index,
        ...(written.idFromDimensions === true ? {} : { id: written.id }),
        document: written.document,
      };
    }
  }
}

export interface FillOutcome {
  readonly created: number;
  /** Already there (a second fill): TSDB or `_id` conflicts. */
  readonly existing: number;
  readonly failed: number;
  readonly firstError?: string;
}

/** Bulk-creates the history of `targets` in chunks; bounded by `maxDocuments` as a guard. */
export async function fillHistory(
  client: Client,
  targets: readonly HistoryTarget[],
  fromMs: number,
  toMs: number,
  options: { chunk?: number; signal?: AbortSignal; refresh?: boolean } = {}
): Promise<FillOutcome> {
  const chunk = options.chunk ?? 4_000;
  let created = 0;
  let existing = 0;
  let failed = 0;
  let firstError: string | undefined;
  let operations: object[] = [];
  const flush = async () => {
    if (operations.length === 0) return;
    const response = await client.bulk({ operations, refresh: false });
    operations = [];
    for (const item of response.items) {
      const outcome = item.create;
      if (outcome === undefined) continue;
      if (outcome.status === 201) created++;
      else if (outcome.status === 409) existing++;
      else {
        failed++;
        firstError ??= JSON.stringify(outcome.error);
      }
    }
  };
  for (const target of targets) {
    for (const { index, id, document } of historyDocuments(target, fromMs, toMs)) {
      if (options.signal?.aborted) break;
      operations.push(
        { create: { _index: index, ...(id === undefined ? {} : { _id: id }) } },
        document
      );
      if (operations.length >= chunk * 2) await flush();
    }
  }
  await flush();
  if (options.refresh !== false)
    await client.indices.refresh({
      index: 'metrics-go_runtime.*',
      ignore_unavailable: true,
      allow_no_indices: true,
    });
  return { created, existing, failed, ...(firstError === undefined ? {} : { firstError }) };
}
