import { startHostProcess, uniquePrefix, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

let host: HostProcess;

beforeAll(async () => {
  // A cap of 6, so that one bulk request can reach it.
  host = await startHostProcess({
    indexPrefix: uniquePrefix('bulk_create'),
    pluginConfig: { targets: { max: 6 } },
  });
});
afterAll(async () => {
  await host?.stop();
});

const target = (name: string, url: string) => ({
  name,
  service_name: 'bulk',
  url,
  interval: '10s',
  enabled: false,
});
const url = (port: number) => `http://127.0.0.1:${port}/debug/vars`;

it('creates exactly the valid items of a bulk create and answers for each item', async () => {
  const existing = await host.request('POST', '/api/go_runtime/targets', {
    body: target('existing', url(7100)),
  });
  expect(existing.status).toBe(200);

  const answer = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: {
      targets: [
        target('a', url(7101)),
        target('b', url(7102)),
        // The same URL as item 0, spelled otherwise: a duplicate of an earlier item.
        target('a-again', 'HTTP://127.0.0.1:7101/debug/vars'),
        // Refused by the default scrape policy (cloud metadata).
        target('metadata', 'http://169.254.169.254/latest/meta-data/'),
        target('existing-again', url(7100)),
        target('c', url(7103)),
        target('d', url(7104)),
        target('e', url(7105)),
        // The seventh target: beyond go_runtime.targets.max.
        target('f', url(7106)),
      ],
    },
  });
  expect(answer.status).toBe(200);
  expect(answer.body.total).toBe(9);
  expect(
    answer.body.created.map((item: { index: number; target: { name: string } }) => [
      item.index,
      item.target.name,
    ])
  ).toEqual([
    [0, 'a'],
    [1, 'b'],
    [5, 'c'],
    [6, 'd'],
    [7, 'e'],
  ]);
  const errors = answer.body.errors as Array<{ index: number; status: number; message: string }>;
  expect(errors.map((error) => [error.index, error.status])).toEqual([
    [2, 409],
    [3, 400],
    [4, 409],
    [8, 400],
  ]);
  const byIndex = new Map(errors.map((error) => [error.index, error.message]));
  const a = answer.body.created[0].target.id as string;
  expect(byIndex.get(2)).toContain(`exists already: [a] (id ${a})`);
  expect(byIndex.get(3)).toMatch(/^\[url\] is refused/);
  expect(byIndex.get(4)).toContain(`exists already: [existing] (id ${existing.body.id})`);
  expect(byIndex.get(8)).toMatch(/go_runtime\.targets\.max/);

  // Exactly the valid ones exist, once each, and a second identical request creates nothing.
  const names = async () =>
    (await host.request('GET', '/api/go_runtime/targets')).body.targets
      .map((t: { name: string }) => t.name)
      .sort();
  expect(await names()).toEqual(['a', 'b', 'c', 'd', 'e', 'existing']);
  const again = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: { targets: [target('a', url(7101)), target('g', url(7107))] },
  });
  expect(again.body.created).toEqual([]);
  expect(again.body.errors.map((error: { status: number }) => error.status)).toEqual([409, 400]);
  expect(await names()).toEqual(['a', 'b', 'c', 'd', 'e', 'existing']);

  // Deleting frees the URLs and the cap for the next bulk create.
  const ids = answer.body.created.map((item: { target: { id: string } }) => item.target.id);
  const deleted = await host.request('POST', '/api/go_runtime/targets/_bulk_delete', {
    body: { ids },
  });
  expect(deleted.body.succeeded).toHaveLength(5);
  const retried = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: { targets: [target('a', url(7101))] },
  });
  expect(retried.body.created).toHaveLength(1);
});

it('refuses a whole request that does not match the schema, or holds more than 1,000 targets', async () => {
  const invalid = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: { targets: [target('ok', url(7201)), { ...target('bad', url(7202)), interval: '10' }] },
  });
  expect(invalid.status).toBe(400);
  expect(invalid.body.message).toMatch(/^\[request body\]: .*interval/);

  const tooMany = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: {
      targets: Array.from({ length: 1001 }, (_, i) => target(`t${i}`, url(10_000 + i))),
    },
  });
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.message).toContain('takes at most 1000 targets per request; got 1001');

  const empty = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: { targets: [] },
  });
  expect(empty.status).toBe(400);
  const listed = await host.request('GET', '/api/go_runtime/targets');
  expect(listed.body.targets.map((t: { name: string }) => t.name)).not.toContain('ok');
});

it('answers a dry run with what a bulk create would do, by the same checks, and writes nothing', async () => {
  const list = async () => (await host.request('GET', '/api/go_runtime/targets')).body;
  const before = await list();
  const existing = before.targets[0] as { id: string; name: string; url: string };
  const items = [
    target('n1', url(7301)),
    target('metadata', 'http://169.254.169.254/latest/meta-data/'),
    target('existing-again', existing.url),
    target('n1-again', 'HTTP://127.0.0.1:7301/debug/vars'),
    ...[7302, 7303, 7304, 7305, 7306].map((port) => target(`n${port}`, url(port))),
  ];
  const answer = await host.request('POST', '/api/go_runtime/targets/_bulk_create?dry_run=true', {
    body: { targets: items },
  });
  expect(answer.status).toBe(200);
  expect(answer.body.dry_run).toBe(true);
  // Six distinct new URLs, and the slots go_runtime.targets.max (6) leaves, in request order.
  const slots = 6 - before.total;
  const fresh = [0, 4, 5, 6, 7, 8];
  expect(answer.body.would_create).toEqual(fresh.slice(0, slots).map((index) => ({ index })));
  const byIndex = new Map(
    answer.body.errors.map((error: { index: number; status: number; attributes: object }) => [
      error.index,
      [error.status, error.attributes],
    ])
  );
  expect(byIndex.get(1)).toEqual([
    400,
    {
      reason: 'denied_network',
      field: 'url',
      address: '169.254.169.254',
      network: '169.254.0.0/16',
    },
  ]);
  expect(byIndex.get(2)).toEqual([
    409,
    { reason: 'duplicate', field: 'url', existing: { id: existing.id, name: existing.name } },
  ]);
  expect(byIndex.get(3)).toEqual([
    409,
    { reason: 'duplicate_in_request', field: 'url', first_index: 0 },
  ]);
  for (const index of fresh.slice(slots))
    expect(byIndex.get(index)).toEqual([400, { reason: 'too_many_targets' }]);
  expect(await list()).toEqual(before);

  // The same request without dry_run creates what the dry run said it would.
  const real = await host.request('POST', '/api/go_runtime/targets/_bulk_create', {
    body: { targets: items },
  });
  expect(real.body.created.map((item: { index: number }) => ({ index: item.index }))).toEqual(
    answer.body.would_create
  );
  expect(real.body.errors.map((error: { index: number }) => error.index)).toEqual(
    answer.body.errors.map((error: { index: number }) => error.index)
  );
});
