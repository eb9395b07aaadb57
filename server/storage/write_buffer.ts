import type { ElasticsearchClient } from '@kbn/core/server';
import type { GcCursor } from '../derive/gc_cursor';

export interface DocumentToWrite {
  readonly index: string;
  /** Deterministic per target and scrape slot: a retried bulk can never index a scrape twice. */
  readonly id: string;
  /**
   * A time series data stream derives `_id` from the dimensions and `@timestamp` and refuses
   * any other; `id` then only names the document in the outcome.
   */
  readonly idFromDimensions?: boolean;
  readonly document: Record<string, unknown>;
}

/** The documents of one scrape, serialised once, with the cursor that holds once they are written. */
export interface BufferedScrape {
  readonly targetId: string;
  readonly partition: number;
  readonly slot: number;
  /** The GC cursor right after this scrape; undefined when the page had no memstats. */
  readonly cursor: GcCursor | undefined;
  readonly lines: readonly string[];
  readonly bytes: number;
}

/** What became of a scrape's documents; reported in order per target. */
export type SettledScrape =
  /**
   * In Elasticsearch. `duplicates` of its documents were there already under the same `_id`
   * (a retry after a lost response, or another node's scrape of the slot): they answered 409.
   */
  | { readonly scrape: BufferedScrape; readonly outcome: 'written'; readonly duplicates: number }
  | { readonly scrape: BufferedScrape; readonly outcome: 'rejected'; readonly reason: string }
  | { readonly scrape: BufferedScrape; readonly outcome: 'dropped' };

export interface WriteBufferLimits {
  readonly maxBytes: number;
  /** Per bulk request. */
  readonly chunkBytes: number;
  readonly chunkDocuments: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /**
   * At most one bulk request per this, unless a chunk's worth is queued: on a busy node one
   * request per scrape would cost more in round trips than the documents themselves.
   */
  readonly flushIntervalMs: number;
}

export const DEFAULT_CHUNK_LIMITS = {
  chunkBytes: 5 * 1024 * 1024,
  chunkDocuments: 2_000,
  minBackoffMs: 500,
  maxBackoffMs: 10_000,
  flushIntervalMs: 250,
};

export function toBufferedScrape(
  targetId: string,
  partition: number,
  slot: number,
  cursor: GcCursor | undefined,
  documents: readonly DocumentToWrite[]
): BufferedScrape {
  const lines = documents.flatMap(({ index, id, idFromDimensions, document }) => [
    // A time series data stream refuses a given _id: it derives one from the dimensions and
    // the slot's @timestamp, which is just as fixed, so a retry still answers 409.
    JSON.stringify({
      create: { _index: index, ...(idFromDimensions === true ? {} : { _id: id }) },
    }),
    JSON.stringify(document),
  ]);
  return {
    targetId,
    partition,
    slot,
    cursor,
    lines,
    bytes: lines.reduce((sum, line) => sum + line.length + 1, 0),
  };
}

type ItemFate = 'written' | 'duplicate' | 'retry' | { rejected: string };
const MAX_UNTAKEN = 20_000;

/**
 * Documents on their way to Elasticsearch, on one Kibana node. Scrapes wait here, in order,
 * while Elasticsearch is down, overloaded or refuses some items; they are sent in bounded bulk
 * requests with backoff between failed attempts. The buffer is bounded in bytes: when full, the
 * oldest scrape is dropped, and that is reported, never silent.
 */
export class WriteBuffer {
  private queue: BufferedScrape[] = [];
  private queuedBytes = 0;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private retryAt = 0;
  /** Settled out of order (a later scrape written while an earlier one waits to be retried). */
  private readonly held = new Map<string, SettledScrape[]>();
  /** Released, waiting for their partition's run to take them. */
  private readonly inbox = new Map<number, SettledScrape[]>();

  /** `now` is the clock the backoff is measured on: the partition run's, injected in its tests. */
  constructor(
    private readonly limits: WriteBufferLimits,
    private readonly now: () => number = Date.now
  ) {}

  public get bytes(): number {
    return this.queuedBytes;
  }
  public get length(): number {
    return this.queue.length;
  }
  /** The last flush failed and the buffer waits before the next attempt. */
  public get backingOff(): boolean {
    return this.failures > 0;
  }

  pendingFor(partition: number): number {
    let count = 0;
    for (const scrape of this.queue) if (scrape.partition === partition) count++;
    return count;
  }

  /**
   * What settled for `partition` since the last call, in order per target. A flush started by
   * any run on this node settles every partition's scrapes; each run takes its own here.
   */
  takeSettled(partition: number): SettledScrape[] {
    const settled = this.inbox.get(partition) ?? [];
    this.inbox.delete(partition);
    return settled;
  }

  /** Queues a scrape; drops the oldest scrapes while the buffer is over its size. */
  enqueue(scrape: BufferedScrape): void {
    this.queue.push(scrape);
    this.queuedBytes += scrape.bytes;
    const dropped: SettledScrape[] = [];
    while (this.queuedBytes > this.limits.maxBytes && this.queue.length > 1) {
      const oldest = this.queue.shift()!;
      this.queuedBytes -= oldest.bytes;
      dropped.push({ scrape: oldest, outcome: 'dropped' });
    }
    // Releasing looks at the whole queue: only worth it when something settled.
    if (dropped.length > 0) this.deliver(this.releaseInOrder(dropped));
  }

  /**
   * Whether writing changed between failing and working since the last call: 'down' once when
   * the flushes start failing, 'up' once when they work again. Said once per node, not once
   * per partition run sharing the buffer.
   */
  takeTransition(): 'down' | 'up' | undefined {
    const failing = this.failures > 0;
    if (failing === this.reportedFailing) return undefined;
    this.reportedFailing = failing;
    return failing ? 'down' : 'up';
  }
  private reportedFailing = false;

  /** A flush is running. */
  public get busy(): boolean {
    return this.flushing !== undefined;
  }

  /**
   * Sends what is queued, unless a flush is running or the backoff has not passed. What
   * settles goes to takeSettled in order per target: a scrape is released only after every
   * earlier scrape of its target settled, so a cursor never moves past an unwritten scrape.
   */
  flush(client: ElasticsearchClient, now: number = this.now()): Promise<void> {
    if (this.flushing !== undefined) return this.flushing;
    if (this.queue.length === 0 || now < this.retryAt) return Promise.resolve();
    const full =
      this.queuedBytes >= this.limits.chunkBytes ||
      this.queue.length * 2 >= this.limits.chunkDocuments;
    if (!full && now - this.lastFlushAt < this.limits.flushIntervalMs) return Promise.resolve();
    this.lastFlushAt = now;
    const flushing = this.sendAll(client)
      .then((settled) => this.deliver(settled))
      .finally(() => (this.flushing = undefined));
    this.flushing = flushing;
    return flushing;
  }

  private deliver(settled: readonly SettledScrape[]): void {
    for (const entry of settled) {
      const list = this.inbox.get(entry.scrape.partition) ?? [];
      list.push(entry);
      // Bounded: a partition that moved to another node is never taken from here again.
      if (list.length > MAX_UNTAKEN) list.splice(0, list.length - MAX_UNTAKEN);
      this.inbox.set(entry.scrape.partition, list);
    }
  }

  private async sendAll(client: ElasticsearchClient): Promise<SettledScrape[]> {
    const settled: SettledScrape[] = [];
    const retry: BufferedScrape[] = [];
    let failedRequest = false;
    // What is queued now; scrapes enqueued during the flush wait for the next one.
    const batch = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    for (let start = 0; start < batch.length; ) {
      const chunk = this.nextChunk(batch, start);
      start += chunk.length;
      if (failedRequest) {
        retry.push(...chunk);
        continue;
      }
      let fates: ItemFate[][];
      try {
        fates = await sendChunk(client, chunk);
      } catch {
        // Down, unreachable, or the request itself refused: everything waits for the next attempt.
        failedRequest = true;
        retry.push(...chunk);
        continue;
      }
      chunk.forEach((scrape, position) => {
        const fate = fates[position]!;
        if (fate.some((item) => item === 'retry')) {
          retry.push(scrape);
        } else {
          const rejected = fate.find(
            (item): item is { rejected: string } => typeof item === 'object'
          );
          const duplicates = fate.filter((item) => item === 'duplicate').length;
          settled.push(
            rejected === undefined
              ? { scrape, outcome: 'written', duplicates }
              : { scrape, outcome: 'rejected', reason: rejected.rejected }
          );
        }
      });
    }
    // Retries go back in front of what arrived meanwhile, keeping each target's order.
    this.queue = [...retry, ...this.queue];
    this.queuedBytes = this.queue.reduce((sum, scrape) => sum + scrape.bytes, 0);
    if (retry.length > 0) {
      this.failures++;
      const backoff = Math.min(
        this.limits.maxBackoffMs,
        this.limits.minBackoffMs * 2 ** (this.failures - 1)
      );
      this.retryAt = this.now() + backoff;
    } else {
      this.failures = 0;
      this.retryAt = 0;
    }
    const dropped: SettledScrape[] = [];
    while (this.queuedBytes > this.limits.maxBytes && this.queue.length > 1) {
      const oldest = this.queue.shift()!;
      this.queuedBytes -= oldest.bytes;
      dropped.push({ scrape: oldest, outcome: 'dropped' });
    }
    return this.releaseInOrder([...settled, ...dropped]);
  }

  private nextChunk(batch: readonly BufferedScrape[], start: number): BufferedScrape[] {
    const chunk: BufferedScrape[] = [];
    let bytes = 0;
    let documents = 0;
    for (let i = start; i < batch.length; i++) {
      const scrape = batch[i]!;
      const scrapeDocuments = scrape.lines.length / 2;
      if (
        chunk.length > 0 &&
        (bytes + scrape.bytes > this.limits.chunkBytes ||
          documents + scrapeDocuments > this.limits.chunkDocuments)
      )
        break;
      chunk.push(scrape);
      bytes += scrape.bytes;
      documents += scrapeDocuments;
    }
    return chunk;
  }

  /** Holds back settled scrapes of a target while an earlier one of it is still queued. */
  private releaseInOrder(settled: SettledScrape[]): SettledScrape[] {
    const oldestQueued = new Map<string, number>();
    for (const scrape of this.queue)
      if (!oldestQueued.has(scrape.targetId)) oldestQueued.set(scrape.targetId, scrape.slot);
    for (const entry of settled) {
      const list = this.held.get(entry.scrape.targetId) ?? [];
      list.push(entry);
      this.held.set(entry.scrape.targetId, list);
    }
    const released: SettledScrape[] = [];
    for (const [targetId, list] of this.held) {
      const blocker = oldestQueued.get(targetId);
      const ready =
        blocker === undefined ? list : list.filter((entry) => entry.scrape.slot < blocker);
      if (ready.length === 0) continue;
      ready.sort((a, b) => a.scrape.slot - b.scrape.slot);
      released.push(...ready);
      const rest =
        blocker === undefined ? [] : list.filter((entry) => entry.scrape.slot >= blocker);
      if (rest.length === 0) this.held.delete(targetId);
      else this.held.set(targetId, rest);
    }
    return released;
  }
}

// 429 and 5xx are Elasticsearch saying "not now"; any other refusal of one document is final
// (a mapping conflict does not heal by retrying).
function itemFate(
  status: number,
  error: { type?: string; reason?: string | null } | undefined | null
): ItemFate {
  if (status === 409) return 'duplicate'; // already there: a retry, or another node's scrape of the slot
  if (error === undefined || error === null)
    return status >= 200 && status < 300 ? 'written' : 'retry';
  if (status === 429 || status >= 500) return 'retry';
  return { rejected: `${error.type ?? 'error'}: ${error.reason ?? ''}`.trim() };
}

async function sendChunk(
  client: ElasticsearchClient,
  chunk: readonly BufferedScrape[]
): Promise<ItemFate[][]> {
  // Strings go to the wire as they are: each scrape is serialised once, however often it is retried.
  const operations = chunk.flatMap((scrape) => scrape.lines);
  const response = await client.bulk<string>({ operations: operations as never });
  const fates: ItemFate[][] = [];
  let item = 0;
  for (const scrape of chunk) {
    const fate: ItemFate[] = [];
    for (let document = 0; document < scrape.lines.length / 2; document++) {
      const result = response.items[item++]?.create;
      fate.push(result === undefined ? 'retry' : itemFate(result.status, result.error));
    }
    fates.push(fate);
  }
  return fates;
}
