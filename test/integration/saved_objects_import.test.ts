import { generateKeyPairSync } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { esClient, scrapeHealthDocuments } from '../harness/documents';
import { startSecureFixture, type SecureFixture } from '../harness/secure_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

// The secrets the targets of space A hold; no line of the export may carry any of them.
const PASSWORD = 'import-basic-SECRET-2b7e';
const TOKEN = 'import-bearer-SECRET-90fa';
const HEADER_VALUE = 'import-header-SECRET-c3d8';
const KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const SECRETS = [PASSWORD, TOKEN, HEADER_VALUE, KEY, KEY.split('\n')[1]!];

const A = '/s/import-a';
const B = '/s/import-b';

let host: HostProcess;
let basic: SecureFixture;
let tls: SecureFixture;
let client: Client;

beforeAll(async () => {
  client = esClient();
  [host, basic, tls] = await Promise.all([
    startHostProcess({ indexPrefix: uniquePrefix('import') }),
    startSecureFixture({ basicAuth: `scraper:${PASSWORD}` }),
    startSecureFixture({ tls: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), basic?.stop(), tls?.stop()]);
  await client?.close();
});

async function exportTargets(space: string): Promise<string> {
  const exported = await fetch(`${host.url}${space}/api/saved_objects/_export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'test' },
    body: JSON.stringify({ type: 'go-runtime-target' }),
  });
  expect(exported.status).toBe(200);
  return exported.text();
}

async function importFile(space: string, ndjson: string, query = '', filename = 'export.ndjson') {
  const form = new FormData();
  form.append('file', new Blob([ndjson], { type: 'application/ndjson' }), filename);
  const response = await fetch(`${host.url}${space}/api/saved_objects/_import${query}`, {
    method: 'POST',
    headers: { 'kbn-xsrf': 'test' },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

it('exports the targets of space A without their secrets, imports them into space B, where they say the secrets are missing and are not scraped until given again', async () => {
  const create = async (body: object) => {
    const created = await host.request('POST', `${A}/api/go_runtime/targets`, {
      body: { service_name: 'imported', interval: '1s', ...body },
    });
    expect(created.status).toBe(200);
    return created.body;
  };
  const withPassword = await create({
    name: 'basic',
    url: basic.varsUrl,
    auth: { type: 'basic', username: 'scraper', password: PASSWORD },
  });
  await create({
    name: 'bearer-and-header',
    url: 'http://127.0.0.1:9/debug/vars',
    enabled: false,
    auth: { type: 'bearer', token: TOKEN },
    headers: { 'X-Api-Key': HEADER_VALUE },
  });
  await create({
    name: 'client-key',
    url: tls.varsUrl,
    enabled: false,
    tls: { verification_mode: 'certificate', ca: tls.caPem, certificate: tls.caPem, key: KEY },
  });
  await create({ name: 'plain', url: 'http://127.0.0.1:9/other', enabled: false });
  await waitFor('the basic target up in space A', async () => {
    const got = await host.request('GET', `${A}/api/go_runtime/targets/${withPassword.id}`);
    return got.body.health?.status === 'up' ? got.body : undefined;
  });

  const ndjson = await exportTargets(A);
  for (const secret of SECRETS) expect(ndjson.includes(secret)).toBe(false);
  const lines = ndjson
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const objects = lines.slice(0, -1);
  expect(objects).toHaveLength(4);
  // The export says which targets left their secrets behind (onExport), and carries none.
  expect(
    Object.fromEntries(objects.map((o) => [o.attributes.name, o.attributes.missing_secrets]))
  ).toEqual({
    basic: true,
    'bearer-and-header': true,
    'client-key': true,
    plain: undefined,
  });
  expect(objects.every((o) => o.attributes.secrets === undefined)).toBe(true);

  // Into space B: the ids live in space A, so each import gets a new id (Kibana's answer to a
  // multi-namespace object of another space), and goes into the request's space.
  const imported = await importFile(B, ndjson);
  expect(imported.status).toBe(200);
  expect(imported.body).toMatchObject({ success: true, successCount: 4 });
  expect(imported.body.errors).toBeUndefined();
  for (const result of imported.body.successResults) {
    expect(result.type).toBe('go-runtime-target');
    expect(typeof result.destinationId).toBe('string');
    expect(result.destinationId).not.toBe(result.id);
  }
  expect(imported.body.warnings).toEqual([
    expect.objectContaining({
      type: 'action_required',
      actionPath: '/app/goRuntime/targets',
      message: expect.stringContaining('3 Go runtime target(s) need their secrets'),
    }),
  ]);

  const inB = (await host.request('GET', `${B}/api/go_runtime/targets`)).body.targets;
  const byName = Object.fromEntries(inB.map((t: any) => [t.name, t]));
  expect(Object.keys(byName).sort()).toEqual(['basic', 'bearer-and-header', 'client-key', 'plain']);
  expect(byName.basic).toMatchObject({
    missing_secrets: true,
    enabled: true,
    auth: { type: 'basic', username: 'scraper', has_password: false },
  });
  expect(byName['bearer-and-header']).toMatchObject({
    missing_secrets: true,
    auth: { type: 'bearer', has_token: false },
    headers: { 'X-Api-Key': { has_value: false } },
  });
  expect(byName['client-key'].tls).toMatchObject({ has_key: false });
  expect(byName.plain.missing_secrets).toBeUndefined();
  // Space A is unchanged: its own targets, with their secrets.
  const inA = (await host.request('GET', `${A}/api/go_runtime/targets`)).body.targets;
  expect(inA).toHaveLength(4);
  expect(inA.every((t: any) => t.missing_secrets === undefined)).toBe(true);

  // The imported basic target is scraped as "down, auth: the password is missing", with no HTTP
  // status: nothing went to the Go program (it would have answered 401 to empty credentials).
  const importedBasic = byName.basic;
  const health = await waitFor('the imported target down for its missing password', async () => {
    const got = await host.request('GET', `${B}/api/go_runtime/targets/${importedBasic.id}`);
    return got.body.health?.status === 'down' ? got.body.health : undefined;
  });
  expect(health.last_error).toMatchObject({
    class: 'auth',
    message: expect.stringContaining('the password is missing'),
  });
  const failed = await waitFor('a health document of the missing password', async () =>
    (
      await scrapeHealthDocuments(client, importedBasic.id)
    ).find((doc: any) => doc.error?.type === 'auth')
  );
  expect(failed.event.outcome).toBe('failure');
  expect(failed.http).toBeUndefined();
  expect(failed['go_runtime.target.space_id'] ?? failed.go_runtime?.target?.space_id).toBe(
    'import-b'
  );

  // An update without the password is refused with what to do; with it, the target is whole.
  const {
    id,
    version,
    health: _h,
    auth: _a,
    headers: _hd,
    missing_secrets: _m,
    ...rest
  } = importedBasic;
  const withoutPassword = await host.request('PUT', `${B}/api/go_runtime/targets/${id}`, {
    body: { ...rest, version, auth: { type: 'basic', username: 'scraper' } },
  });
  expect(withoutPassword.status).toBe(400);
  expect(withoutPassword.body.message).toMatch(/\[auth\.password\] is required/);
  const fixed = await host.request('PUT', `${B}/api/go_runtime/targets/${id}`, {
    body: { ...rest, version, auth: { type: 'basic', username: 'scraper', password: PASSWORD } },
  });
  expect(fixed.status).toBe(200);
  expect(fixed.body.missing_secrets).toBeUndefined();
  expect(fixed.body.auth).toEqual({ type: 'basic', username: 'scraper', has_password: true });
  await waitFor('the imported target up once its password is given', async () => {
    const got = await host.request('GET', `${B}/api/go_runtime/targets/${id}`);
    return got.body.health?.status === 'up' ? got.body : undefined;
  });

  // Importing the same file into space A again: every object exists there, a conflict each;
  // with overwrite they are replaced (and lose their secrets, as the file has none).
  const again = await importFile(A, ndjson);
  expect(again.body).toMatchObject({ success: false, successCount: 0 });
  expect(again.body.errors.map((e: any) => e.error.type)).toEqual([
    'conflict',
    'conflict',
    'conflict',
    'conflict',
  ]);
  const copies = await importFile(A, ndjson, '?createNewCopies=true');
  expect(copies.body).toMatchObject({ success: true, successCount: 4 });
  const both = await importFile(A, ndjson, '?createNewCopies=true&overwrite=true');
  expect(both.status).toBe(400);
  expect(both.body.message).toMatch(/cannot use \[overwrite\] with \[createNewCopies\]/);
  const wrongFile = await importFile(B, ndjson, '', 'export.json');
  expect(wrongFile.status).toBe(400);
  expect(wrongFile.body.message).toBe('Invalid file extension .json');
  const unsupported = await importFile(
    B,
    `${JSON.stringify({ type: 'alert', id: 'x', attributes: { title: 'a rule' } })}\n`
  );
  expect(unsupported.body.errors).toEqual([
    expect.objectContaining({ id: 'x', error: { type: 'unsupported_type' } }),
  ]);
});
