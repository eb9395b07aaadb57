import type { Logger } from '@kbn/core/server';
import { freshState, type TargetCollectionState } from '../collection_state/target_state';
import type { CollectionStateStore } from '../collection_state/collection_state_store';
import type { GcCursor } from '../derive/gc_cursor';
import type { TargetCatalog } from '../targets/target_catalog';
import type { ValidTarget } from '../targets/saved_target';
import { partitionOf } from './partitions';
import { slotOffset } from './scrape_plan';

/** A target of the partition, with the collection state the run keeps for it. */
export interface Tracked {
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

export interface PartitionTargetsDeps {
  readonly logger: Logger;
  readonly catalog: TargetCatalog;
  readonly store: CollectionStateStore;
  readonly partitions: number;
  /** A gap between slots longer than this plus the interval means collection was off. */
  readonly deadlineMs: number;
}

/**
 * The targets one run scrapes and their collection state in memory: refreshed from the
 * catalog, loaded from the store on first sight, and marked unsaved on every change.
 */
export class PartitionTargets {
  private readonly tracked = new Map<string, Tracked>();
  /** Targets that left the partition during this run: their writes still settle into them. */
  private readonly leaving = new Map<string, Tracked>();
  // Entries whose state changed since it was last saved: the persist and the end of the run
  // look at these, not at every target of the partition at every tick.
  private readonly unsaved = new Set<Tracked>();

  constructor(private readonly deps: PartitionTargetsDeps, private readonly partition: number) {}

  public get size(): number {
    return this.tracked.size;
  }

  /** Whether some state changed since it was last saved. */
  public get dirty(): boolean {
    return this.unsaved.size > 0;
  }

  current(): IterableIterator<Tracked> {
    return this.tracked.values();
  }

  /** A target of the partition; undefined once deleted, disabled or moved. */
  get(id: string): Tracked | undefined {
    return this.tracked.get(id);
  }

  /** A target whose writes may still settle: in the partition, or left it during this run. */
  settling(id: string): Tracked | undefined {
    return this.tracked.get(id) ?? this.leaving.get(id);
  }

  change(entry: Tracked, next: TargetCollectionState): void {
    entry.state = next;
    entry.version++;
    this.unsaved.add(entry);
  }

  /** The unsaved entries as they are now, for a save that may overlap later changes. */
  unsavedSnapshot(): Array<{ entry: Tracked; version: number; state: TargetCollectionState }> {
    return [...this.unsaved].map((entry) => ({
      entry,
      version: entry.version,
      state: entry.state,
    }));
  }

  /** Records a save of `version`; the entry stays unsaved if it changed since. */
  saved(entry: Tracked, version: number): void {
    entry.persisted = version;
    if (entry.version === version) this.unsaved.delete(entry);
  }

  /** Brings the tracked targets in line with the catalog's targets of the partition at `at`. */
  async refresh(at: number): Promise<void> {
    const { catalog, partitions } = this.deps;
    const targets = await catalog.targetsOf(
      this.partition,
      (id) => partitionOf(id, partitions),
      at
    );
    this.release(new Set(targets.map((target) => target.id)));
    this.readmit(targets);
    await this.admit(
      targets.filter((target) => !this.tracked.has(target.id)),
      at
    );
    for (const target of targets) this.update(this.tracked.get(target.id)!, target);
  }

  private release(current: ReadonlySet<string>): void {
    for (const [id, entry] of this.tracked) {
      if (current.has(id)) continue;
      this.tracked.delete(id);
      // A disabled (or moved) target's unsaved state is still saved: enabled again, it must go
      // on from the cursor of its last document, or the pauses since an older one are counted twice.
      this.leaving.set(id, entry);
    }
  }

  // Back before that save: it goes on from the state in memory, newer than the stored one.
  private readmit(targets: readonly ValidTarget[]): void {
    for (const target of targets) {
      const left = this.leaving.get(target.id);
      if (left === undefined || this.tracked.has(target.id)) continue;
      this.leaving.delete(target.id);
      this.tracked.set(target.id, left);
    }
  }

  private async admit(fresh: readonly ValidTarget[], at: number): Promise<void> {
    if (fresh.length === 0) return;
    const states = await this.deps.store.load(fresh.map((target) => target.id));
    for (const target of fresh) {
      const state = this.resumable(target, states.get(target.id) ?? freshState(target.id), at);
      this.tracked.set(target.id, {
        target,
        offset: slotOffset(target.id, target.intervalMs),
        state,
        pendingCursor: state.cursor,
        version: 0,
        persisted: 0,
        firstInRun: true,
      });
    }
  }

  // A gap longer than a handover means collection was off for this target (disabled, or
  // no Kibana ran it): said once, not counted as missed slots of its grid.
  private resumable(
    target: ValidTarget,
    state: TargetCollectionState,
    at: number
  ): TargetCollectionState {
    const { last_slot: lastSlot, ...rest } = state;
    if (lastSlot === undefined || at - lastSlot <= this.deps.deadlineMs + target.intervalMs)
      return state;
    this.deps.logger.info(
      `target [${target.attributes.name}] resumes collection after ${Math.round(
        (at - lastSlot) / 1000
      )} s without it`
    );
    return rest;
  }

  private update(entry: Tracked, target: ValidTarget): void {
    // An edited interval moves the grid.
    if (entry.target.intervalMs !== target.intervalMs)
      entry.offset = slotOffset(target.id, target.intervalMs);
    entry.target = target;
  }
}
