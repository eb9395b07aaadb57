import type { ElasticsearchClient } from '@kbn/core/server';
import { toBufferedScrape, WriteBuffer, type SettledScrape } from './write_buffer';

const limits = {
  maxBytes: 1_000_000,
  chunkBytes: 1_000_000,
  chunkDocuments: 1_000,
  minBackoffMs: 100,
  maxBackoffMs: 1_000,
  flushIntervalMs: 0,
};

function scrape(targetId: string, slot: number, partition = 0) {
  const cursor = {
    num_gc: slot,
    pause_total_ns: '0',
    total_alloc: '0',
    mallocs: '0',
    scraped_at: slot,
    cmdline: null,
    frees: '0',
    last_gc: '0',
  };
  return toBufferedScrape(targetId, partition, slot, cursor, [
    { index: 'metrics-go_runtime.heap-default', id: `${targetId}:${slot}`, document: { slot } },
  ]);
}

/** A bulk endpoint that answers each document by its _id, or fails the whole request. */
function fakeBulk(
  answer: (id: string) => { status: number; error?: { type: string; reason: string } } | 'down'
) {
  const requests: string[][] = [];
  const client = {
    bulk: async ({ operations }: { operations: string[] }) => {
      const ids = operations
        .filter((_, i) => i % 2 === 0)
        .map((line) => JSON.parse(line).create._id as string);
      requests.push(ids);
      const answers = ids.map(answer);
      if (answers.includes('down')) throw new Error('connect ECONNREFUSED 127.0.0.1:9200');
      return { items: answers.map((a) => ({ create: a === 'down' ? undefined : a })) };
    },
  } as unknown as ElasticsearchClient;
  return { client, requests };
}

const describeSettled = (settled: SettledScrape[]) =>
  settled.map((s) => `${s.scrape.targetId}:${s.scrape.slot}:${s.outcome}`);

describe('WriteBuffer', () => {
  it('writes queued scrapes and reports them to their partition, 409 counting as written and as a duplicate', async () => {
    const buffer = new WriteBuffer(limits);
    buffer.enqueue(scrape('a', 1));
    buffer.enqueue(scrape('b', 1, 1));
    const { client } = fakeBulk((id) => ({ status: id === 'b:1' ? 409 : 201 }));
    await buffer.flush(client, 0);
    const [a] = buffer.takeSettled(0);
    const [b] = buffer.takeSettled(1);
    expect(describeSettled([a!, b!])).toEqual(['a:1:written', 'b:1:written']);
    expect([a, b].map((s) => (s!.outcome === 'written' ? s!.duplicates : undefined))).toEqual([
      0, 1,
    ]);
    expect(buffer.length).toBe(0);
  });

  it('keeps everything while Elasticsearch is down, backs off, and writes it in order once it is back', async () => {
    const buffer = new WriteBuffer(limits);
    let down = true;
    const { client, requests } = fakeBulk(() => (down ? 'down' : { status: 201 }));
    buffer.enqueue(scrape('a', 1));
    await buffer.flush(client, Date.now());
    buffer.enqueue(scrape('a', 2));
    expect(buffer.backingOff).toBe(true);
    expect(buffer.length).toBe(2);
    // Within the backoff nothing is sent.
    await buffer.flush(client, Date.now());
    expect(requests).toHaveLength(1);
    down = false;
    await buffer.flush(client, Date.now() + 10_000);
    expect(requests[1]).toEqual(['a:1', 'a:2']);
    expect(describeSettled(buffer.takeSettled(0))).toEqual(['a:1:written', 'a:2:written']);
    expect(buffer.backingOff).toBe(false);
  });

  it('retries a document refused with 429 and holds back the later scrape of the same target until it is written', async () => {
    const buffer = new WriteBuffer(limits);
    let overloaded = true;
    const { client } = fakeBulk((id) =>
      id === 'a:1' && overloaded
        ? { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }
        : { status: 201 }
    );
    buffer.enqueue(scrape('a', 1));
    buffer.enqueue(scrape('a', 2));
    buffer.enqueue(scrape('b', 1));
    await buffer.flush(client, 0);
    // b is not held up by a; a:2 is written but not reported before a:1.
    expect(describeSettled(buffer.takeSettled(0))).toEqual(['b:1:written']);
    overloaded = false;
    await buffer.flush(client, Date.now() + 10_000);
    expect(describeSettled(buffer.takeSettled(0))).toEqual(['a:1:written', 'a:2:written']);
  });

  it('reports a document refused for good (a mapping error) as rejected with the reason, without retrying it', async () => {
    const buffer = new WriteBuffer(limits);
    const { client, requests } = fakeBulk(() => ({
      status: 400,
      error: { type: 'document_parsing_exception', reason: 'failed to parse field' },
    }));
    buffer.enqueue(scrape('a', 1));
    await buffer.flush(client, 0);
    const [settled] = buffer.takeSettled(0);
    expect(settled).toMatchObject({
      outcome: 'rejected',
      reason: 'document_parsing_exception: failed to parse field',
    });
    await buffer.flush(client, Date.now() + 10_000);
    expect(requests).toHaveLength(1);
  });

  it('drops the oldest scrapes when full, and says so', () => {
    const one = scrape('a', 1);
    const buffer = new WriteBuffer({ ...limits, maxBytes: one.bytes * 3 });
    for (let slot = 1; slot <= 5; slot++) buffer.enqueue(scrape('a', slot));
    expect(buffer.length).toBe(3);
    expect(describeSettled(buffer.takeSettled(0))).toEqual(['a:1:dropped', 'a:2:dropped']);
  });

  it('sends at most one request per flush interval, unless a chunk is full', async () => {
    const buffer = new WriteBuffer({ ...limits, flushIntervalMs: 250, chunkDocuments: 4 });
    const { client, requests } = fakeBulk(() => ({ status: 201 }));
    buffer.enqueue(scrape('a', 1));
    await buffer.flush(client, 1_000);
    buffer.enqueue(scrape('a', 2));
    await buffer.flush(client, 1_100);
    expect(requests).toHaveLength(1);
    buffer.enqueue(scrape('a', 3));
    await buffer.flush(client, 1_150);
    expect(requests).toHaveLength(2); // a chunk's worth waiting goes at once
    buffer.enqueue(scrape('a', 4));
    await buffer.flush(client, 1_400);
    expect(requests).toHaveLength(3);
  });

  it('sends bulk requests of bounded size', async () => {
    const buffer = new WriteBuffer({ ...limits, chunkDocuments: 2 });
    for (let slot = 1; slot <= 5; slot++) buffer.enqueue(scrape('a', slot));
    const { client, requests } = fakeBulk(() => ({ status: 201 }));
    await buffer.flush(client, 0);
    expect(requests.map((ids) => ids.length)).toEqual([2, 2, 1]);
  });
});
