import type { Either } from 'fp-ts/Either';
import type { ScrapeError } from '../scrape/scrape_error';
import type { ScrapeResult } from './scrape_target';

export interface ScrapeOutcome {
  readonly targetId: string;
  readonly partition: number;
  readonly targetName: string;
  readonly url: string;
  readonly slot: number;
  /** When the scrape got its turn (after waiting for the concurrency limit). */
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly result: Either<ScrapeError, ScrapeResult>;
}

/**
 * Runs scrapes for the poll tasks of one node without letting one slow target hold up the
 * rest: a scrape runs in the background and its outcome waits here until its partition's run
 * collects it, possibly a later run than the one that started it. A target never has two
 * scrapes in flight on this node, and at most `concurrency` scrapes run at once.
 */
export class ScrapeCoordinator {
  private readonly inFlight = new Map<string, { partition: number; done: Promise<void> }>();
  private readonly finished: ScrapeOutcome[] = [];
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private readonly stopping = new AbortController();
  /** Outcomes dropped because nobody drained them in time (the poll task stopped running). */
  dropped = 0;

  constructor(private readonly concurrency: number, private readonly maxFinished: number) {}

  /** Starts a scrape unless one for the same target is still running. */
  launch(
    target: { id: string; name: string; url: string },
    slot: number,
    partition: number,
    scrape: (signal: AbortSignal) => Promise<Either<ScrapeError, ScrapeResult>>
  ): Promise<void> | undefined {
    if (this.inFlight.has(target.id)) return undefined;
    const done = (async () => {
      await this.acquire();
      try {
        const startedAt = Date.now();
        const result = await scrape(this.stopping.signal);
        this.record({
          targetId: target.id,
          partition,
          targetName: target.name,
          url: target.url,
          slot,
          startedAt,
          finishedAt: Date.now(),
          result,
        });
      } finally {
        this.release();
        this.inFlight.delete(target.id);
      }
    })();
    this.inFlight.set(target.id, { partition, done });
    return done;
  }

  /** Scrapes of `partition` still running on this node. */
  inFlightFor(partition: number): number {
    let count = 0;
    for (const entry of this.inFlight.values()) if (entry.partition === partition) count++;
    return count;
  }

  /** Cancels every scrape in flight (the plugin is stopping). */
  stop(): void {
    this.stopping.abort();
  }

  /** Everything of `partition` finished since the last call, oldest first. */
  drain(partition: number): ScrapeOutcome[] {
    const mine: ScrapeOutcome[] = [];
    let kept = 0;
    for (const outcome of this.finished) {
      if (outcome.partition === partition) mine.push(outcome);
      else this.finished[kept++] = outcome;
    }
    this.finished.length = kept;
    return mine;
  }

  private record(outcome: ScrapeOutcome): void {
    this.finished.push(outcome);
    // Bounded: if a partition moved to another node, nobody here drains its outcomes.
    if (this.finished.length > this.maxFinished) {
      const excess = this.finished.length - this.maxFinished;
      this.finished.splice(0, excess);
      this.dropped += excess;
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}
