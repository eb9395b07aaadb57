import { Client } from '@elastic/elasticsearch';
import type { RunningElasticsearch } from '../../dev/es/elasticsearch';
import { ES_PASSWORD } from '../../dev/es/security';
import { heapDocuments } from '../harness/documents';
import type { GoFixture } from '../harness/go_fixture';
import { uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';
import { startSecuredStack, type SecuredStack } from '../harness/secured_stack';

/**
 * With Elasticsearch security on, Kibana's identity writes and each user reads as themselves:
 * the dev cluster's users and roles (dev/es/security.ts) mirror a real deployment's.
 */
jest.setTimeout(300_000);

let stack: SecuredStack | undefined;
let es: RunningElasticsearch;
let host: HostProcess;
let fixture: GoFixture;
let superuser: Client;
const as = (username: string) =>
  new Client({ node: es.url, auth: { username, password: ES_PASSWORD } });

beforeAll(async () => {
  stack = await startSecuredStack('security', { indexPrefix: uniquePrefix('security') });
  ({ es, host, fixture, superuser } = stack);
});
afterAll(() => stack?.stop());

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
    await expect(new Client({ node: es.url }).info()).rejects.toMatchObject({ statusCode: 401 });
    const me = await as('go_viewer').security.authenticate();
    expect(me).toMatchObject({ username: 'go_viewer', roles: ['go_runtime_reader'] });
  });

  it('writes the scraped documents as the configured writer, everything else as kibana_system', async () => {
    const created = await host.request('POST', '/api/go_runtime/targets', {
      user: 'go_admin',
      body: { name: 'secure-1', service_name: 'secure', url: fixture.varsUrl, interval: '1s' },
    });
    expect(created.status).toBe(200);
    // This target's documents: the cluster's data folder keeps earlier runs'.
    await waitFor(
      'heap documents written by Kibana',
      async () => {
        const count = (await heapDocuments(superuser, created.body.id)).length;
        return count >= 2 ? count : undefined;
      },
      60_000
    );
    // Templates, the collection state and the task store all went through as Kibana's identity.
    expect(host.logs.filter((line) => /security_exception|unauthorized/i.test(line))).toEqual([]);
  });

  it('kibana_system may not write metrics-go_runtime.*, which is why go_runtime.writer exists', async () => {
    const error = await as('kibana_system')
      .index({
        index: 'metrics-go_runtime.heap-security',
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

  it('gives a user whose Elasticsearch role cannot read metrics-go_runtime.* a 403 that says so, not a 500', async () => {
    const response = await heapSeries('go_viewer_no_data');
    expect(response).toEqual({
      status: 403,
      body: {
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringMatching(
          /^Your Elasticsearch role may not read the Go Runtime data \(index privilege "read" on metrics-go_runtime\.\*\).*unauthorized for user \[go_viewer_no_data\]/
        ),
      },
    });
  });
});

/**
 * The `.security` index exists in the dev cluster (dev.es.analysis.SecurityIndexAnalysisPlugin
 * registers the analysis components its `email` analyzer names), so API keys work as in a real
 * deployment: Kibana grants them as its own identity for a user, and they carry that user's roles.
 */
describe('API keys in the secured dev cluster', () => {
  const withApiKey = (encoded: string) => new Client({ node: es.url, auth: { apiKey: encoded } });

  it('has synced the built-in roles into .security', async () => {
    // A query over roles only finds what is in the index; the reserved ones are there once
    // the synchronizer could create it. (No sort or name query: those use painless.)
    const reserved = await superuser.transport.request<{ total: number }>({
      method: 'POST',
      path: '/_security/_query/role',
      body: { size: 0, query: { term: { 'metadata._reserved': true } } },
    });
    expect(reserved.total).toBeGreaterThan(0);
  });

  it('creates a key as elastic, authenticates with it, and refuses it once invalidated', async () => {
    const key = await superuser.security.createApiKey({ name: 'integration-elastic' });
    const client = withApiKey(key.encoded);
    try {
      await expect(client.security.authenticate()).resolves.toMatchObject({
        username: 'elastic',
        authentication_type: 'api_key',
        api_key: { id: key.id, name: 'integration-elastic' },
      });
      const invalidated = await superuser.security.invalidateApiKey({ ids: [key.id] });
      expect(invalidated).toMatchObject({ invalidated_api_keys: [key.id], error_count: 0 });
      await expect(client.security.authenticate()).rejects.toMatchObject({ statusCode: 401 });
    } finally {
      await client.close();
    }
  });

  it("grants a key as kibana_system for a user, and the key reads with that user's roles only", async () => {
    const grant = (username: string) =>
      as('kibana_system').security.grantApiKey({
        grant_type: 'password',
        username,
        password: ES_PASSWORD,
        api_key: { name: `integration-grant-${username}` },
      });
    const [reader, noData] = await Promise.all([grant('go_viewer'), grant('go_viewer_no_data')]);
    const readerClient = withApiKey(reader.encoded);
    const noDataClient = withApiKey(noData.encoded);
    const search = (client: Client) =>
      client.search({ index: 'metrics-go_runtime.heap-*', size: 0, allow_no_indices: true });
    try {
      await expect(readerClient.security.authenticate()).resolves.toMatchObject({
        username: 'go_viewer',
        authentication_type: 'api_key',
      });
      await expect(search(readerClient)).resolves.toHaveProperty('hits');
      const refused = await search(noDataClient).catch((e: unknown) => e);
      expect(refused).toMatchObject({ statusCode: 403 });
      expect(String((refused as Error).message)).toMatch(
        new RegExp(`unauthorized for API key id \\[${noData.id}\\] of user \\[go_viewer_no_data\\]`)
      );

      // Kibana invalidates a rule's old key as its own identity, though the key is the user's:
      // the kibana_system role has the cluster action api_key/invalidate for that.
      await as('kibana_system').security.invalidateApiKey({ ids: [reader.id, noData.id] });
      await expect(readerClient.security.authenticate()).rejects.toMatchObject({
        statusCode: 401,
      });
    } finally {
      await Promise.all([readerClient.close(), noDataClient.close()]);
    }
  });
});
