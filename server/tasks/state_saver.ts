import type { Logger } from '@kbn/core/server';
import type { CollectionStateStore } from '../collection_state/collection_state_store';
import type { PartitionTargets } from './partition_targets';

/**
 * Saves a run's changed collection states, one save at a time, in the background. A failed
 * save leaves its states unsaved for the next one and is said once until a save works again.
 */
export class StateSaver {
  private saving: Promise<void> | undefined;
  private failingNow = false;

  constructor(
    private readonly store: CollectionStateStore,
    private readonly targets: PartitionTargets,
    private readonly logger: Logger,
    private readonly partition: number
  ) {}

  public get busy(): boolean {
    return this.saving !== undefined;
  }

  /** The last save failed, wholly or for some targets. */
  public get failing(): boolean {
    return this.failingNow;
  }

  /** Starts a save of what changed, unless one is running or nothing changed; true if started. */
  save(): boolean {
    if (this.saving !== undefined) return false;
    const snapshot = this.targets.unsavedSnapshot();
    if (snapshot.length === 0) return false;
    this.saving = this.store
      .save(snapshot.map((item) => item.state))
      .then((failed) => {
        const failedIds = new Set(failed);
        for (const item of snapshot)
          if (!failedIds.has(item.entry.state.target_id))
            this.targets.saved(item.entry, item.version);
        this.failingNow = failed.length > 0;
      })
      .catch((error: Error) => {
        if (!this.failingNow)
          this.logger.warn(
            `could not save the collection state of partition ${this.partition}, retrying: ${error.message}`
          );
        this.failingNow = true;
      })
      .finally(() => (this.saving = undefined));
    return true;
  }

  /** Saves what is left, after any save in flight: that one has an older snapshot. */
  async saveLast(): Promise<void> {
    await this.saving;
    this.save();
    await this.saving;
  }
}
