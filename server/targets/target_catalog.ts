import type { Logger } from '@kbn/core/server';
import {
  loadAllTargets,
  type DecodedTargetCache,
  type OpenTargetFinder,
  type ValidTarget,
} from './saved_target';

/** How stale a node's list of targets may get before a poll run reloads it. */
export const CATALOG_TTL_MS = 5_000;
/**
 * At most one reload per this after a change on this node: creating a thousand targets in a
 * burst must not reload every saved object a thousand times beside the scrapes.
 */
const MIN_RELOAD_MS = 1_000;

/**
 * The enabled targets, as one Kibana node knows them: loaded at most every few seconds and
 * shared by all the partitions this node runs, instead of paging through every saved object on
 * every poll tick. The target routes invalidate it, so a change made on this node shows at the
 * next tick, one made on another node within the TTL. A failed reload keeps the previous list.
 */
export class TargetCatalog {
  private targets: readonly ValidTarget[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;
  private changed = false;
  private loading: Promise<void> | undefined;
  private warned = new Set<string>();
  private readonly decoded: DecodedTargetCache = new Map();

  constructor(
    private readonly openFinder: OpenTargetFinder,
    private readonly logger: Logger,
    private readonly ttlMs: number = CATALOG_TTL_MS
  ) {}

  invalidate(): void {
    this.changed = true;
  }

  /** The enabled targets of one partition; `partitionOf` says which partition a target is in. */
  async targetsOf(
    partition: number,
    partitionOf: (id: string) => number,
    now: number = Date.now()
  ): Promise<ValidTarget[]> {
    const age = now - this.loadedAt;
    if (age >= this.ttlMs || (this.changed && age >= MIN_RELOAD_MS)) await this.reload(now);
    return this.targets.filter((target) => partitionOf(target.id) === partition);
  }

  private reload(now: number): Promise<void> {
    this.loading ??= (async () => {
      this.changed = false;
      try {
        const decoded = await loadAllTargets(this.openFinder, this.decoded);
        const enabled: ValidTarget[] = [];
        for (const entry of decoded) {
          if (!entry.valid) {
            // Once per target and reason: the list reloads every few seconds.
            const key = `${entry.id}:${entry.reason}`;
            if (!this.warned.has(key))
              this.logger.warn(
                `target [${entry.id}] is skipped, its saved object is invalid: ${entry.reason}`
              );
            this.warned.add(key);
          } else if (entry.target.attributes.enabled) {
            enabled.push(entry.target);
          }
        }
        if (this.warned.size > 10_000) this.warned = new Set();
        this.targets = enabled;
        this.loadedAt = now;
      } catch (error) {
        this.logger.warn(
          `could not reload the targets, scraping the ${this.targets.length} known ones: ${
            (error as Error).message
          }`
        );
        // Try again in a second, not at every tick.
        this.loadedAt = now - this.ttlMs + 1_000;
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}
