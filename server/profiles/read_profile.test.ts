import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { isLeft, isRight, type Either } from 'fp-ts/Either';
import { encodeHeapProfile } from '../../test/fixtures/pprof_profiles';
import { fetchExpvar } from '../scrape/fetch_expvar';
import { createScrapeAccess } from '../scrape/scrape_access';
import { DEFAULT_DENIED_NETWORKS, ScrapePolicy } from '../scrape/scrape_policy';
import { readProfile, type ProfileRead } from './fetch_profile';
import type { ProfileError } from './profile_error';
import { ProfilePool } from './profile_pool';

const good = encodeHeapProfile([
  { stack: ['main.leak', 'main.main'], values: [10, 10_240, 8, 8_192] },
  { stack: ['main.churn', 'main.main'], values: [100, 102_400, 1, 1_024] },
]);
const goroutines = [
  'goroutine profile: total 7',
  '5 @ 0x43a1e6 0x4061ac 0x6a2b46 0x46e7a1',
  '#\t0x43a1e5\truntime.gopark+0xe5\t/usr/local/go/src/runtime/proc.go:402',
  '#\t0x6a2b45\tmain.blockForever+0x25\t/src/main.go:40',
  '',
  '2 @ 0x43a1e6 0x46e7a1',
  '#\t0x43a1e5\tnet/http.(*conn).serve+0xe5\t\t/usr/local/go/src/net/http/server.go:2000',
  '',
].join('\n');
const EXPVAR = JSON.stringify({ cmdline: ['x'], memstats: { HeapAlloc: 1 } });
const MAX_BYTES = 8 * 1024 * 1024;

// Every bad body the issue names, each at its own prefix on one real server on loopback.
const heapBodies: Record<string, () => Buffer> = {
  ok: () => good,
  truncated: () => good.subarray(0, Math.floor(good.length / 2)),
  bomb: () => zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)),
  html: () => Buffer.from('<!DOCTYPE html><html><body>Sign in</body></html>'),
  strings: () =>
    encodeHeapProfile([{ stack: ['main.a'], values: [1, 1, 1, 1] }], (profile) => {
      profile.function[0]!.name = 9_999;
    }),
  cyclic: () =>
    encodeHeapProfile([{ stack: ['main.a', 'main.b'], values: [1, 1, 1, 1] }], (profile) => {
      profile.sample[0]!.locationId = Array.from({ length: 5_000 }, (_, i) => (i % 2) + 1);
    }),
  missing: () =>
    encodeHeapProfile([{ stack: ['main.a'], values: [1, 1, 1, 1] }], (profile) => {
      profile.sample[0]!.locationId = [42];
    }),
};
const cache = new Map<string, Buffer>();

const authorizations: Array<string | undefined> = [];
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const [, prefix, ...rest] = (request.url ?? '').split('/');
    const path = rest.join('/');
    if (path.startsWith('debug/pprof/')) authorizations.push(request.headers.authorization);
    if (path === 'debug/vars') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(EXPVAR);
      return;
    }
    if (prefix === 'nopprof') {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('404 page not found\n');
      return;
    }
    if (prefix === 'huge') {
      // 100 MB, chunked (no length declared): the cap must cut it while it streams.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(1024 * 1024, 1);
      let sent = 0;
      const write = () => {
        while (sent < 100 && response.write(chunk)) sent++;
        if (sent >= 100) response.end();
        else response.once('drain', write);
      };
      response.on('close', () => (sent = 100));
      write();
      return;
    }
    if (prefix === 'endless') {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.write(Buffer.from([0x1f, 0x8b]));
      const timer = setInterval(() => response.write('x'), 20);
      response.on('close', () => clearInterval(timer));
      return;
    }
    if (path === 'debug/pprof/goroutine?debug=1') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(prefix === 'html' ? '<html>login</html>' : goroutines);
      return;
    }
    const make = heapBodies[prefix ?? ''];
    if (path !== 'debug/pprof/heap' || make === undefined) {
      response.writeHead(404);
      response.end();
      return;
    }
    const body = cache.get(prefix!) ?? make();
    cache.set(prefix!, body);
    response.writeHead(200, {
      'content-type': prefix === 'html' ? 'text/html' : 'application/octet-stream',
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await pool.stop();
});

const access = createScrapeAccess(
  new ScrapePolicy({ allowedHosts: ['*'], deniedNetworks: DEFAULT_DENIED_NETWORKS })
);
const pool = new ProfilePool();
const limits = { maxBytes: MAX_BYTES, timeoutMs: 2_000 };

async function read(prefix: string, kind: 'heap' | 'goroutine' = 'heap') {
  // The target's URL is its expvar page; the profile lives on the same origin.
  const result = await readProfile(
    kind,
    `${base}/${prefix}/debug/vars`,
    `/${prefix}/debug/pprof/`,
    limits,
    access,
    { headers: { authorization: 'Bearer profile-token' } },
    pool
  );
  // Whatever the profile did, the expvar page of the same origin reads as before.
  const expvar = await fetchExpvar(`${base}/${prefix}/debug/vars`, limits, access);
  expect(isRight(expvar) && expvar.right.body.toString()).toBe(EXPVAR);
  return result;
}

function failure(result: Either<ProfileError, ProfileRead>): ProfileError {
  if (!isLeft(result)) throw new Error('expected the read to fail');
  return result.left;
}

describe('profile reads against a real HTTP server', () => {
  it('reads a heap profile into its summary', async () => {
    const result = await read('ok');
    expect(isRight(result)).toBe(true);
    if (!isRight(result) || result.right.summary.kind !== 'heap') return;
    const inuse = result.right.summary.heap.sample_types.inuse_space;
    expect(inuse.total).toBe(9_216);
    expect(inuse.top_flat[0]).toMatchObject({ function: 'main.leak', value: 8_192 });
    expect(inuse.top_cum[0]).toMatchObject({ function: 'main.main', value: 9_216 });
    // The target's own headers (its credentials) ride on the profile read as on the scrape.
    expect(authorizations).toEqual(['Bearer profile-token']);
  });

  it('reads a goroutine dump: the total and the groups with the program frame', async () => {
    const result = await read('ok', 'goroutine');
    if (!isRight(result) || result.right.summary.kind !== 'goroutine') throw new Error('failed');
    const { goroutine } = result.right.summary;
    expect(goroutine.total).toBe(7);
    expect(goroutine.groups[0]).toMatchObject({
      count: 5,
      top_frame: 'runtime.gopark',
      function: 'main.blockForever',
      file: '/src/main.go',
      line: 40,
    });
    // Go pads some frames with two tabs before the file (net/http/pprof.Index in a real dump).
    expect(goroutine.groups[1]).toMatchObject({
      function: 'net/http.(*conn).serve',
      file: '/usr/local/go/src/net/http/server.go',
      line: 2000,
    });
  });

  it.each([
    [
      'nopprof',
      'not_available',
      /does not serve \/nopprof\/debug\/pprof\/ \(import net\/http\/pprof\)/,
    ],
    ['truncated', 'truncated', /ends early/],
    ['bomb', 'decompression_bomb', /decompresses to more than/],
    ['huge', 'too_large', /over the 8388608-byte limit/],
    ['strings', 'bad_reference', /string 9999, outside the profile's string table/],
    ['missing', 'bad_reference', /location 42, which the profile does not have/],
    ['cyclic', 'cyclic_stack', /5000 locations.*loop/],
    ['endless', 'timeout', /no complete answer within 2000 ms/],
    ['html', 'not_a_profile', /HTML page/],
  ])(
    '%s: a %s error of its own, the expvar page unaffected',
    async (prefix, errorClass, message) => {
      const error = failure(await read(prefix));
      expect(error.class).toBe(errorClass);
      expect(error.message).toMatch(message);
    }
  );

  it('an HTML page at the goroutine path is not a profile', async () => {
    const error = failure(await read('html', 'goroutine'));
    expect(error).toMatchObject({ class: 'not_a_profile' });
    expect(error.message).toMatch(/HTML page/);
  });
});
