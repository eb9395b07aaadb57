import type { Either } from 'fp-ts/Either';
import type { ScrapeError } from '../scrape/scrape_error';
import type { ScrapedPayload } from './scrape_target';

export interface ScrapeOutcome {
  readonly targetId: string;
  readonly targetName: string;
  readonly url: string;
  readonly slot: number;
  readonly finishedAt: number;
  readonly result: Either<ScrapeError, ScrapedPayload>;
}

/**
 * Runs scrapes for the poll task without letting one slow target hold up the rest: a poll
 * run waits for its scrapes only up to a budget, stragglers finish in the background and
 * their outcomes are collected by the next run. A target never has two scrapes in flight on
 * this node, and at most `concurrency` scrapes run at once.
 */
export class ScrapeCoordinator {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly finished: ScrapeOutcome[] = [];
  private readonly waiting: Array<() => void> = [];
  private running = 0;
  private readonly stopping = new AbortController();
  /** Outcomes dropped because nobody drained them in time (the poll task stopped running). */
  dropped = 0;

  constructor(private readonly concurrency: number, private readonly maxFinished: number) {}

  isBusy(targetId: string): boolean {
    return this.inFlight.has(targetId);
  }

  /** Starts a scrape unless one for the same target is still running. */
  launch(
    target: { id: string; name: string; url: string },
    slot: number,
    scrape: (signal: AbortSignal) => Promise<Either<ScrapeError, ScrapedPayload>>
  ): Promise<void> | undefined {
    if (this.inFlight.has(target.id)) return undefined;
    const done = (async () => {
      await this.acquire();
      try {
        const result = await scrape(this.stopping.signal);
        this.record({ targetId: target.id, targetName: target.name, url: target.url, slot, finishedAt: Date.now(), result });
      } finally {
        this.release();
        this.inFlight.delete(target.id);
      }
    })();
    this.inFlight.set(target.id, done);
    return done;
  }

  /** Cancels every scrape in flight (the plugin is stopping). */
  stop(): void {
    this.stopping.abort();
  }

  /** Everything finished since the last call, oldest first. */
  drain(): ScrapeOutcome[] {
    return this.finished.splice(0, this.finished.length);
  }

  private record(outcome: ScrapeOutcome): void {
    this.finished.push(outcome);
    // Bounded: if the poll task stops running, memory must not grow with every scrape.
    while (this.finished.length > this.maxFinished) {
      this.finished.shift();
      this.dropped++;
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

/** Resolves when all `work` settled or `budgetMs` passed, whichever is first. */
export async function settleWithin(work: ReadonlyArray<Promise<void>>, budgetMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)));
  await Promise.race([Promise.allSettled(work), budget]);
  clearTimeout(timer);
}
