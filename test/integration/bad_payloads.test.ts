import type { Client } from '@elastic/elasticsearch';
import { BAD_PAYLOADS, MANY_CUSTOM_VARS } from '../fixtures/payloads/bad_payloads';
import {
  esClient,
  heapDocuments,
  scrapeHealthDocuments,
  targetDocuments,
} from '../harness/documents';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(240_000);

let host: HostProcess;
let good: GoFixture;
let endless: GoFixture;
let many: GoFixture;
let manyId: string;
const servers: GoFixture[] = [];
let client: Client;
let goodId: string;
const badIds: string[] = [];
/** Answers to GET /api/go_runtime/targets, asked all along while the bad targets are scraped. */
const answers: Array<{ status: number; ms: number }> = [];
let sampling: Promise<void> | undefined;
let sample = true;
const MAX_LOG_LINE = 1024;

beforeAll(async () => {
  client = esClient();
  host = await startHostProcess({ indexPrefix: uniquePrefix('payloads') });
  [good, endless, many] = await Promise.all([startGoFixture(), startGoFixture(), startGoFixture()]);
  await endless.setMode('endless');
  await many.setBody(MANY_CUSTOM_VARS.body, 'application/json');
  await many.setMode('raw');
  servers.push(...(await Promise.all(BAD_PAYLOADS.map(() => startGoFixture()))));
  await Promise.all(
    BAD_PAYLOADS.map(async (payload, index) => {
      await servers[index]!.setBody(payload.body, payload.contentType);
      await servers[index]!.setMode('raw');
    })
  );
  // All in one host and one poll run: the bad ones must not cost the good one anything.
  for (const [index, payload] of BAD_PAYLOADS.entries()) {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      body: {
        name: `bad-${index}`,
        service_name: 'bad-payloads',
        url: servers[index]!.varsUrl,
        interval: '2s',
      },
    });
    expect([payload.name, created.status]).toEqual([payload.name, 200]);
    badIds.push(created.body.id);
  }
  await host.request('POST', '/api/go_runtime/targets', {
    // A scrape's timeout is its interval: 10 s lets the size cap, not the clock, end the read
    // of an endless body on a busy machine.
    body: { name: 'endless', service_name: 'bad-payloads', url: endless.varsUrl, interval: '10s' },
  });
  manyId = (
    await host.request('POST', '/api/go_runtime/targets', {
      body: { name: 'many', service_name: 'bad-payloads', url: many.varsUrl, interval: '2s' },
    })
  ).body.id;
  goodId = (
    await host.request('POST', '/api/go_runtime/targets', {
      body: { name: 'healthy', service_name: 'healthy', url: good.varsUrl, interval: '1s' },
    })
  ).body.id;
  // The host must keep answering while it parses (or refuses) the bad pages. How long a page
  // holds the event loop is measured by test/bench/event_loop_blocking.ts, not asserted here.
  sampling = (async () => {
    while (sample) {
      const started = performance.now();
      const answer = await host.request('GET', '/api/go_runtime/targets');
      answers.push({ status: answer.status, ms: performance.now() - started });
      // Pacing, not waiting for anything: a steady trickle of requests, not a flood.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
});
afterAll(async () => {
  sample = false;
  await sampling;
  await Promise.all([
    host?.stop(),
    good?.stop(),
    endless?.stop(),
    many?.stop(),
    ...servers.map((s) => s.stop()),
  ]);
  await client?.close();
});

describe('each bad payload, served by a real HTTP server, gets its own clear error', () => {
  it.each(BAD_PAYLOADS.map((payload, index) => [payload.name, index] as const))(
    '%s',
    async (_name, index) => {
      const payload = BAD_PAYLOADS[index]!;
      const line = await waitFor(`the error of ${payload.name}`, async () =>
        host.logs.find((l) => l.includes(`scrape of target [bad-${index}]`))
      );
      expect(line).toContain(payload.message);
      expect(line.length).toBeLessThan(MAX_LOG_LINE);
    }
  );

  it('logs one short error per scrape of each bad target, not a burst', async () => {
    const linesOf = (index: number) =>
      host.logs.filter((l) => l.includes(`scrape of target [bad-${index}]`));
    // Each failed scrape writes a health document of its slot. Every line logged so far is of
    // a slot that had opened by now: one line per scrape means as many health documents of
    // those slots, once written; a burst of lines per scrape would never find as many.
    for (const [index, payload] of BAD_PAYLOADS.entries()) {
      await waitFor(`three scrapes of ${payload.name}`, async () =>
        (await scrapeHealthDocuments(client, badIds[index]!)).length >= 3 ? true : undefined
      );
      const lines = linesOf(index);
      const readBy = Date.now();
      await waitFor(`a scrape for each line about ${payload.name}`, async () => {
        const attempts = (await scrapeHealthDocuments(client, badIds[index]!)).filter(
          (doc) => Date.parse(doc['@timestamp']) <= readBy
        );
        return attempts.length >= lines.length ? true : undefined;
      });
      expect([payload.name, lines.length >= 1]).toEqual([payload.name, true]);
      for (const line of lines)
        expect([payload.name, line.length < MAX_LOG_LINE]).toEqual([payload.name, true]);
    }
  });

  it('an endless body is cut at the size cap', async () => {
    const line = await waitFor('the size-cap error', async () =>
      host.logs.find((l) => l.includes('scrape of target [endless]'))
    );
    expect(line).toContain('over the 8388608-byte limit');
  });

  it('while the healthy target beside them is scraped every second and logs nothing', async () => {
    const before = (await heapDocuments(client, goodId)).length;
    await waitFor('three more documents of the healthy target', async () =>
      (await heapDocuments(client, goodId)).length >= before + 3 ? true : undefined
    );
    expect(host.logs.filter((l) => l.includes('[healthy]'))).toEqual([]);
  });

  it('collects again once a bad target serves a valid page', async () => {
    const index = BAD_PAYLOADS.findIndex((payload) => payload.name === 'NumGC 100000000000000000');
    expect(await heapDocuments(client, badIds[index]!)).toEqual([]);
    await servers[index]!.setMode('expvar');
    const documents = await waitFor('heap documents of the fixed target', async () => {
      const found = await heapDocuments(client, badIds[index]!);
      return found.length >= 2 ? found : undefined;
    });
    expect(documents[0]!.golang.heap.gc.total_count).toEqual(expect.any(Number));
  });

  it('collects an 8 MiB page of 640 k custom vars, parsed off the event loop: 500 kept, the rest counted', async () => {
    const [document] = await waitFor('an expvar document of the large page', async () => {
      const found = await targetDocuments(client, 'expvar', manyId);
      return found.length > 0 ? found : undefined;
    });
    expect(document!.golang.expvar.vars).toEqual({
      total: MANY_CUSTOM_VARS.total,
      dropped: MANY_CUSTOM_VARS.total - 500,
    });
    expect(document!.golang.expvar.metrics).toHaveLength(500);
  });

  it('answers GET /api/go_runtime/targets throughout', () => {
    const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
    process.stdout.write(
      `GET /api/go_runtime/targets while bad targets were scraped: ${answers.length} answers, ` +
        `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted
          .at(-1)!
          .toFixed(0)} ms\n`
    );
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
  });
});
