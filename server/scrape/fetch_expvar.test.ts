import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLeft, isRight } from 'fp-ts/Either';
import { fetchExpvar } from './fetch_expvar';
import { createScrapeAccess } from './scrape_access';
import type { Resolver } from './policy_lookup';
import { DEFAULT_DENIED_NETWORKS, ScrapePolicy } from './scrape_policy';

// A real server on 127.0.0.1 only: every request these tests make stays on loopback.
let server: http.Server;
let port: number;
let requests: string[] = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    if (request.url === '/redirect') {
      response.writeHead(302, {
        location: 'http://169.254.169.254/latest/meta-data/',
        'content-type': 'text/html',
        'content-length': '5',
      });
      response.end('moved');
      return;
    }
    if (request.url === '/private') {
      response.writeHead(401, {
        'www-authenticate': 'Basic realm="vars"',
        'content-type': 'text/plain',
        'content-length': '12',
      });
      response.end('unauthorized');
      return;
    }
    if (request.url === '/redirect-long') {
      response.writeHead(301, {
        location: 'http://169.254.169.254/',
        'content-type': 'x'.repeat(500),
        'transfer-encoding': 'chunked',
      });
      response.end();
      return;
    }
    // No keep-alive, so each fetch opens a new connection and does a new lookup.
    response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    response.end('{"cmdline":["app"]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  requests = [];
});

const limits = { timeoutMs: 2_000, maxBytes: 1_000_000 };
const policy = (deniedNetworks: readonly string[], allowedHosts = ['*']) =>
  new ScrapePolicy({ allowedHosts, deniedNetworks });

describe('fetchExpvar under the scrape policy', () => {
  it('fetches from a loopback target under the default policy', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/debug/vars`,
      limits,
      createScrapeAccess(policy(DEFAULT_DENIED_NETWORKS))
    );
    expect(isRight(result) && result.right.body.toString()).toBe('{"cmdline":["app"]}');
  });

  it('refuses the same target, sending nothing, when the policy denies 127.0.0.0/8', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/debug/vars`,
      limits,
      createScrapeAccess(policy([...DEFAULT_DENIED_NETWORKS, '127.0.0.0/8']))
    );
    expect(result).toEqual({
      _tag: 'Left',
      left: {
        kind: 'policy',
        message:
          'the address 127.0.0.1 is in 127.0.0.0/8, which go_runtime.scrape.deniedNetworks denies',
      },
    });
    expect(requests).toEqual([]);
  });

  it('refuses a name at connect time once it resolves to a denied address (rebinding)', async () => {
    const answers = ['127.0.0.1', '127.0.0.2'];
    const resolve: Resolver = (_hostname, _options, callback) =>
      callback(null, [{ address: answers.shift() ?? '127.0.0.2', family: 4 }]);
    const access = createScrapeAccess(policy(['127.0.0.2/32']), resolve);
    const url = `http://go-app.test:${port}/debug/vars`;
    expect(isRight(await fetchExpvar(url, limits, access))).toBe(true);
    expect(await fetchExpvar(url, limits, access)).toEqual({
      _tag: 'Left',
      left: {
        kind: 'policy',
        message:
          'the address 127.0.0.2 of host go-app.test is denied by go_runtime.scrape.deniedNetworks (127.0.0.2/32)',
      },
    });
    expect(requests).toEqual(['/debug/vars']);
  });

  it('refuses a host that matches no allowed pattern', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/debug/vars`,
      limits,
      createScrapeAccess(policy([], ['*.example.com']))
    );
    expect(isLeft(result) && result.left).toEqual({
      kind: 'policy',
      message: 'the host 127.0.0.1 matches none of go_runtime.scrape.allowedHosts',
    });
    expect(requests).toEqual([]);
  });

  it('cuts a long content type in a redirect message', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/redirect-long`,
      limits,
      createScrapeAccess(policy(DEFAULT_DENIED_NETWORKS))
    );
    expect(isLeft(result) && result.left.message).toBe(
      `answered HTTP 301 (a redirect; ${'x'.repeat(
        97
      )}..., length not declared); redirects are not followed, configure the final URL`
    );
  });

  it('reports 401 as an auth error with its status, never the body', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/private`,
      limits,
      createScrapeAccess(policy(DEFAULT_DENIED_NETWORKS))
    );
    expect(isLeft(result) && result.left).toMatchObject({ kind: 'auth', status: 401 });
    expect(isLeft(result) && result.left.message).not.toContain('unauthorized');
  });

  it('reports a name that does not resolve as dns', async () => {
    const resolve: Resolver = (_hostname, _options, callback) =>
      callback(
        Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }),
        []
      );
    const result = await fetchExpvar(
      'http://nowhere.invalid:6060/debug/vars',
      limits,
      createScrapeAccess(policy(DEFAULT_DENIED_NETWORKS), resolve)
    );
    expect(isLeft(result) && result.left.kind).toBe('dns');
  });

  it('reports a redirect by status, content type and length, never its Location', async () => {
    const result = await fetchExpvar(
      `http://127.0.0.1:${port}/redirect`,
      limits,
      createScrapeAccess(policy(DEFAULT_DENIED_NETWORKS))
    );
    expect(isLeft(result) && result.left).toEqual({
      kind: 'redirect',
      message:
        'answered HTTP 302 (a redirect; text/html, 5 bytes); redirects are not followed, configure the final URL',
      status: 302,
    });
    expect(requests).toEqual(['/redirect']);
  });
});
