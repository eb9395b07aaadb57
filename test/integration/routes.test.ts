import { SavedObjectsRepository } from '../../dev/host/saved_objects/repository';
import { targetSavedObjectType } from '../../server/saved_objects/target_type';
import { esClient } from '../harness/documents';
import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(120_000);

let host: HostProcess;
beforeAll(async () => {
  host = await startHostProcess({ indexPrefix: uniquePrefix('routes') });
});
afterAll(async () => host?.stop());

const target = {
  name: 'r1',
  service_name: 'svc',
  url: 'http://127.0.0.1:1/debug/vars',
  interval: '30s',
};

describe('routes behave as Kibana routes do', () => {
  it.each([
    [{ ...target, interval: '10' }, '[request body]: [interval] must look like "10s"'],
    [{ ...target, intervall: '10s' }, '[request body]: unknown key: intervall'],
    [
      { ...target, url: 'file:///etc/passwd' },
      '[request body]: [url] must use http or https, got file',
    ],
    [
      { name: 'x' },
      '[request body]: [service_name] is required; [url] is required; [interval] is required',
    ],
    [
      { ...target, cmdline_mode: 'show' },
      '[request body]: [cmdline_mode]: expected "redact", "keep" or "omit", got "show"',
    ],
    [
      { ...target, max_custom_vars: -1 },
      '[request body]: [max_custom_vars] must be a whole number from 0 to 10000',
    ],
  ])('rejects an invalid body with a 400 that names the problem (%#)', async (body, message) => {
    const response = await host.request('POST', '/api/go_runtime/targets', { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining(message),
    });
  });

  it.each([
    [
      'http://169.254.169.254/latest/meta-data/',
      'the address 169.254.169.254 is in 169.254.0.0/16',
    ],
    ['http://2852039166/', 'the address 169.254.169.254 is in 169.254.0.0/16'],
    ['http://[::ffff:a9fe:a9fe]/', 'the address 169.254.169.254 is in 169.254.0.0/16'],
    ['http://[fd00:ec2::254]/', 'the address fd00:ec2::254 is in fd00:ec2::254/128'],
  ])(
    'refuses a URL whose literal address the scrape policy denies with a 400 naming the rule and the field (%s)',
    async (url, reason) => {
      const response = await host.request('POST', '/api/go_runtime/targets', {
        body: { ...target, name: 'denied', url },
      });
      expect(response.status).toBe(400);
      const [, address, network] = /the address (\S+) is in (\S+)/.exec(reason) ?? [];
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: `[request body]: [url] is refused: ${reason}, which go_runtime.scrape.deniedNetworks denies`,
        attributes: { reason: 'denied_network', field: 'url', address, network },
      });
      const listed = await host.request('GET', '/api/go_runtime/targets');
      expect(listed.body.targets.map((t: { name: string }) => t.name)).not.toContain('denied');
    }
  );

  it('rejects malformed JSON with a 400', async () => {
    const response = await host.request('POST', '/api/go_runtime/targets', { body: '{"name": ' });
    expect(response.status).toBe(400);
  });

  it('requires kbn-xsrf on writes', async () => {
    const response = await fetch(`${host.url}/api/go_runtime/targets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'elastic-api-version': '2023-10-31' },
      body: JSON.stringify(target),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      'Request must contain a kbn-xsrf header.'
    );
  });

  it("keeps internal routes for Kibana's own UI", async () => {
    const response = await host.request(
      'GET',
      `/internal/go_runtime/heap_series?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z`
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(
      'exists but is not available with the current configuration'
    );
  });

  it('enforces the feature privileges each route declares', async () => {
    expect(
      (await host.request('GET', '/api/go_runtime/targets', { user: 'go_viewer' })).status
    ).toBe(200);
    const denied = await host.request('POST', '/api/go_runtime/targets', {
      user: 'go_viewer',
      body: target,
    });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain(
      'this action is granted by the Kibana privileges [goRuntime-write]'
    );
    expect(
      (await host.request('GET', '/api/go_runtime/targets', { user: 'no_access' })).status
    ).toBe(403);
    expect(
      (await host.request('POST', '/api/go_runtime/targets', { user: 'go_admin', body: target }))
        .status
    ).toBe(200);
    expect(
      (
        await host.request('GET', '/api/go_runtime/targets', {
          user: 'elastic',
          headers: { authorization: 'Basic bad' },
        })
      ).status
    ).toBe(401);
  });

  it('stores the optional collection settings and returns defaults when absent', async () => {
    const kept = await host.request('POST', '/api/go_runtime/targets', {
      body: {
        ...target,
        name: 'r-keep',
        url: 'http://127.0.0.1:2/debug/vars',
        cmdline_mode: 'keep',
        max_custom_vars: 10,
      },
    });
    expect(kept.body).toMatchObject({ cmdline_mode: 'keep', max_custom_vars: 10 });
    const plain = await host.request('POST', '/api/go_runtime/targets', {
      body: { ...target, name: 'r-plain', url: 'http://127.0.0.1:3/debug/vars' },
    });
    expect(plain.body).toMatchObject({ cmdline_mode: 'redact', max_custom_vars: 500 });
  });

  it('answers 404 for a target that does not exist', async () => {
    const response = await host.request('GET', '/api/go_runtime/targets/nope');
    expect(response).toEqual({
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Target [nope] not found' },
    });
  });
});

describe('plugin configuration', () => {
  it('refuses to start on an invalid go_runtime config, naming the key', async () => {
    await expect(
      startHostProcess({
        indexPrefix: uniquePrefix('badcfg'),
        pluginConfig: { scrape: { timeoutMs: 1 } },
      })
    ).rejects.toThrow('[scrape.timeoutMs]: Value must be equal to or greater than [500].');
  });
  it('refuses to start on a denied network that is not a CIDR', async () => {
    await expect(
      startHostProcess({
        indexPrefix: uniquePrefix('badcidr'),
        pluginConfig: { scrape: { deniedNetworks: ['10.0.0.0/33'] } },
      })
    ).rejects.toThrow('[scrape.deniedNetworks.0]: [10.0.0.0/33] has a prefix length outside 0-32');
  });
});

describe('saved objects in Elasticsearch', () => {
  it('conflict (409) on an update with a stale version', async () => {
    const client = esClient();
    const index = `${uniquePrefix('so')}_saved_objects`;
    await client.indices.create({
      index,
      mappings: SavedObjectsRepository.mappings([targetSavedObjectType as never]) as never,
    });
    const repository = new SavedObjectsRepository(
      client,
      index,
      new Map([[targetSavedObjectType.name, targetSavedObjectType as never]])
    );
    const created = await repository.create(targetSavedObjectType.name, {
      ...target,
      enabled: true,
    });
    const first = await repository.update(
      targetSavedObjectType.name,
      created.id,
      { interval: '1m' },
      { version: created.version! }
    );
    expect(first.attributes).toMatchObject({ interval: '1m', name: 'r1' });
    await expect(
      repository.update(
        targetSavedObjectType.name,
        created.id,
        { interval: '5m' },
        { version: created.version! }
      )
    ).rejects.toMatchObject({
      output: { statusCode: 409 },
    });
    expect(
      (await repository.get<{ interval: string }>(targetSavedObjectType.name, created.id))
        .attributes.interval
    ).toBe('1m');

    // Without a version, as Kibana: a write that lost to a concurrent one merges again, so
    // concurrent partial updates of different attributes all land (before, one was a 409).
    const edits: Array<Record<string, unknown>> = [
      { interval: '2m' },
      { name: 'r1-renamed' },
      { service_name: 'svc-renamed' },
      { enabled: false },
    ];
    const results = await Promise.allSettled(
      edits.map((edit) => repository.update(targetSavedObjectType.name, created.id, edit))
    );
    expect(results.map((result) => result.status)).toEqual(edits.map(() => 'fulfilled'));
    expect((await repository.get(targetSavedObjectType.name, created.id)).attributes).toMatchObject(
      Object.assign({}, ...edits)
    );
    await client.close();
  });
});
