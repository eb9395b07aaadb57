import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { isLeft } from 'fp-ts/Either';
import { DEFAULT_NAMESPACE, PROFILE_DATASET, dataStreamName } from '../../common/data_streams';
import {
  PROFILE_KINDS,
  resolveProfileSettings,
  type ProfileErrorClass,
  type ProfileKind,
  type ProfilesStatus,
} from '../../common/profiles';
import type { ScrapeAccess } from '../scrape/scrape_access';
import type { ValidTarget } from '../targets/saved_target';
import { scrapeOrigin } from '../tasks/scrape_target';
import { slotAt, slotOffset } from '../tasks/scrape_plan';
import { statusOfError, type ProfilesFinding } from './discover_profiles';
import { readProfile } from './fetch_profile';
import { buildProfileDocument, type ProfileAttempt } from './profile_document';
import { DEFAULT_CHUNK_LIMITS, toBufferedScrape, WriteBuffer } from '../storage/write_buffer';
import type { ProfileError } from './profile_error';
import type { ProfilePool } from './profile_pool';

/** Profile reads in flight at once on a node: they queue behind each other, never behind expvar. */
export const PROFILE_CONCURRENCY = 2;
/**
 * The poll loop offers every target of the node's partitions at each tick: one not offered for
 * this long is gone from the node (deleted, disabled, or its partition moved), and forgotten.
 */
const FORGET_AFTER_MS = 2 * 60 * 60_000;
const FORGET_CHECK_MS = 60_000;
/**
 * Failures that hold a read slot until the timeout (or say the origin is unreachable): after
 * one, that target's reads of the kind wait 2, 4, 8... of its periods, up to this long, so a
 * target that hangs costs a read now and then instead of one per period.
 */
const BACKOFF_CAP_MS = 10 * 60_000;
const BACKOFF_CLASSES: ReadonlySet<ProfileErrorClass> = new Set<ProfileErrorClass>([
  'timeout',
  'refused',
  'dns',
  'tls',
]);

/**
 * A heap profile document is tens of kilobytes (the reduced profile, not the profile): at one
 * per target per 5 minutes, 16 MiB keeps an outage of hours for a few hundred targets.
 */
export const DEFAULT_PROFILE_BUFFER_BYTES = 16 * 1024 * 1024;
/** The buffer's one partition: profiles settle here, never in a partition run's inbox. */
const PROFILE_PARTITION = 0;

/** What the scrape health document says of a target's profiles. */
export interface ProfilesHealth {
  readonly status: ProfilesStatus;
  readonly error?: { readonly class: ProfileErrorClass; readonly message: string };
}

export interface ProfileRunnerDeps {
  readonly logger: Logger;
  /**
   * Agents of their own under the same policy: a slow profile must not hold one of the two
   * sockets per origin that the expvar scrape keeps alive.
   */
  readonly access: ScrapeAccess;
  readonly maxBytes: number;
  readonly maxTimeoutMs: number;
  readonly pool: ProfilePool;
  readonly concurrency?: number;
  /** Bytes of profile documents that wait for Elasticsearch; beyond it the oldest are dropped. */
  readonly bufferMaxBytes?: number;
  /**
   * The target's profile status changed (or this node read it first): for the targets API,
   * which another node may serve. Called on changes only, not on every read.
   */
  readonly statusChanged?: (targetId: string, finding: ProfilesFinding) => void;
}

/**
 * Reads each target's profiles on grids of their own (the heap and goroutine periods), beside
 * its expvar scrape and without waiting on it: a read is launched from the poll loop's tick and
 * writes its one document itself when it is done. A node reads the profiles of the partitions it
 * runs; a read of the same slot by two nodes is one document (the `_id` is the slot's).
 */
export class ProfileRunner {
  private readonly lastSlot = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  /** Per target and kind, network failures in a row and the first slot read again after them. */
  private readonly failures = new Map<
    string,
    { readonly count: number; readonly retrySlot: number }
  >();
  /** Reads in flight whose previous read of the kind failed: they never take every slot. */
  private failingRunning = 0;
  private readonly health = new Map<string, ProfilesHealth>();
  /** Per target, the error of each kind's latest read (undefined: it read). */
  private readonly latest = new Map<
    string,
    Partial<Record<ProfileKind, ProfileError | undefined>>
  >();
  private readonly stopping = new AbortController();
  private running = 0;
  /**
   * The expvar scrape's write buffer, an instance of its own: profiles wait through an
   * Elasticsearch outage and are retried with backoff in bounded bulks, as scrapes are, but
   * their settling must not hold back a scrape's (the buffer releases in slot order per key)
   * nor count against the target's scrape losses.
   */
  private readonly buffer: WriteBuffer;
  private readonly bufferMaxBytes: number;
  private readonly dropped = new Map<string, number>();
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Target names by buffer key, for the log lines of what settles. */
  private readonly names = new Map<string, string>();
  /** When each target was last due on this node: the maps above forget targets gone since. */
  private readonly seenAt = new Map<string, number>();
  private lastForgetMs = 0;

  constructor(private readonly deps: ProfileRunnerDeps) {
    this.bufferMaxBytes = deps.bufferMaxBytes ?? DEFAULT_PROFILE_BUFFER_BYTES;
    this.buffer = new WriteBuffer({ maxBytes: this.bufferMaxBytes, ...DEFAULT_CHUNK_LIMITS });
  }

  /** Launches the reads of `target` whose slot opened at `now`; never waits for them. */
  launchDue(target: ValidTarget, now: number, client: ElasticsearchClient): void {
    // The poll loop's tick is the retry's too: documents that wait go once the backoff passed.
    this.flush(client);
    this.seenAt.set(target.id, now);
    if (now - this.lastForgetMs >= FORGET_CHECK_MS) this.forgetGone(now);
    const settings = resolveProfileSettings(target.attributes.profiles);
    const periods: Record<ProfileKind, number | 'off'> = {
      heap: settings.heapPeriodMs,
      goroutine: settings.goroutinePeriodMs,
    };
    if (periods.heap === 'off' && periods.goroutine === 'off') {
      this.setHealth(target.id, { status: 'off' });
      return;
    }
    // A secret the target needs is missing: its expvar scrape reports that, nothing is sent.
    if (isLeft(target.connection)) return;
    for (const kind of PROFILE_KINDS) {
      const periodMs = periods[kind];
      const key = `${target.id}:${kind}`;
      if (periodMs === 'off') {
        delete this.latest.get(target.id)?.[kind];
        this.failures.delete(key);
        continue;
      }
      const slot = slotAt(slotOffset(key, periodMs), periodMs, now);
      if ((this.lastSlot.get(key) ?? -Infinity) >= slot || this.inFlight.has(key)) continue;
      const failed = this.failures.get(key);
      // Backing off: its health still says the failure of its latest read.
      if (failed !== undefined && slot < failed.retrySlot) continue;
      const concurrency = this.deps.concurrency ?? PROFILE_CONCURRENCY;
      if (this.running >= concurrency) return;
      // Targets that keep failing share what is left after one slot, kept for the others.
      if (failed !== undefined && this.failingRunning >= Math.max(1, concurrency - 1)) continue;
      this.lastSlot.set(key, slot);
      this.inFlight.add(key);
      this.running++;
      if (failed !== undefined) this.failingRunning++;
      void this.read(target, kind, slot, periodMs, settings.pathPrefix, client).finally(() => {
        this.running--;
        if (failed !== undefined) this.failingRunning--;
        this.inFlight.delete(key);
      });
    }
  }

  /**
   * Drops what is kept per target for the targets no longer due here (deleted, disabled, or
   * run by another node now), so the maps hold the node's current targets, not every target
   * it ever ran. A document of theirs still waiting in the buffer is written all the same.
   */
  private forgetGone(now: number): void {
    this.lastForgetMs = now;
    for (const [id, at] of this.seenAt) {
      if (now - at < FORGET_AFTER_MS) continue;
      this.seenAt.delete(id);
      this.health.delete(id);
      this.latest.delete(id);
      this.dropped.delete(id);
      for (const kind of PROFILE_KINDS) {
        this.lastSlot.delete(`${id}:${kind}`);
        this.failures.delete(`${id}:${kind}`);
        // A late document's log line then names the target by id: the map stays bounded.
        this.names.delete(`${id}:${kind}`);
      }
    }
  }

  /** The latest profile read of the target, for its scrape health document. */
  healthOf(targetId: string): ProfilesHealth | undefined {
    return this.health.get(targetId);
  }

  private setHealth(targetId: string, health: ProfilesHealth): void {
    const before = this.health.get(targetId);
    this.health.set(targetId, health);
    if (before?.status === health.status && before.error?.class === health.error?.class) return;
    this.deps.statusChanged?.(targetId, { ...health, at: Date.now() });
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.stopping.abort();
  }

  private async read(
    target: ValidTarget,
    kind: ProfileKind,
    slotMs: number,
    periodMs: number,
    pathPrefix: string,
    client: ElasticsearchClient
  ): Promise<void> {
    if (isLeft(target.connection)) return;
    const startedAt = new Date();
    const result = await readProfile(
      kind,
      target.attributes.url,
      pathPrefix,
      { maxBytes: this.deps.maxBytes, timeoutMs: Math.min(this.deps.maxTimeoutMs, periodMs) },
      this.deps.access,
      target.connection.right,
      this.deps.pool,
      this.stopping.signal
    );
    const durationMs = Date.now() - startedAt.getTime();
    const attempt: ProfileAttempt = {
      kind,
      slotMs,
      startedAt,
      durationMs,
      periodMs,
      result: isLeft(result)
        ? { ok: false, error: result.left }
        : { ok: true, summary: result.right.summary, bytes: result.right.bytes },
    };
    this.noteOutcome(
      `${target.id}:${kind}`,
      slotMs,
      periodMs,
      isLeft(result) ? result.left : undefined
    );
    const latest = this.latest.get(target.id) ?? {};
    latest[kind] = isLeft(result) ? result.left : undefined;
    this.latest.set(target.id, latest);
    this.setHealth(target.id, healthOf(latest));
    if (isLeft(result))
      this.deps.logger.debug(
        `${kind} profile of target [${target.attributes.name}] failed: ${result.left.message}`
      );
    await this.write(client, target, kind, attempt);
  }

  /** Starts, grows or ends the backoff of a target's reads of one kind. */
  private noteOutcome(
    key: string,
    slotMs: number,
    periodMs: number,
    error: ProfileError | undefined
  ): void {
    if (error === undefined || !BACKOFF_CLASSES.has(error.class)) {
      this.failures.delete(key);
      return;
    }
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    // 2^count periods, but never more than the cap (nor less than one period).
    const waitMs = Math.max(
      periodMs,
      Math.min(periodMs * 2 ** Math.min(count, 30), BACKOFF_CAP_MS)
    );
    this.failures.set(key, { count, retrySlot: slotMs + waitMs });
  }

  private async write(
    client: ElasticsearchClient,
    target: ValidTarget,
    kind: ProfileKind,
    attempt: ProfileAttempt
  ): Promise<void> {
    const index = dataStreamName(PROFILE_DATASET, DEFAULT_NAMESPACE);
    // The `_id` is the slot's: a retry after a lost response, or another node's read of the
    // slot, answers 409 and counts as written.
    this.buffer.enqueue(
      toBufferedScrape(`${target.id}:${kind}`, PROFILE_PARTITION, attempt.slotMs, undefined, [
        {
          index,
          id: `${target.id}:${kind}:${attempt.slotMs}`,
          document: buildProfileDocument(scrapeOrigin(target), attempt),
        },
      ])
    );
    this.names.set(`${target.id}:${kind}`, target.attributes.name);
    this.flush(client);
  }

  /** Sends what waits, unless a flush runs or the backoff has not passed; cheap when idle. */
  private flush(client: ElasticsearchClient): void {
    if (this.buffer.busy || this.buffer.length === 0) return;
    void this.buffer
      .flush(client)
      .then(
        () => this.settle(),
        (error: Error) => this.deps.logger.warn(`profile documents not sent: ${error.message}`)
      )
      .finally(() => {
        // What still waits (queued during the flush, or backing off) is tried again soon,
        // without waiting for a target's next tick; the buffer itself holds to the backoff.
        if (this.buffer.length === 0 || this.retryTimer !== undefined || this.stopped) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.flush(client);
        }, DEFAULT_CHUNK_LIMITS.flushIntervalMs);
        this.retryTimer.unref();
      });
  }

  /** Drops and refusals said, and counted per target: a profile is never lost silently. */
  private settle(): void {
    const transition = this.buffer.takeTransition();
    if (transition === 'down')
      this.deps.logger.warn(
        `Elasticsearch does not take profile documents now; ${this.buffer.length} wait on this node and are retried with backoff`
      );
    if (transition === 'up') this.deps.logger.info('Elasticsearch takes profile documents again');
    for (const settled of this.buffer.takeSettled(PROFILE_PARTITION)) {
      const key = settled.scrape.targetId;
      const what = `a ${key.slice(key.lastIndexOf(':') + 1)} profile of target [${
        this.names.get(key) ?? key
      }]`;
      if (settled.outcome === 'dropped') {
        const targetId = key.slice(0, key.lastIndexOf(':'));
        this.dropped.set(targetId, (this.dropped.get(targetId) ?? 0) + 1);
        this.deps.logger.warn(
          `${what} was dropped from the full profile write buffer (${this.bufferMaxBytes} bytes); Elasticsearch has not taken documents for a while`
        );
      } else if (settled.outcome === 'rejected')
        this.deps.logger.warn(`${what} was refused by Elasticsearch: ${settled.reason}`);
    }
  }

  /** Profile documents of the target dropped from the full buffer on this node, since start. */
  droppedOf(targetId: string): number {
    return this.dropped.get(targetId) ?? 0;
  }
}

/** Not available when the origin has no pprof; failing when a read of either kind fails. */
function healthOf(latest: Partial<Record<ProfileKind, ProfileError | undefined>>): ProfilesHealth {
  const errors = PROFILE_KINDS.map((kind) => latest[kind]).filter(
    (error): error is ProfileError => error !== undefined
  );
  const shown = errors.find((error) => error.class === 'not_available') ?? errors[0];
  if (shown === undefined) return { status: 'available' };
  return {
    status: statusOfError(shown.class),
    error: { class: shown.class, message: shown.message },
  };
}
