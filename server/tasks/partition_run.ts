import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isLeft, type Either } from 'fp-ts/Either';
import { freshState, type TargetCollectionState } from '../collection_state/target_state';
import type { CollectionStateStore } from '../collection_state/collection_state_store';
import type { GcCursor } from '../derive/gc_cursor';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';
import { serviceAddress } from '../derive/scrape_identity';
import { toBufferedScrape, type SettledScrape, type WriteBuffer } from '../storage/write_buffer';
import type { TargetCatalog } from '../targets/target_catalog';
import type { ValidTarget } from '../targets/saved_target';
import { partitionOf } from './partitions';
import type { ScrapeCoordinator, ScrapeOutcome } from './scrape_coordinator';
import { missedSlotsBetween, slotAt, slotOffset } from './scrape_plan';
import {
  deriveDocuments,
  scrapeHealthDocument,
  scrapeTarget,
  type ScrapeResult,
  type ScrapeSettings,
} from './scrape_target';

export interface PartitionRunDeps {
  readonly logger: Logger;
  readonly catalog: TargetCatalog;
  readonly store: CollectionStateStore;
  readonly buffer: WriteBuffer;
  readonly scrapes: ScrapeCoordinator;
  readonly settings: ScrapeSettings;
  readonly esClient: () => Promise<ElasticsearchClient>;
  /** Resolves once the index templates are installed; writing before would map dynamically. */
  readonly storageReady: () => Promise<void>;
  readonly partitions: number;
  /** How long a run keeps its partition when Elasticsearch takes every write. */
  readonly runMs: number;
  /** When a run ends whatever is unwritten, measured from its start (below Task Manager's timeout). */
  readonly deadlineMs: number;
  readonly scrape?: (
    target: ValidTarget,
    signal: AbortSignal
  ) => Promise<Either<ScrapeError, ScrapeResult>>;
  readonly now?: () => number;
  /** How long Elasticsearch must have taken writes again before a run ends (default 5 s). */
  readonly recoveryMs?: number;
  /** How often a target's size classes are stored (default: DEFAULT_SIZE_CLASS_PERIOD_MS). */
  readonly sizeClassPeriodMs?: number;
}

/** What one run did, for its closing log line. */
export interface PartitionRunSummary {
  readonly targets: number;
  readonly scrapes: number;
  /** Scrapes whose documents are in Elasticsearch. */
  readonly written: number;
  /** Documents of those that answered 409: written before, by a retry or another node. */
  readonly alreadyWritten: number;
  /** Slots missed while this run held the partition: a scrape still running, or a stall. */
  readonly missedSlots: number;
  readonly missedTargets: number;
  /**
   * Slots that passed between the previous run and this run's first scrape of a target: Task
   * Manager's hand-over (a finished run is claimable after the task index's next refresh), or
   * a target enabled again. Counted in the target's missed slots too; not a warning.
   */
  readonly handoverSlots: number;
  readonly lateOutcomes: number;
  readonly dropped: number;
  readonly rejected: number;
  readonly unwritten: number;
}

const TICK_MS = 100;
const SYNC_MS = 1_000;
const PERSIST_MS = 2_000;
/** How long a run ending pauses its grid for its last writes; a slower Elasticsearch resumes it. */
const WIND_DOWN_MS = 500;
const FINAL_PERSIST_MS = 5_000;
const RECOVERY_MS = 5_000;

interface Tracked {
  target: ValidTarget;
  /** The target's grid offset, hashed once rather than at every tick. */
  offset: number;
  state: TargetCollectionState;
  /** The cursor after the newest derived scrape; ahead of state.cursor while documents wait in the buffer. */
  pendingCursor: GcCursor | undefined;
  /** Bumped on every change of state; persisted when the stored copy is older. */
  version: number;
  persisted: number;
  /** No slot launched yet in this run: the slots since its last one passed between runs. */
  firstInRun: boolean;
}

/**
 * One run of a poll partition: for `runMs` it scrapes the partition's targets on their grid,
 * derives each outcome against the target's cursor, queues the documents and writes them,
 * and keeps the targets' collection state in its store. While Elasticsearch cannot take the
 * documents it keeps scraping into the buffer, up to `deadlineMs`, so an outage shorter than
 * that loses no slot; the run ends once its partition's documents and state are written.
 */
export async function runPartition(
  deps: PartitionRunDeps,
  partition: number,
  signal: AbortSignal
): Promise<PartitionRunSummary> {
  const now = deps.now ?? Date.now;
  const started = now();
  const endAt = started + deps.runMs;
  const hardAt = started + deps.deadlineMs;
  const scrape = deps.scrape ?? ((target, abort) => scrapeTarget(target, deps.settings, abort));
  const log = deps.logger;
  const tracked = new Map<string, Tracked>();
  const counts = {
    scrapes: 0,
    written: 0,
    alreadyWritten: 0,
    missedSlots: 0,
    handoverSlots: 0,
    lateOutcomes: 0,
    dropped: 0,
    rejected: 0,
  };
  const missedTargets = new Set<string>();

  await deps.storageReady();
  const client = await deps.esClient();

  // Entries whose state changed since it was last saved: the persist and the end of the run
  // look at these, not at every target of the partition at every tick.
  const unsaved = new Set<Tracked>();
  /** Targets that left the partition during this run: their writes still settle into them. */
  const leaving = new Map<string, Tracked>();
  const change = (entry: Tracked, next: TargetCollectionState) => {
    entry.state = next;
    entry.version++;
    unsaved.add(entry);
  };

  const load = async (at: number) => {
    const targets = await deps.catalog.targetsOf(
      partition,
      (id) => partitionOf(id, deps.partitions),
      at
    );
    const current = new Set(targets.map((target) => target.id));
    for (const [id, entry] of tracked) {
      if (current.has(id)) continue;
      tracked.delete(id);
      // A disabled (or moved) target's unsaved state is still saved: enabled again, it must go
      // on from the cursor of its last document, or the pauses since an older one are counted twice.
      leaving.set(id, entry);
    }
    // Back before that save: it goes on from the state in memory, newer than the stored one.
    for (const target of targets) {
      const left = leaving.get(target.id);
      if (left === undefined || tracked.has(target.id)) continue;
      leaving.delete(target.id);
      tracked.set(target.id, left);
    }
    const fresh = targets.filter((target) => !tracked.has(target.id));
    if (fresh.length > 0) {
      const states = await deps.store.load(fresh.map((target) => target.id));
      for (const target of fresh) {
        const state = states.get(target.id) ?? freshState(target.id);
        // A gap longer than a handover means collection was off for this target (disabled, or
        // no Kibana ran it): said once, not counted as missed slots of its grid.
        const resumed =
          state.last_slot !== undefined &&
          at - state.last_slot > deps.deadlineMs + target.intervalMs;
        if (resumed)
          log.info(
            `target [${target.attributes.name}] resumes collection after ${Math.round(
              (at - state.last_slot!) / 1000
            )} s without it`
          );
        const { last_slot: _dropped, ...rest } = state;
        tracked.set(target.id, {
          target,
          offset: slotOffset(target.id, target.intervalMs),
          state: resumed ? rest : state,
          pendingCursor: state.cursor,
          version: 0,
          persisted: 0,
          firstInRun: true,
        });
      }
    }
    for (const target of targets) {
      const entry = tracked.get(target.id)!;
      // An edited interval moves the grid.
      if (entry.target.intervalMs !== target.intervalMs)
        entry.offset = slotOffset(target.id, target.intervalMs);
      entry.target = target;
    }
  };

  const launchDue = (at: number): number => {
    let nextSlotAt = at + TICK_MS;
    for (const entry of tracked.values()) {
      const { target, state } = entry;
      const slot = slotAt(entry.offset, target.intervalMs, at);
      nextSlotAt = Math.min(nextSlotAt, slot + target.intervalMs);
      if (state.last_slot !== undefined && slot <= state.last_slot) continue;
      const { name, url } = target.attributes;
      const work = deps.scrapes.launch({ id: target.id, name, url }, slot, partition, (abort) =>
        scrape(target, abort)
      );
      const between = missedSlotsBetween(state.last_slot, slot, target.intervalMs);
      const handover = entry.firstInRun ? between : 0;
      const inRun = between - handover + (work === undefined ? 1 : 0);
      const missed = handover + inRun;
      entry.firstInRun = false;
      counts.handoverSlots += handover;
      if (inRun > 0) {
        counts.missedSlots += inRun;
        missedTargets.add(target.id);
      }
      if (work !== undefined) counts.scrapes++;
      change(entry, { ...state, last_slot: slot, missed_slots: state.missed_slots + missed });
    }
    return nextSlotAt;
  };

  const collect = () => {
    for (const outcome of deps.scrapes.drain(partition).sort((a, b) => a.slot - b.slot)) {
      const entry = tracked.get(outcome.targetId);
      if (entry === undefined) continue; // deleted, disabled or moved meanwhile
      if (entry.state.derived_slot !== undefined && outcome.slot <= entry.state.derived_slot) {
        // A newer slot was derived already (on another node, or by another run): applying this
        // one would move the cursor back and count pauses twice.
        counts.lateOutcomes++;
        continue;
      }
      applyOutcome(entry, outcome);
    }
  };

  const applyOutcome = (entry: Tracked, outcome: ScrapeOutcome) => {
    const base: TargetCollectionState = {
      ...entry.state,
      derived_slot: outcome.slot,
      last_scrape_at: outcome.finishedAt,
    };
    const { name } = entry.target.attributes;
    // Like service.address: a query string may carry a token, and logs are read widely.
    const url = serviceAddress(entry.target.attributes.url);
    if (isLeft(outcome.result)) {
      const error = outcome.result.left;
      log.warn(`scrape of target [${name}] (${url}) failed: ${error.message}`);
      change(entry, {
        ...base,
        last_error: { kind: error.kind, message: error.message, at: outcome.finishedAt },
      });
      enqueueFailure(entry, outcome, error);
      return;
    }
    let derived: ReturnType<typeof deriveDocuments>;
    try {
      derived = deriveDocuments(
        entry.target,
        outcome.slot,
        outcome.result.right,
        entry.pendingCursor,
        { sizeClassPeriodMs: deps.sizeClassPeriodMs }
      );
    } catch (error) {
      // Derivation is total by design; should it ever throw, only this target pays for it.
      const message = `could not derive documents from the page: ${String(
        (error as Error)?.message ?? error
      ).slice(0, 300)}`;
      log.error(`scrape of target [${name}] (${url}) failed: ${message}`);
      change(entry, { ...base, last_error: { kind: 'internal', message, at: outcome.finishedAt } });
      const { status, bytes } = outcome.result.right;
      enqueueFailure(entry, outcome, scrapeError('internal', message, { status, bytes }));
      return;
    }
    const { gc, customVars } = derived;
    const { scrapedAt, durationMs, status, bytes } = outcome.result.right;
    const documents = [
      scrapeHealthDocument(entry.target, {
        slotMs: outcome.slot,
        startedAt: scrapedAt,
        durationMs,
        status,
        bytes,
      }),
      ...derived.documents,
    ];
    if (gc?.change === 'restarted')
      log.info(`target [${name}] restarted (${gc.restartReason}); GC pause tracking starts over`);
    if (gc !== undefined && gc.missed > 0 && gc.change === 'continued') {
      log.warn(
        `target [${name}] ran ${gc.missed} GCs whose pauses left Go's 256-entry ring before this scrape; scrape it more often`
      );
    }
    if (customVars !== undefined && customVars.dropped > 0) {
      log.warn(
        `target [${name}] publishes ${customVars.total} custom vars; ${customVars.dropped} beyond the cap of ${entry.target.maxCustomVars} were left out`
      );
    }
    entry.pendingCursor = gc?.cursor ?? entry.pendingCursor;
    const { last_error: _cleared, ...healthy } = base;
    const next = {
      ...healthy,
      last_success_at: outcome.finishedAt,
      last_duration_ms: outcome.result.right.durationMs,
    };
    change(entry, next);
    deps.buffer.enqueue(
      toBufferedScrape(entry.target.id, partition, outcome.slot, entry.pendingCursor, documents)
    );
  };

  // A failed attempt is a health document too; it carries the cursor unchanged, so settling it
  // in order behind earlier scrapes of the target never moves the cursor.
  const enqueueFailure = (entry: Tracked, outcome: ScrapeOutcome, error: ScrapeError) => {
    const attempt = {
      slotMs: outcome.slot,
      startedAt: new Date(outcome.startedAt),
      durationMs: outcome.finishedAt - outcome.startedAt,
      bytes: error.bytes ?? 0,
      ...(error.status === undefined ? {} : { status: error.status }),
      error,
    };
    deps.buffer.enqueue(
      toBufferedScrape(entry.target.id, partition, outcome.slot, entry.pendingCursor, [
        scrapeHealthDocument(entry.target, attempt),
      ])
    );
  };

  const applySettled = () => {
    const byOutcome = { dropped: 0, rejected: 0 };
    for (const settled of deps.buffer.takeSettled(partition)) {
      const id = settled.scrape.targetId;
      const entry = tracked.get(id) ?? leaving.get(id);
      if (entry === undefined) continue;
      applySettledScrape(entry, settled);
      if (settled.outcome === 'written') {
        counts.written++;
        // Normal when two nodes raced for a slot or a bulk response was lost; only a count.
        counts.alreadyWritten += settled.duplicates;
      } else byOutcome[settled.outcome]++;
    }
    counts.dropped += byOutcome.dropped;
    counts.rejected += byOutcome.rejected;
    if (byOutcome.dropped > 0) {
      log.warn(
        `dropped ${byOutcome.dropped} scrapes of partition ${partition} from the full write buffer (go_runtime.buffer.maxBytes ${deps.buffer.bytes} bytes queued); Elasticsearch has not taken documents for a while`
      );
    }
  };

  const applySettledScrape = (entry: Tracked, settled: SettledScrape) => {
    const { scrape: written } = settled;
    let state = entry.state;
    if (settled.outcome === 'rejected') {
      log.error(
        `documents of target [${entry.target.attributes.name}] for slot ${new Date(
          written.slot
        ).toISOString()} were rejected by Elasticsearch: ${settled.reason}`
      );
      state = { ...state, rejected_documents: state.rejected_documents + 1 };
    } else if (settled.outcome === 'dropped') {
      state = { ...state, dropped_documents: state.dropped_documents + 1 };
    }
    // Whatever its fate, the scrape is settled: the cursor moves past it, since retrying its
    // documents can no longer help (written, refused for good, or dropped and counted).
    if (state.written_slot === undefined || written.slot > state.written_slot) {
      state = {
        ...state,
        written_slot: written.slot,
        ...(written.cursor === undefined ? {} : { cursor: written.cursor }),
      };
    }
    change(entry, state);
  };

  let persisting: Promise<void> | undefined;
  let persistFailing = false;
  let lastPersist = started;
  const persist = () => {
    if (persisting !== undefined) return;
    const snapshot = [...unsaved].map((entry) => ({
      entry,
      version: entry.version,
      state: entry.state,
    }));
    if (snapshot.length === 0) return;
    lastPersist = now();
    persisting = deps.store
      .save(snapshot.map((item) => item.state))
      .then((failed) => {
        const failedIds = new Set(failed);
        for (const item of snapshot) {
          if (failedIds.has(item.entry.state.target_id)) continue;
          item.entry.persisted = item.version;
          if (item.entry.version === item.version) unsaved.delete(item.entry);
        }
        persistFailing = failed.length > 0;
      })
      .catch((error: Error) => {
        if (!persistFailing)
          log.warn(
            `could not save the collection state of partition ${partition}, retrying: ${error.message}`
          );
        persistFailing = true;
      })
      .finally(() => (persisting = undefined));
  };
  const dirty = () => unsaved.size > 0;

  const flush = () => {
    if (deps.buffer.busy || deps.buffer.length === 0) return;
    deps.buffer
      .flush(client, now())
      .then(() => {
        const transition = deps.buffer.takeTransition();
        if (transition === 'down') {
          log.warn(
            `Elasticsearch does not take documents now; ${deps.buffer.length} scrapes (${deps.buffer.bytes} bytes) wait on this node and are retried with backoff`
          );
        } else if (transition === 'up') {
          log.info('Elasticsearch takes documents again; the buffered scrapes were written');
        }
      })
      .catch((error: Error) =>
        log.error(`writing documents failed unexpectedly: ${error.message}`)
      );
  };

  // In the background: a slow or unreachable Elasticsearch must not hold up the grid, which
  // goes on with the targets known so far.
  let syncing: Promise<void> | undefined;
  const sync = (at: number) => {
    syncing ??= load(at)
      .catch((error: Error) =>
        log.warn(`partition ${partition} could not refresh its targets: ${error.message}`)
      )
      .finally(() => (syncing = undefined));
    return syncing;
  };

  await sync(started);
  let lastSync = started;
  let windDownSince: number | undefined;
  let lastTrouble = Number.NEGATIVE_INFINITY;
  try {
    for (;;) {
      const at = now();
      if (signal.aborted) break;
      if (at - lastSync >= SYNC_MS) {
        lastSync = at;
        void sync(at);
      }
      // Past its time a run stops starting scrapes to write what it has, unless Elasticsearch
      // fails or is slow to answer: then it keeps the grid going into the buffer until the
      // writes go through or the deadline comes.
      let windingDown = false;
      const troubled = deps.buffer.backingOff || persistFailing;
      if (troubled) lastTrouble = at;
      // After an outage the cluster recovers its shards (the task index among them) for a while;
      // a handover then would leave the partition unclaimed, so the run stays a little longer.
      if (at >= endAt && !troubled && at - lastTrouble >= (deps.recoveryMs ?? RECOVERY_MS)) {
        const idle = !deps.buffer.busy && persisting === undefined;
        if (windDownSince === undefined || (at - windDownSince >= WIND_DOWN_MS && idle))
          windDownSince = at;
        windingDown = at - windDownSince < WIND_DOWN_MS;
      }
      const nextSlotAt = windingDown ? at + TICK_MS : launchDue(at);
      collect();
      applySettled();
      flush();
      if (at - lastPersist >= PERSIST_MS || windingDown) persist();
      if (
        windingDown &&
        deps.buffer.pendingFor(partition) === 0 &&
        !deps.buffer.busy &&
        persisting === undefined &&
        !dirty()
      )
        break;
      if (at >= hardAt) {
        log.warn(
          `partition ${partition} ends its run with ${deps.buffer.pendingFor(
            partition
          )} scrapes unwritten: Elasticsearch has not taken them before the task's deadline`
        );
        break;
      }
      await sleep(Math.max(10, Math.min(nextSlotAt, at + TICK_MS) - now()), signal);
    }
  } finally {
    collect();
    applySettled();
    // Bounded: past the task's timeout another node may hold the partition already.
    const finalPersist = (async () => {
      await persisting; // a save in flight has an older snapshot; the last one must follow it
      persist();
      await persisting;
    })();
    await Promise.race([
      finalPersist,
      new Promise((resolve) => setTimeout(resolve, FINAL_PERSIST_MS).unref()),
    ]);
  }

  const summary: PartitionRunSummary = {
    targets: tracked.size,
    ...counts,
    missedTargets: missedTargets.size,
    unwritten: deps.buffer.pendingFor(partition),
  };
  const line =
    `partition ${partition}: ${summary.scrapes} scrapes of ${summary.targets} targets, ${summary.written} written ` +
    `(${summary.alreadyWritten} documents were there already), ` +
    `${summary.missedSlots} slots of ${summary.missedTargets} targets missed (and ${summary.handoverSlots} between runs), ` +
    `${summary.lateOutcomes} late outcomes dropped, ` +
    `${summary.dropped} dropped from the buffer, ${summary.rejected} rejected, ${summary.unwritten} unwritten`;
  if (
    summary.missedSlots +
      summary.lateOutcomes +
      summary.dropped +
      summary.rejected +
      summary.unwritten >
    0
  )
    log.warn(line);
  else log.debug(line);
  return summary;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
