import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isLeft, type Either } from 'fp-ts/Either';
import type { TargetCollectionState } from '../collection_state/target_state';
import type { CollectionStateStore } from '../collection_state/collection_state_store';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';
import { serviceAddress } from '../derive/scrape_identity';
import { toBufferedScrape, type SettledScrape, type WriteBuffer } from '../storage/write_buffer';
import type { ProfileRunner } from '../profiles/profile_runner';
import type { TargetCatalog } from '../targets/target_catalog';
import type { ValidTarget } from '../targets/saved_target';
import { systemClock, type Clock } from './clock';
import { PartitionTargets, type Tracked } from './partition_targets';
import type { ScrapeCoordinator, ScrapeOutcome } from './scrape_coordinator';
import { missedSlotsBetween, slotAt } from './scrape_plan';
import { StateSaver } from './state_saver';
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
  /** Where the run reads the time and waits (default: the system's). */
  readonly clock?: Clock;
  /** How long Elasticsearch must have taken writes again before a run ends (default 5 s). */
  readonly recoveryMs?: number;
  /** How often a target's size classes are stored (default: DEFAULT_SIZE_CLASS_PERIOD_MS). */
  readonly sizeClassPeriodMs?: number;
  /** Reads the targets' pprof profiles on their own grids; absent, no profile is read. */
  readonly profiles?: ProfileRunner;
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

type Counts = {
  -readonly [K in keyof Omit<
    PartitionRunSummary,
    'targets' | 'missedTargets' | 'unwritten'
  >]: number;
};

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
  return (await PartitionRun.start(deps, partition, signal)).run();
}

export class PartitionRun {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly endAt: number;
  private readonly hardAt: number;
  private readonly targets: PartitionTargets;
  private readonly saver: StateSaver;
  private readonly counts: Counts = {
    scrapes: 0,
    written: 0,
    alreadyWritten: 0,
    missedSlots: 0,
    handoverSlots: 0,
    lateOutcomes: 0,
    dropped: 0,
    rejected: 0,
  };
  private readonly missedTargets = new Set<string>();
  private syncing: Promise<void> | undefined;
  private lastSync: number;
  private lastPersist: number;
  private windDownSince: number | undefined;
  private lastTrouble = Number.NEGATIVE_INFINITY;

  /** A run of `partition`, its time counted from now, once storage and the client are ready. */
  static async start(
    deps: PartitionRunDeps,
    partition: number,
    signal: AbortSignal
  ): Promise<PartitionRun> {
    const started = (deps.clock ?? systemClock).now();
    await deps.storageReady();
    const client = await deps.esClient();
    return new PartitionRun(deps, partition, signal, client, started);
  }

  private constructor(
    private readonly deps: PartitionRunDeps,
    private readonly partition: number,
    private readonly signal: AbortSignal,
    private readonly client: ElasticsearchClient,
    private readonly started: number
  ) {
    this.clock = deps.clock ?? systemClock;
    this.log = deps.logger;
    this.endAt = started + deps.runMs;
    this.hardAt = started + deps.deadlineMs;
    this.lastSync = started;
    this.lastPersist = started;
    this.targets = new PartitionTargets(deps, partition);
    this.saver = new StateSaver(deps.store, this.targets, deps.logger, partition);
  }

  async run(): Promise<PartitionRunSummary> {
    await this.sync(this.started);
    this.lastSync = this.started;
    try {
      await this.loop();
    } finally {
      await this.finish();
    }
    return this.summarize();
  }

  private async loop(): Promise<void> {
    for (;;) {
      const at = this.clock.now();
      if (this.signal.aborted) return;
      const nextSlotAt = this.tick(at);
      if (nextSlotAt === undefined) return;
      const wait = Math.min(nextSlotAt, at + TICK_MS) - this.clock.now();
      await this.clock.sleep(Math.max(10, wait), this.signal);
    }
  }

  /** One pass over the grid and the writes; when the next slot opens, or undefined at the end. */
  private tick(at: number): number | undefined {
    if (at - this.lastSync >= SYNC_MS) {
      this.lastSync = at;
      void this.sync(at);
    }
    const windingDown = this.windingDown(at);
    const nextSlotAt = windingDown ? at + TICK_MS : this.launchDue(at);
    this.collect();
    this.applySettled();
    this.flush();
    if (at - this.lastPersist >= PERSIST_MS || windingDown) this.persist();
    if (windingDown && this.drained()) return undefined;
    if (at >= this.hardAt) {
      this.log.warn(
        `partition ${this.partition} ends its run with ${this.deps.buffer.pendingFor(
          this.partition
        )} scrapes unwritten: Elasticsearch has not taken them before the task's deadline`
      );
      return undefined;
    }
    return nextSlotAt;
  }

  // Past its time a run stops starting scrapes to write what it has, unless Elasticsearch
  // fails or is slow to answer: then it keeps the grid going into the buffer until the
  // writes go through or the deadline comes.
  private windingDown(at: number): boolean {
    const troubled = this.deps.buffer.backingOff || this.saver.failing;
    if (troubled) this.lastTrouble = at;
    // After an outage the cluster recovers its shards (the task index among them) for a while;
    // a handover then would leave the partition unclaimed, so the run stays a little longer.
    const recoveryMs = this.deps.recoveryMs ?? RECOVERY_MS;
    if (at < this.endAt || troubled || at - this.lastTrouble < recoveryMs) return false;
    const idle = !this.deps.buffer.busy && !this.saver.busy;
    if (this.windDownSince === undefined || (at - this.windDownSince >= WIND_DOWN_MS && idle))
      this.windDownSince = at;
    return at - this.windDownSince < WIND_DOWN_MS;
  }

  /** Nothing of the partition left to write or save. */
  private drained(): boolean {
    const { buffer } = this.deps;
    return (
      buffer.pendingFor(this.partition) === 0 &&
      !buffer.busy &&
      !this.saver.busy &&
      !this.targets.dirty
    );
  }

  // In the background: a slow or unreachable Elasticsearch must not hold up the grid, which
  // goes on with the targets known so far.
  private sync(at: number): Promise<void> {
    this.syncing ??= this.targets
      .refresh(at)
      .catch((error: Error) =>
        this.log.warn(`partition ${this.partition} could not refresh its targets: ${error.message}`)
      )
      .finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** Launches every slot that opened; returns when the next one opens (within a tick). */
  private launchDue(at: number): number {
    let nextSlotAt = at + TICK_MS;
    for (const entry of this.targets.current()) {
      const { intervalMs } = entry.target;
      const slot = slotAt(entry.offset, intervalMs, at);
      nextSlotAt = Math.min(nextSlotAt, slot + intervalMs);
      const lastSlot = entry.state.last_slot;
      if (lastSlot === undefined || slot > lastSlot) this.launch(entry, slot);
      // After the expvar scrape's launch, never before it: profiles run beside it, not ahead.
      this.deps.profiles?.launchDue(entry.target, at, this.client);
    }
    return nextSlotAt;
  }

  private launch(entry: Tracked, slot: number): void {
    const { target, state } = entry;
    const { name, url } = target.attributes;
    const work = this.deps.scrapes.launch(
      { id: target.id, name, url },
      slot,
      this.partition,
      (abort) => this.scrape(target, abort)
    );
    const between = missedSlotsBetween(state.last_slot, slot, target.intervalMs);
    const handover = entry.firstInRun ? between : 0;
    const inRun = between - handover + (work === undefined ? 1 : 0);
    entry.firstInRun = false;
    this.counts.handoverSlots += handover;
    if (inRun > 0) {
      this.counts.missedSlots += inRun;
      this.missedTargets.add(target.id);
    }
    if (work !== undefined) this.counts.scrapes++;
    this.targets.change(entry, {
      ...state,
      last_slot: slot,
      missed_slots: state.missed_slots + handover + inRun,
    });
  }

  private scrape(target: ValidTarget, abort: AbortSignal) {
    const { scrape, settings } = this.deps;
    return scrape !== undefined ? scrape(target, abort) : scrapeTarget(target, settings, abort);
  }

  private collect(): void {
    const outcomes = this.deps.scrapes.drain(this.partition).sort((a, b) => a.slot - b.slot);
    for (const outcome of outcomes) {
      const entry = this.targets.get(outcome.targetId);
      if (entry === undefined) continue; // deleted, disabled or moved meanwhile
      const derivedSlot = entry.state.derived_slot;
      if (derivedSlot !== undefined && outcome.slot <= derivedSlot) {
        // A newer slot was derived already (on another node, or by another run): applying this
        // one would move the cursor back and count pauses twice.
        this.counts.lateOutcomes++;
        continue;
      }
      this.applyOutcome(entry, outcome);
    }
  }

  private applyOutcome(entry: Tracked, outcome: ScrapeOutcome): void {
    const base: TargetCollectionState = {
      ...entry.state,
      derived_slot: outcome.slot,
      last_scrape_at: outcome.finishedAt,
    };
    const { result } = outcome;
    if (isLeft(result)) return this.applyFailure(entry, outcome, base, result.left, 'warn');
    let derived: ReturnType<typeof deriveDocuments>;
    try {
      derived = deriveDocuments(entry.target, outcome.slot, result.right, entry.pendingCursor, {
        sizeClassPeriodMs: this.deps.sizeClassPeriodMs,
      });
    } catch (error) {
      // Derivation is total by design; should it ever throw, only this target pays for it.
      const message = `could not derive documents from the page: ${String(
        (error as Error)?.message ?? error
      ).slice(0, 300)}`;
      const { status, bytes } = result.right;
      const failure = scrapeError('internal', message, { status, bytes });
      return this.applyFailure(entry, outcome, base, failure, 'error');
    }
    this.applyDerived(entry, outcome, result.right, derived, base);
  }

  private applyFailure(
    entry: Tracked,
    outcome: ScrapeOutcome,
    base: TargetCollectionState,
    error: ScrapeError,
    level: 'warn' | 'error'
  ): void {
    this.log[level](`scrape of ${describe(entry.target)} failed: ${error.message}`);
    this.targets.change(entry, {
      ...base,
      last_error: { kind: error.kind, message: error.message, at: outcome.finishedAt },
    });
    this.enqueueFailure(entry, outcome, error);
  }

  private applyDerived(
    entry: Tracked,
    outcome: ScrapeOutcome,
    page: ScrapeResult,
    derived: ReturnType<typeof deriveDocuments>,
    base: TargetCollectionState
  ): void {
    const { scrapedAt, durationMs, status, bytes } = page;
    const health = scrapeHealthDocument(entry.target, {
      slotMs: outcome.slot,
      startedAt: scrapedAt,
      durationMs,
      status,
      bytes,
      ...this.profilesHealth(entry.target),
    });
    this.warnAboutPage(entry.target, derived);
    entry.pendingCursor = derived.gc?.cursor ?? entry.pendingCursor;
    const { last_error: _cleared, ...healthy } = base;
    this.targets.change(entry, {
      ...healthy,
      last_success_at: outcome.finishedAt,
      last_duration_ms: durationMs,
    });
    this.deps.buffer.enqueue(
      toBufferedScrape(entry.target.id, this.partition, outcome.slot, entry.pendingCursor, [
        health,
        ...derived.documents,
      ])
    );
  }

  private profilesHealth(target: ValidTarget) {
    const profiles = this.deps.profiles?.healthOf(target.id);
    return profiles === undefined ? {} : { profiles };
  }

  private warnAboutPage(
    target: ValidTarget,
    { gc, customVars }: ReturnType<typeof deriveDocuments>
  ) {
    const { name } = target.attributes;
    if (gc?.change === 'restarted')
      this.log.info(
        `target [${name}] restarted (${gc.restartReason}); GC pause tracking starts over`
      );
    if (gc !== undefined && gc.missed > 0 && gc.change === 'continued') {
      this.log.warn(
        `target [${name}] ran ${gc.missed} GCs whose pauses left Go's 256-entry ring before this scrape; scrape it more often`
      );
    }
    if (customVars !== undefined && customVars.dropped > 0) {
      this.log.warn(
        `target [${name}] publishes ${customVars.total} custom vars; ${customVars.dropped} beyond the cap of ${target.maxCustomVars} were left out`
      );
    }
  }

  // A failed attempt is a health document too; it carries the cursor unchanged, so settling it
  // in order behind earlier scrapes of the target never moves the cursor.
  private enqueueFailure(entry: Tracked, outcome: ScrapeOutcome, error: ScrapeError): void {
    const attempt = {
      slotMs: outcome.slot,
      startedAt: new Date(outcome.startedAt),
      durationMs: outcome.finishedAt - outcome.startedAt,
      bytes: error.bytes ?? 0,
      ...(error.status === undefined ? {} : { status: error.status }),
      error,
      ...this.profilesHealth(entry.target),
    };
    this.deps.buffer.enqueue(
      toBufferedScrape(entry.target.id, this.partition, outcome.slot, entry.pendingCursor, [
        scrapeHealthDocument(entry.target, attempt),
      ])
    );
  }

  private applySettled(): void {
    const byOutcome = { dropped: 0, rejected: 0 };
    for (const settled of this.deps.buffer.takeSettled(this.partition)) {
      const entry = this.targets.settling(settled.scrape.targetId);
      if (entry === undefined) continue;
      this.applySettledScrape(entry, settled);
      if (settled.outcome === 'written') {
        this.counts.written++;
        // Normal when two nodes raced for a slot or a bulk response was lost; only a count.
        this.counts.alreadyWritten += settled.duplicates;
      } else byOutcome[settled.outcome]++;
    }
    this.counts.dropped += byOutcome.dropped;
    this.counts.rejected += byOutcome.rejected;
    if (byOutcome.dropped > 0) {
      this.log.warn(
        `dropped ${byOutcome.dropped} scrapes of partition ${this.partition} from the full write buffer (go_runtime.buffer.maxBytes ${this.deps.buffer.bytes} bytes queued); Elasticsearch has not taken documents for a while`
      );
    }
  }

  private applySettledScrape(entry: Tracked, settled: SettledScrape): void {
    if (settled.outcome === 'rejected') {
      this.log.error(
        `documents of target [${entry.target.attributes.name}] for slot ${new Date(
          settled.scrape.slot
        ).toISOString()} were rejected by Elasticsearch: ${settled.reason}`
      );
    }
    this.targets.change(entry, settledState(entry.state, settled));
  }

  private persist(): void {
    if (this.saver.save()) this.lastPersist = this.clock.now();
  }

  private flush(): void {
    const { buffer } = this.deps;
    if (buffer.busy || buffer.length === 0) return;
    buffer
      .flush(this.client, this.clock.now())
      .then(() => {
        const transition = buffer.takeTransition();
        if (transition === 'down') {
          this.log.warn(
            `Elasticsearch does not take documents now; ${buffer.length} scrapes (${buffer.bytes} bytes) wait on this node and are retried with backoff`
          );
        } else if (transition === 'up') {
          this.log.info('Elasticsearch takes documents again; the buffered scrapes were written');
        }
      })
      .catch((error: Error) =>
        this.log.error(`writing documents failed unexpectedly: ${error.message}`)
      );
  }

  private async finish(): Promise<void> {
    this.collect();
    this.applySettled();
    // Bounded: past the task's timeout another node may hold the partition already.
    const bounded = new AbortController();
    await Promise.race([this.saver.saveLast(), this.clock.sleep(FINAL_PERSIST_MS, bounded.signal)]);
    bounded.abort();
  }

  private summarize(): PartitionRunSummary {
    const summary: PartitionRunSummary = {
      targets: this.targets.size,
      ...this.counts,
      missedTargets: this.missedTargets.size,
      unwritten: this.deps.buffer.pendingFor(this.partition),
    };
    const line = summaryLine(this.partition, summary);
    const troubles =
      summary.missedSlots +
      summary.lateOutcomes +
      summary.dropped +
      summary.rejected +
      summary.unwritten;
    if (troubles > 0) this.log.warn(line);
    else this.log.debug(line);
    return summary;
  }
}

// Like service.address: a query string may carry a token, and logs are read widely.
function describe(target: ValidTarget): string {
  return `target [${target.attributes.name}] (${serviceAddress(target.attributes.url)})`;
}

/**
 * The state after a scrape settled. Whatever its fate, the cursor moves past it, since
 * retrying its documents can no longer help (written, refused for good, or dropped and counted).
 */
function settledState(
  state: TargetCollectionState,
  { scrape, outcome }: SettledScrape
): TargetCollectionState {
  let next = state;
  if (outcome === 'rejected') next = { ...next, rejected_documents: next.rejected_documents + 1 };
  else if (outcome === 'dropped') next = { ...next, dropped_documents: next.dropped_documents + 1 };
  if (next.written_slot !== undefined && scrape.slot <= next.written_slot) return next;
  return {
    ...next,
    written_slot: scrape.slot,
    ...(scrape.cursor === undefined ? {} : { cursor: scrape.cursor }),
  };
}

function summaryLine(partition: number, summary: PartitionRunSummary): string {
  return (
    `partition ${partition}: ${summary.scrapes} scrapes of ${summary.targets} targets, ${summary.written} written ` +
    `(${summary.alreadyWritten} documents were there already), ` +
    `${summary.missedSlots} slots of ${summary.missedTargets} targets missed (and ${summary.handoverSlots} between runs), ` +
    `${summary.lateOutcomes} late outcomes dropped, ` +
    `${summary.dropped} dropped from the buffer, ${summary.rejected} rejected, ${summary.unwritten} unwritten`
  );
}
