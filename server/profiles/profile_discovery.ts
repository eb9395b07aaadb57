import type { Logger } from '@kbn/core/server';
import { isLeft } from 'fp-ts/Either';
import type { TargetAttributes } from '../../common/targets';
import type { ScrapeAccess } from '../scrape/scrape_access';
import { scrapeConnection } from '../targets/target_connection';
import { discoverProfiles } from './discover_profiles';
import type { ProfilePool } from './profile_pool';
import type { ProfileStatusStore } from './profile_status_store';

export interface ProfileDiscoveryDeps {
  readonly logger: Logger;
  /** The profile runner's agents: the same policy, auth and TLS as its reads. */
  readonly access: ScrapeAccess;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly pool: ProfilePool;
  readonly store: ProfileStatusStore;
}

/** Discoveries in flight at once on a node: a bulk create of 1,000 targets queues, it does not fan out. */
const CONCURRENCY = 4;
/** Discoveries waiting beyond those; more are skipped, the first profile read finds it then. */
const MAX_QUEUED = 10_000;

/**
 * Finds whether a created or changed target's origin serves pprof, in the background: a
 * create or an update answers without waiting for the target, and the finding reaches the
 * targets API through the store. A later discovery of the same target replaces a queued one.
 */
export class ProfileDiscovery {
  private readonly queued = new Map<string, TargetAttributes>();
  private running = 0;
  private readonly idle = new Set<() => void>();

  constructor(private readonly deps: ProfileDiscoveryDeps) {}

  /** `attributes` with their secrets: what the profile reads of the target will send. */
  discover(id: string, attributes: TargetAttributes): void {
    if (!this.queued.has(id) && this.queued.size >= MAX_QUEUED) {
      this.deps.logger.debug(`profile discovery of target [${id}] skipped: the queue is full`);
      return;
    }
    this.queued.delete(id);
    this.queued.set(id, attributes);
    this.pump();
  }

  /** Resolves once nothing is queued or running (tests and shutdown). */
  settled(): Promise<void> {
    if (this.running === 0 && this.queued.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queued.size > 0) {
      const [id, attributes] = this.queued.entries().next().value as [string, TargetAttributes];
      this.queued.delete(id);
      this.running++;
      void this.run(id, attributes).finally(() => {
        this.running--;
        this.pump();
        if (this.running === 0 && this.queued.size === 0) {
          for (const resolve of this.idle) resolve();
          this.idle.clear();
        }
      });
    }
  }

  private async run(id: string, attributes: TargetAttributes): Promise<void> {
    try {
      const connection = scrapeConnection(attributes);
      // A missing secret: nothing is sent; the expvar scrape reports it, profiles stay unknown.
      if (isLeft(connection)) return;
      const finding = await discoverProfiles(
        attributes.url,
        attributes.profiles,
        { maxBytes: this.deps.maxBytes, timeoutMs: this.deps.timeoutMs },
        this.deps.access,
        connection.right,
        this.deps.pool
      );
      await this.deps.store.save(id, finding);
    } catch (error) {
      this.deps.logger.warn(
        `profile discovery of target [${attributes.name}] failed: ${(error as Error).message}`
      );
    }
  }
}
