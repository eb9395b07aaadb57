import { Client } from '@elastic/elasticsearch';
import { startElasticsearch, type RunningElasticsearch } from '../../dev/es/elasticsearch';
import { ES_PASSWORD } from '../../dev/es/security';
import { startGoFixture, type GoFixture } from '../harness/go_fixture';
import {
  freePort,
  startHostProcess,
  uniquePrefix,
  waitFor,
  type HostProcess,
} from '../harness/host_process';

/**
 * With Elasticsearch security on, Kibana's identity writes and each user reads as themselves:
 * the dev cluster's users and roles (dev/es/security.ts) mirror a real deployment's.
 */
jest.setTimeout(300_000);

let es: RunningElasticsearch | undefined;
let host: HostProcess;
let fixture: GoFixture;
let superuser: Client;
const as = (username: string) =>
  new Client({ node: es!.url, auth: { username, password: ES_PASSWORD } });

beforeAll(async () => {
  es = await startElasticsearch({ name: 'security', httpPort: await freePort(), security: true });
  superuser = new Client({ node: es.url, auth: es.superuser! });
  [host, fixture] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('security'), esUrl: es.url, esSecurity: true }),
    startGoFixture(),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), fixture?.stop()]);
  await superuser?.close();
  await es?.stop();
});

const heapSeries = (user: string) => {
  const to = new Date();
  const from = new Date(to.getTime() - 15 * 60_000);
  return host.request(
    'GET',
    `/internal/go_runtime/heap_series?from=${from.toISOString()}&to=${to.toISOString()}&service_name=secure`,
    {
      user,
      headers: { 'x-elastic-internal-origin': 'Kibana' },
    }
  );
};

describe('Elasticsearch security', () => {
  it('refuses requests without credentials, and knows each user', async () => {
    await expect(new Client({ node: es!.url }).info()).rejects.toMatchObject({ statusCode: 401 });
    const me = await as('go_viewer').security.authenticate();
    expect(me).toMatchObject({ username: 'go_viewer', roles: ['go_runtime_reader'] });
  });

  it('writes the scraped documents as the configured writer, everything else as kibana_system', async () => {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      user: 'go_admin',
      body: { name: 'secure-1', service_name: 'secure', url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
    await waitFor(
      'heap documents written by Kibana',
      async () => {
        await superuser.indices.refresh({
          index: 'metrics-golang.heap-*',
          ignore_unavailable: true,
          allow_no_indices: true,
        });
        const count = await superuser.count({
          index: 'metrics-golang.heap-*',
          ignore_unavailable: true,
          allow_no_indices: true,
        });
        return count.count >= 2 ? count.count : undefined;
      },
      60_000
    );
    // Templates, the collection state and the task store all went through as Kibana's identity.
    expect(host.logs.filter((line) => /security_exception|unauthorized/i.test(line))).toEqual([]);
  });

  it('kibana_system may not write metrics-golang.*, which is why go_runtime.writer exists', async () => {
    const error = await as('kibana_system')
      .index({
        index: 'metrics-golang.heap-security',
        document: { '@timestamp': new Date().toISOString() },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 403 });
    expect(String((error as Error).message)).toMatch(/is unauthorized for user \[kibana_system\]/);
  });

  it('runs the chart query as the user: a reader gets the series', async () => {
    const response = await heapSeries('go_viewer');
    expect(response.status).toBe(200);
    expect(response.body.series.length).toBeGreaterThan(0);
  });

  it('gives a user whose Elasticsearch role cannot read metrics-golang.* a 403 that says so, not a 500', async () => {
    const response = await heapSeries('go_viewer_no_data');
    expect(response).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringMatching(
          /^Your Elasticsearch role may not read the Go Runtime data \(index privilege "read" on metrics-golang\.\*\).*unauthorized for user \[go_viewer_no_data\]/
        ),
      },
    });
  });
});
