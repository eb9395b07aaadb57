import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ElasticsearchClient, Logger } from '@kbn/core/server';
import { createScrapeAccess } from '../scrape/scrape_access';
import { DEFAULT_DENIED_NETWORKS, ScrapePolicy } from '../scrape/scrape_policy';
import { decodeSavedTarget, type ValidTarget } from '../targets/saved_target';
import { ProfilePool } from './profile_pool';
import { ProfileRunner } from './profile_runner';

// A real Go-shaped origin on loopback: expvar only, no pprof (404), like most programs.
let server: http.Server;
let base: string;
const requested: string[] = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('404 page not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pool.stop();
});

const pool = new ProfilePool();
const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;

function target(profiles?: object, id = 'runner-target', at = base): ValidTarget {
  const decoded = decodeSavedTarget({
    id,
    type: 'go-runtime-target',
    references: [],
    attributes: {
      name: 'runner',
      service_name: 'svc',
      url: `${at}/debug/vars`,
      interval: '1s',
      enabled: true,
      ...(profiles === undefined ? {} : { profiles }),
    },
  });
  if (!decoded.valid) throw new Error(decoded.reason);
  return decoded.target;
}

/** A bulk-only client that records the documents and says when `count` have come. */
function recordingClient(count: number) {
  const documents: Array<Record<string, any>> = [];
  let arrived: () => void;
  const done = new Promise<void>((resolve) => (arrived = resolve));
  const client = {
    // The write buffer sends each line serialised once; documents are every second line.
    bulk: async ({ operations }: { operations: string[] }) => {
      const sent = operations.filter((_, line) => line % 2 === 1).map((line) => JSON.parse(line));
      documents.push(...sent);
      if (documents.length >= count) arrived();
      return { items: sent.map(() => ({ create: { status: 201 } })) };
    },
  } as unknown as ElasticsearchClient;
  return { client, documents, done };
}

/** A client whose bulks fail (Elasticsearch down) until `up()`; then it records as above. */
function outageClient(count: number) {
  const recording = recordingClient(count);
  let down = true;
  let attempts = 0;
  const client = {
    bulk: async (request: { operations: string[] }) => {
      attempts++;
      if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:9200');
      return recording.client.bulk(request as never);
    },
  } as unknown as ElasticsearchClient;
  return {
    ...recording,
    client,
    attempts: () => attempts,
    up: () => {
      down = false;
    },
  };
}

async function until(condition: () => boolean, deadlineMs?: number, what?: string): Promise<void> {
  const end = deadlineMs === undefined ? Infinity : Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A loopback origin that answers `handler`; closed (its connections cut) by the returned stop. */
async function origin(handler: http.RequestListener) {
  const served = http.createServer(handler);
  await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(served.address() as AddressInfo).port}`,
    stop: async () => {
      served.closeAllConnections();
      await new Promise((resolve) => served.close(resolve));
    },
  };
}

const runner = (bufferMaxBytes?: number, maxTimeoutMs = 5_000) =>
  new ProfileRunner({
    ...(bufferMaxBytes === undefined ? {} : { bufferMaxBytes }),
    logger: silent,
    access: createScrapeAccess(
      new ScrapePolicy({ allowedHosts: ['*'], deniedNetworks: DEFAULT_DENIED_NETWORKS })
    ),
    maxBytes: 1024 * 1024,
    maxTimeoutMs,
    pool,
  });

describe('ProfileRunner', () => {
  it('reads each profile once per slot of its own period, and says when pprof is not served', async () => {
    requested.length = 0;
    const profiles = runner();
    const { client, documents, done } = recordingClient(2);
    const now = Date.now();
    profiles.launchDue(target(), now, client);
    // The same slot again (the poll loop ticks every 100 ms): nothing more is read.
    profiles.launchDue(target(), now + 100, client);
    await done;
    expect(requested.sort()).toEqual(['/debug/pprof/goroutine?debug=1', '/debug/pprof/heap']);
    expect(documents.map((doc) => doc.error.type)).toEqual(['not_available', 'not_available']);
    expect(profiles.healthOf('runner-target')).toEqual({
      status: 'not_available',
      error: {
        class: 'not_available',
        message:
          'profiles not available: the origin does not serve /debug/pprof/ (import net/http/pprof)',
      },
    });
  });

  it('reads nothing from a target whose profiles are off', () => {
    requested.length = 0;
    const profiles = runner();
    const { client } = recordingClient(1);
    profiles.launchDue(target({ heap_period: 'off', goroutine_period: 'off' }), Date.now(), client);
    expect(profiles.healthOf('runner-target')).toEqual({ status: 'off' });
    expect(requested).toEqual([]);
  });

  it('forgets a target the poll loop no longer offers, and keeps the ones it does', () => {
    const profiles = runner();
    const { client } = recordingClient(1);
    const off = { heap_period: 'off', goroutine_period: 'off' };
    const t0 = Date.now();
    const hours = (h: number) => t0 + h * 3_600_000;
    profiles.launchDue(target(off, 'gone'), t0, client);
    profiles.launchDue(target(off, 'kept'), t0, client);
    profiles.launchDue(target(off, 'kept'), hours(1.9), client);
    expect(profiles.healthOf('gone')).toEqual({ status: 'off' });
    profiles.launchDue(target(off, 'kept'), hours(2.1), client);
    expect(profiles.healthOf('gone')).toBeUndefined();
    expect(profiles.healthOf('kept')).toEqual({ status: 'off' });
  });

  it('reads at the configured path prefix', async () => {
    requested.length = 0;
    const profiles = runner();
    const { client, done } = recordingClient(1);
    profiles.launchDue(
      target({ path_prefix: '/internal/pprof/', goroutine_period: 'off' }),
      Date.now(),
      client
    );
    await done;
    expect(requested).toEqual(['/internal/pprof/heap']);
  });

  it('keeps the profile documents read while Elasticsearch is down and writes them once it is back', async () => {
    const profiles = runner();
    const es = outageClient(2);
    profiles.launchDue(target(), Date.now(), es.client);
    // Both reads are done and their documents were refused at least once by the outage.
    await until(() => es.attempts() >= 2);
    expect(es.documents).toEqual([]);
    es.up();
    await es.done;
    expect(es.documents.map((doc) => doc.go_runtime.profile.kind).sort()).toEqual([
      'goroutine',
      'heap',
    ]);
    expect(profiles.droppedOf('runner-target')).toBe(0);
    profiles.stop();
  });

  it('drops the oldest profile documents past its bound, and counts them', async () => {
    // Smaller than two documents: the second read pushes the first out.
    const profiles = runner(1);
    const es = outageClient(1);
    profiles.launchDue(target(), Date.now(), es.client);
    await until(() => profiles.droppedOf('runner-target') === 1);
    es.up();
    await es.done;
    expect(es.documents).toHaveLength(1);
    expect(profiles.droppedOf('runner-target')).toBe(1);
    profiles.stop();
  });

  it('keeps reading a good target while two others hang on every read', async () => {
    // One origin never answers, the other sends an endless slow body: each read lasts until
    // its timeout, and both are due again at every tick.
    const hanging = await origin(() => undefined);
    const trickling = await origin((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => response.write('goroutine '), 50);
      response.on('close', () => clearInterval(drip));
    });
    let goodReads = 0;
    const good = await origin((_, response) => {
      goodReads++;
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(
        'goroutine profile: total 1\n1 @ 0x43a1e6\n#\t0x43a1e5\tmain.main+0x1\t/m.go:1\n'
      );
    });
    const goroutineOnly = { heap_period: 'off', goroutine_period: '10s' };
    const targets = [
      target(goroutineOnly, 'hanging', hanging.base),
      target(goroutineOnly, 'trickling', trickling.base),
      target(goroutineOnly, 'good', good.base),
    ];
    const profiles = runner(undefined, 300);
    const { client } = recordingClient(Infinity);
    const t0 = Date.now();
    let tick = 0;
    // The poll loop, with a clock that passes one period per tick: every target is due at each.
    const loop = setInterval(() => {
      tick++;
      for (const each of targets) profiles.launchDue(each, t0 + tick * 10_000, client);
    }, 20);
    try {
      await until(() => goodReads >= 3, 10_000, 'the good target was read 3 times');
      // The stuck targets still say why their profiles are missing.
      await until(
        () =>
          profiles.healthOf('hanging')?.error?.class === 'timeout' &&
          profiles.healthOf('trickling')?.error?.class === 'timeout',
        10_000,
        'both stuck targets report a timeout'
      );
      expect(profiles.healthOf('hanging')?.status).toBe('failing');
      expect(profiles.healthOf('good')).toEqual({ status: 'available' });
    } finally {
      clearInterval(loop);
      profiles.stop();
      await Promise.all([hanging.stop(), trickling.stop(), good.stop()]);
    }
  });
});
