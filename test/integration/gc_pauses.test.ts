import type { Client } from '@elastic/elasticsearch';
import { parseLosslessJson } from '../../server/parse/lossless_json';
import { esClient, heapDocuments } from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { authHeaders } from '../../dev/es/elasticsearch';
import {
  esUrl,
  freePort,
  startHostProcess,
  testElasticsearch,
  uniquePrefix,
  waitFor,
  type HostProcess,
} from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let client: Client;

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('gc') });
});
afterAll(async () => {
  await host?.stop();
  await client?.close();
});

async function addTarget(fixture: GoFixture, name: string): Promise<string> {
  const created = await host.request('POST', '/api/go_runtime/targets', {
    body: { name, service_name: 'gc', url: fixture.varsUrl, interval: '2s' },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

/** Waits for the next document after `count` documents, and returns all of them. */
async function documentsAfter(targetId: string, count: number) {
  return waitFor(`document #${count + 1}`, async () => {
    const docs = await heapDocuments(client, targetId);
    return docs.length > count ? docs : undefined;
  });
}

const pause = (doc: Record<string, any>) => doc.golang.heap.gc.pause ?? {};

/**
 * Resolves right after the fixture answered its next /debug/vars read, so that GCs forced
 * now fall between two scrapes whatever the load on the machine; the document of that scrape
 * may become searchable much later.
 */
async function justScraped(fixture: GoFixture): Promise<number> {
  const hits = await fixture.hits();
  await waitFor('the next scrape', async () => ((await fixture.hits()) > hits ? true : undefined));
  return Date.now();
}

/** The first document of a scrape that started after `time` (its slot and fetch both lie after it). */
async function documentAfter(targetId: string, time: number) {
  return waitFor(`a document after ${new Date(time).toISOString()}`, async () =>
    (await heapDocuments(client, targetId)).find((doc) => Date.parse(doc['@timestamp']) > time)
  );
}

describe('exact GC pauses from a real Go process', () => {
  let fixture: GoFixture;
  let targetId: string;

  beforeAll(async () => {
    fixture = await startGoFixture();
    targetId = await addTarget(fixture, 'gc-exact');
  });
  afterAll(async () => fixture?.stop());

  it('10 forced GCs between two scrapes: count 10 and exactly the durations Go recorded', async () => {
    await documentsAfter(targetId, 0);
    const scraped = await justScraped(fixture);
    await fixture.gc(10);
    const truth = await fixture.truth();
    const doc = await documentAfter(targetId, scraped);
    expect(pause(doc).count).toBe(10);
    expect(pause(doc).missed).toBe(0);
    const recorded = truth.pauses_ns.slice(0, 10).reverse().map(Number);
    expect(pause(doc).durations.ns).toEqual(recorded);
    expect(pause(doc).sum.ns).toBe(recorded.reduce((a, b) => a + b, 0));
    expect(pause(doc).max.ns).toBe(Math.max(...recorded));
    expect(pause(doc).avg.ns).toBeCloseTo(recorded.reduce((a, b) => a + b, 0) / 10, 6);
  });

  it("over the whole run, the pauses add up to the process's own PauseTotalNs and NumGC", async () => {
    await fixture.gc(3);
    const truth = await fixture.truth();
    const docs = await waitFor('a document that saw the last GC', async () => {
      const found = await heapDocuments(client, targetId);
      return found.some((d) => d.golang.heap.gc.total_count === truth.num_gc) ? found : undefined;
    });
    const upTo = docs.slice(
      0,
      docs.findIndex((d) => d.golang.heap.gc.total_count === truth.num_gc) + 1
    );
    expect(upTo.reduce((sum, d) => sum + (pause(d).count ?? 0), 0)).toBe(truth.num_gc);
    expect(String(upTo.reduce((sum, d) => sum + BigInt(pause(d).sum?.ns ?? 0), 0n))).toBe(
      truth.pause_total_ns
    );
  });

  it('stores LastGC to the nanosecond', async () => {
    const truth = await fixture.truth();
    const doc = (await heapDocuments(client, targetId)).find(
      (d) => d.golang.heap.gc.total_count === truth.num_gc
    )!;
    // The indexed long, read back without a float in between: its doc value parsed losslessly,
    // and as the harness reads it, formatted as text (a stored `_source` leaves it out:
    // storage/index_templates.ts).
    const response = await fetch(`${esUrl()}/metrics-go_runtime.heap-*/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(testElasticsearch()) },
      body: JSON.stringify({
        query: { ids: { values: [doc._id] } },
        docvalue_fields: ['golang.heap.gc.last_finished.ns'],
      }),
    });
    const body = parseLosslessJson(await response.text()) as any;
    const hit = body.hits.hits[0];
    expect(hit.fields['golang.heap.gc.last_finished.ns'].map(String)).toEqual([truth.last_gc_ns]);
    expect(String(doc.golang.heap.gc.last_finished.ns)).toBe(truth.last_gc_ns);
  });

  it('300 GCs between two scrapes: 256 pauses read, 44 missed', async () => {
    const scraped = await justScraped(fixture);
    await fixture.gc(300);
    const doc = await documentAfter(targetId, scraped);
    expect(pause(doc).count).toBe(256);
    expect(pause(doc).missed).toBe(44);
    expect(doc.golang.heap.gc.cycles).toBe(300);
    await waitFor('the warning about missed pauses', async () =>
      host.logs.find((line) => line.includes('[gc-exact] ran 44 GCs whose pauses left'))
    );
  });
});

describe('a Go process that restarts on the same port', () => {
  it('is recorded as restarted and its pauses carry on, instead of freezing', async () => {
    let fixture = await startGoFixture();
    const address = fixture.address;
    const targetId = await addTarget(fixture, 'gc-restart');
    await fixture.gc(20);
    await waitFor('a scrape after 20 GCs', async () =>
      (await heapDocuments(client, targetId)).find((d) => d.golang.heap.gc.total_count >= 20)
    );
    await fixture.stop();
    fixture = await startGoFixture(address);
    try {
      await fixture.gc(4);
      const truth = await fixture.truth();
      const restarted = await waitFor('the restarted document', async () =>
        (
          await heapDocuments(client, targetId)
        ).find((d) => d.golang.heap.process?.restarted === true)
      );
      expect(restarted.golang.heap.process.restart_reason).toMatch(/went back/);
      // The first scrape of the new process reads its whole short history from the ring.
      expect(pause(restarted).count).toBe(restarted.golang.heap.gc.total_count);
      expect(pause(restarted).missed).toBe(0);
      // Collection continues: a later document counts the new process's GCs.
      await fixture.gc(5);
      const after = await waitFor('a document with the 5 new GCs', async () =>
        (
          await heapDocuments(client, targetId)
        ).find((d) => d.golang.heap.gc.total_count === truth.num_gc + 5)
      );
      const docs = await heapDocuments(client, targetId);
      const sinceRestart = docs.slice(
        docs.findIndex((d) => d._id === restarted._id),
        docs.findIndex((d) => d._id === after._id) + 1
      );
      expect(sinceRestart.reduce((sum, d) => sum + pause(d).count, 0)).toBe(truth.num_gc + 5);
      await waitFor('the restart in the log', async () =>
        host.logs.find((line) => line.includes('target [gc-restart] restarted'))
      );
    } finally {
      await fixture.stop();
    }
  });

  it('is recorded as restarted when the new process has already run more GCs and allocated more than the old one', async () => {
    // The same command line both times (the address is in it), as a redeployed service has.
    const address = `127.0.0.1:${await freePort()}`;
    let fixture = await startGoFixture(address);
    const targetId = await addTarget(fixture, 'gc-restart-ahead');
    await fixture.gc(3);
    await waitFor('a scrape after 3 GCs', async () =>
      (await heapDocuments(client, targetId)).find((d) => d.golang.heap.gc.total_count >= 3)
    );
    // Off while the process is replaced, so that the first scrape of the new one comes after
    // it is ahead of the old one on every counter: none of them goes back.
    expect(
      (await host.request('POST', `/api/go_runtime/targets/${targetId}/_disable`)).status
    ).toBe(200);
    const old = await counters(fixture.varsUrl);
    await fixture.stop();
    fixture = await startGoFixture(address);
    try {
      await fixture.churn(50);
      await fixture.gc(40);
      const varsUrl = fixture.varsUrl;
      await waitFor('the new process ahead of the old one on every counter', async () => {
        const now = await counters(varsUrl);
        return COUNTERS.every((name) => now[name]! > old[name]!) ? true : undefined;
      });
      await fixture.churn(0);
      expect(
        (await host.request('POST', `/api/go_runtime/targets/${targetId}/_enable`)).status
      ).toBe(200);
      const restarted = await waitFor('the restarted document', async () =>
        (
          await heapDocuments(client, targetId)
        ).find((d) => d.golang.heap.process?.restarted === true)
      );
      expect(restarted.golang.heap.gc.total_count).toBeGreaterThanOrEqual(40);
      expect(restarted.golang.heap.process.restart_reason).toMatch(/^GC \d+ ended at another time/);
      expect(pause(restarted).count).toBe(restarted.golang.heap.gc.total_count);
    } finally {
      await fixture.stop();
    }
  });
});

/** The memstats counters that only grow in one process: a restart is when one goes back. */
const COUNTERS = ['NumGC', 'TotalAlloc', 'Mallocs', 'Frees', 'PauseTotalNs'] as const;

async function counters(varsUrl: string): Promise<Record<string, number>> {
  const page = (await (await fetch(varsUrl)).json()) as { memstats: Record<string, number> };
  return Object.fromEntries(COUNTERS.map((name) => [name, page.memstats[name]!]));
}
