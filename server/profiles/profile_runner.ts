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
import type { ProfileError } from './profile_error';
import type { ProfilePool } from './profile_pool';

/** Profile reads in flight at once on a node: they queue behind each other, never behind expvar. */
export const PROFILE_CONCURRENCY = 2;

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
  private readonly health = new Map<string, ProfilesHealth>();
  /** Per target, the error of each kind's latest read (undefined: it read). */
  private readonly latest = new Map<
    string,
    Partial<Record<ProfileKind, ProfileError | undefined>>
  >();
  private readonly stopping = new AbortController();
  private running = 0;

  constructor(private readonly deps: ProfileRunnerDeps) {}

  /** Launches the reads of `target` whose slot opened at `now`; never waits for them. */
  launchDue(target: ValidTarget, now: number, client: ElasticsearchClient): void {
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
      if (periodMs === 'off') {
        delete this.latest.get(target.id)?.[kind];
        continue;
      }
      const key = `${target.id}:${kind}`;
      const slot = slotAt(slotOffset(key, periodMs), periodMs, now);
      if ((this.lastSlot.get(key) ?? -Infinity) >= slot || this.inFlight.has(key)) continue;
      if (this.running >= (this.deps.concurrency ?? PROFILE_CONCURRENCY)) return;
      this.lastSlot.set(key, slot);
      this.inFlight.add(key);
      this.running++;
      void this.read(target, kind, slot, periodMs, settings.pathPrefix, client).finally(() => {
        this.running--;
        this.inFlight.delete(key);
      });
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

  private async write(
    client: ElasticsearchClient,
    target: ValidTarget,
    kind: ProfileKind,
    attempt: ProfileAttempt
  ): Promise<void> {
    const index = dataStreamName(PROFILE_DATASET, DEFAULT_NAMESPACE);
    try {
      const response = await client.bulk({
        operations: [
          { create: { _index: index, _id: `${target.id}:${kind}:${attempt.slotMs}` } },
          buildProfileDocument(scrapeOrigin(target), attempt),
        ],
      });
      const error = response.items[0]?.create?.error;
      // 409: this slot's read was written already (a retry, or another node's run).
      if (error !== undefined && response.items[0]?.create?.status !== 409)
        this.deps.logger.warn(
          `the ${kind} profile of target [${target.attributes.name}] was refused by Elasticsearch: ${error.type}: ${error.reason}`
        );
    } catch (error) {
      // Not buffered like the expvar documents: a profile missed in an outage is the next one's loss only.
      this.deps.logger.warn(
        `the ${kind} profile of target [${target.attributes.name}] could not be written: ${
          (error as Error).message
        }`
      );
    }
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
