import { generateKeyPairSync } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { esClient, scrapeHealthDocuments } from '../harness/documents';
import { startSecureFixture, type SecureFixture } from '../harness/secure_fixture';
import { startHostProcess, uniquePrefix, waitFor, type HostProcess } from '../harness/host_process';

jest.setTimeout(180_000);

// Every secret this test stores; none may come back from a route, a log line or a document.
const PASSWORD = 'pa55-basic-SECRET-7f3a';
const TOKEN = 'bearer-SECRET-token-91c2';
const HEADER_VALUE = 'header-SECRET-value-44d1';
const KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const SECRETS = [PASSWORD, TOKEN, HEADER_VALUE, KEY, KEY.split('\n')[1]!];

let host: HostProcess;
let prefix: string;
let basic: SecureFixture;
let bearer: SecureFixture;
let tls: SecureFixture;
let otherTls: SecureFixture;
let client: Client;
const responses: string[] = [];

beforeAll(async () => {
  client = esClient();
  prefix = uniquePrefix('secrets');
  host = await startHostProcess({ indexPrefix: prefix });
  [basic, bearer, tls, otherTls] = await Promise.all([
    startSecureFixture({ basicAuth: `scraper:${PASSWORD}` }),
    startSecureFixture({ bearer: TOKEN, header: `X-Api-Key:${HEADER_VALUE}` }),
    startSecureFixture({ tls: true }),
    startSecureFixture({ tls: true }),
  ]);
});
afterAll(async () => {
  await Promise.all([host?.stop(), basic?.stop(), bearer?.stop(), tls?.stop(), otherTls?.stop()]);
  await client?.close();
});

/** Every answer is kept, to be searched for secrets at the end. */
async function call(method: string, route: string, body?: object) {
  const response = await host.request(method, route, body === undefined ? {} : { body });
  responses.push(JSON.stringify(response.body ?? ''));
  return response;
}

async function create(name: string, url: string, extra: object) {
  const created = await call('POST', '/api/go_runtime/targets', {
    name,
    service_name: 'secure',
    url,
    interval: '1s',
    ...extra,
  });
  expect([name, created.status]).toEqual([name, 200]);
  return created.body;
}

const outcome = (id: string, wanted: (doc: any) => boolean) =>
  waitFor(`a matching health document of ${id}`, async () =>
    (await scrapeHealthDocuments(client, id)).find(wanted)
  );

it('scrapes Go programs behind basic auth, a bearer token with a header, and TLS with a generated CA; wrong ones fail as auth and tls', async () => {
  const good = await create('basic-ok', basic.varsUrl, {
    auth: { type: 'basic', username: 'scraper', password: PASSWORD },
  });
  expect(good.auth).toEqual({ type: 'basic', username: 'scraper', has_password: true });
  const wrong = await create('basic-wrong', `${basic.varsUrl}?x=1`, {
    auth: { type: 'basic', username: 'scraper', password: 'not-it' },
  });
  const token = await create('bearer-ok', bearer.varsUrl, {
    auth: { type: 'bearer', token: TOKEN },
    headers: { 'X-Api-Key': HEADER_VALUE },
  });
  expect(token).toMatchObject({
    auth: { type: 'bearer', has_token: true },
    headers: { 'X-Api-Key': { has_value: true } },
  });
  const full = await create('tls-full', tls.varsUrl, {
    tls: { verification_mode: 'full', ca: tls.caPem },
  });
  expect(full.tls).toEqual({ verification_mode: 'full', ca: tls.caPem, has_key: false });
  const wrongCa = await create('tls-wrong-ca', `${tls.varsUrl}?wrong-ca`, {
    tls: { verification_mode: 'full', ca: otherTls.caPem },
  });
  const noCa = await create('tls-no-ca', `${tls.varsUrl}?no-ca`, {});

  expect(
    (await outcome(good.id, (doc) => doc.event.outcome === 'success')).http.response.status_code
  ).toBe(200);
  const denied = await outcome(wrong.id, (doc) => doc.event.outcome === 'failure');
  expect(denied).toMatchObject({
    error: { type: 'auth' },
    http: { response: { status_code: 401 } },
  });
  expect(denied.service.address).toBe(basic.varsUrl);
  expect(await outcome(token.id, (doc) => doc.event.outcome === 'success')).toBeDefined();
  expect(
    (await outcome(full.id, (doc) => doc.event.outcome === 'success')).go_runtime.scrape.bytes
  ).toBeGreaterThan(1000);
  expect((await outcome(wrongCa.id, (doc) => doc.event.outcome === 'failure')).error.type).toBe(
    'tls'
  );
  expect((await outcome(noCa.id, (doc) => doc.event.outcome === 'failure')).error.type).toBe('tls');

  // An update that leaves the password out keeps it: the target goes on being scraped.
  const current = (await call('GET', `/api/go_runtime/targets/${good.id}`)).body;
  const updated = await call('PUT', `/api/go_runtime/targets/${good.id}`, {
    name: 'basic-ok-renamed',
    service_name: 'secure',
    url: basic.varsUrl,
    interval: '1s',
    version: current.version,
    auth: { type: 'basic', username: 'scraper' },
  });
  expect(updated.status).toBe(200);
  expect(updated.body.auth).toEqual({ type: 'basic', username: 'scraper', has_password: true });
  const renamedAt = Date.now();
  const after = await outcome(
    good.id,
    (doc) =>
      doc.go_runtime.target.name === 'basic-ok-renamed' && Date.parse(doc.event.start) > renamedAt
  );
  expect(after.event.outcome).toBe('success');
  // The same for the header given as null, and for the token left out.
  const tokenCurrent = (await call('GET', `/api/go_runtime/targets/${token.id}`)).body;
  const kept = await call('PUT', `/api/go_runtime/targets/${token.id}`, {
    name: 'bearer-ok',
    service_name: 'secure',
    url: bearer.varsUrl,
    interval: '1s',
    version: tokenCurrent.version,
    auth: { type: 'bearer' },
    headers: { 'X-Api-Key': null },
  });
  expect(kept.status).toBe(200);
  const keptAt = Date.now();
  expect(
    (await outcome(token.id, (doc) => Date.parse(doc.event.start) > keptAt)).event.outcome
  ).toBe('success');

  // A connection test with the same settings, nothing saved.
  const tested = await call('POST', '/api/go_runtime/targets/_test', {
    url: tls.varsUrl,
    tls: { verification_mode: 'full', ca: tls.caPem },
  });
  expect(tested.body).toMatchObject({ ok: true, status: 200, memstats: true });
  const testedWrong = await call('POST', '/api/go_runtime/targets/_test', {
    url: basic.varsUrl,
    auth: { type: 'basic', username: 'scraper', password: 'nope' },
  });
  expect(testedWrong.body).toMatchObject({ ok: false, status: 401, error: { class: 'auth' } });
});

it('tests an edited target with the stored secrets the form leaves out, and sends none back', async () => {
  const withPassword = await create('basic-stored', `${basic.varsUrl}?stored`, {
    auth: { type: 'basic', username: 'scraper', password: PASSWORD },
  });
  const withToken = await create('bearer-stored', `${bearer.varsUrl}?stored`, {
    auth: { type: 'bearer', token: TOKEN },
    headers: { 'X-Api-Key': HEADER_VALUE },
  });
  const test = (body: object) => call('POST', '/api/go_runtime/targets/_test', body);

  // Without the target, a password left out is missing, as on a create.
  const unnamed = await test({ url: basic.varsUrl, auth: { type: 'basic', username: 'scraper' } });
  expect(unnamed.status).toBe(400);
  expect(unnamed.body.attributes).toEqual({ reason: 'invalid', field: 'auth' });

  // Naming it, the stored password stands in; the Go program behind basic auth answers.
  const stored = await test({
    url: basic.varsUrl,
    target_id: withPassword.id,
    auth: { type: 'basic', username: 'scraper' },
  });
  expect(stored.body).toMatchObject({ ok: true, status: 200, memstats: true });
  // A password typed in replaces the stored one, as on an update.
  const typed = await test({
    url: basic.varsUrl,
    target_id: withPassword.id,
    auth: { type: 'basic', username: 'scraper', password: 'not-it' },
  });
  expect(typed.body).toMatchObject({ ok: false, status: 401, error: { class: 'auth' } });
  // The token and a header kept (null) the same way.
  const token = await test({
    url: bearer.varsUrl,
    target_id: withToken.id,
    auth: { type: 'bearer' },
    headers: { 'X-Api-Key': null },
  });
  expect(token.body).toMatchObject({ ok: true, status: 200 });
  // Stored secrets go only to their target's origin: tested elsewhere, they must be given again.
  const elsewhere = await test({
    url: bearer.varsUrl,
    target_id: withPassword.id,
    auth: { type: 'basic', username: 'scraper' },
  });
  expect(elsewhere.status).toBe(400);
  expect(elsewhere.body.message).toContain(
    `stored secrets are sent only to ${new URL(basic.varsUrl).origin}`
  );
  // So does an update that moves the target to another origin and leaves the password out.
  const { version } = (await call('GET', `/api/go_runtime/targets/${withPassword.id}`)).body;
  const moved = await call('PUT', `/api/go_runtime/targets/${withPassword.id}`, {
    version,
    name: 'basic-stored',
    service_name: 'secure',
    url: `${bearer.varsUrl}?moved`,
    interval: '1s',
    auth: { type: 'basic', username: 'scraper' },
  });
  expect(moved.status).toBe(400);
  expect(moved.body.message).toContain('give them again');
  const missing = await test({ url: basic.varsUrl, target_id: 'no-such-target' });
  expect(missing.status).toBe(404);
});

it('never returns, exports, logs or indexes a secret, and keeps only ciphertext in the saved object', async () => {
  // A client certificate's key too (the target stays disabled: the key is not the certificate's).
  const keyed = await create('with-key', `${tls.varsUrl}?key`, {
    enabled: false,
    tls: { verification_mode: 'certificate', ca: tls.caPem, certificate: tls.caPem, key: KEY },
  });
  expect(keyed.tls).toMatchObject({ verification_mode: 'certificate', has_key: true });
  await call('GET', '/api/go_runtime/targets');
  await call('GET', `/api/go_runtime/targets/${keyed.id}`);
  await call('POST', `/api/go_runtime/targets/${keyed.id}/_disable`);

  const listed = (await call('GET', '/api/go_runtime/targets')).body.targets;
  expect(listed.length).toBeGreaterThanOrEqual(7);
  await client.indices.refresh({ index: 'metrics-go_runtime.*', allow_no_indices: true });
  const documents = await client.search({
    index: 'metrics-go_runtime.*',
    size: 5000,
    query: { terms: { 'go_runtime.target.id': listed.map((t: { id: string }) => t.id) } },
  });
  expect(documents.hits.hits.length).toBeGreaterThan(10);
  const stored = await client.search({
    index: `${prefix}_saved_objects`,
    size: 100,
    query: { term: { type: 'go-runtime-target' } },
  });

  // Kibana's saved objects export: every target of the space, none of their secrets.
  const exported = await fetch(`${host.url}/api/saved_objects/_export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'kbn-xsrf': 'test' },
    body: JSON.stringify({ type: 'go-runtime-target' }),
  });
  expect(exported.status).toBe(200);
  const exportText = await exported.text();
  const exportLines = exportText
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(exportLines.at(-1)).toMatchObject({ exportedCount: listed.length });
  expect(
    exportLines
      .slice(0, -1)
      .map((o: { id: string }) => o.id)
      .sort()
  ).toEqual(listed.map((t: { id: string }) => t.id).sort());
  expect(
    exportLines.some(
      (o: { attributes?: { secrets?: unknown } }) => o.attributes?.secrets !== undefined
    )
  ).toBe(false);

  const haystacks: Array<[string, string]> = [
    ['saved objects export', exportText],
    ['route responses', responses.join('\n')],
    ['host log', host.logs.join('\n')],
    ['documents', JSON.stringify(documents.hits.hits)],
    ['saved objects in Elasticsearch', JSON.stringify(stored.hits.hits)],
  ];
  for (const [where, text] of haystacks)
    for (const secret of SECRETS) expect([where, text.includes(secret)]).toEqual([where, false]);
  // Scraped with them all the same: the log shows the scrapes, the failures name no secret.
  expect(host.logs.some((line) => line.includes('scrape of target [basic-wrong]'))).toBe(true);

  for (const hit of stored.hits.hits) {
    const attributes = (hit._source as Record<string, any>)['go-runtime-target'];
    if (attributes.secrets === undefined) continue;
    expect(typeof attributes.secrets).toBe('string');
    expect(Buffer.from(attributes.secrets, 'base64').length).toBeGreaterThan(28);
  }
  expect(
    stored.hits.hits.filter(
      (hit) => typeof (hit._source as any)['go-runtime-target'].secrets === 'string'
    ).length
  ).toBe(6); // basic-ok, basic-wrong, bearer-ok, basic-stored, bearer-stored, with-key
});

it('refuses to store secrets on a host without an encryption key, as Kibana does', async () => {
  const keyless = await startHostProcess({
    indexPrefix: uniquePrefix('nokey'),
    encryptionKey: null,
  });
  try {
    const refused = await keyless.request('POST', '/api/go_runtime/targets', {
      body: {
        name: 'k',
        service_name: 'k',
        url: basic.varsUrl,
        interval: '10s',
        auth: { type: 'basic', username: 'u', password: PASSWORD },
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/set xpack\.encryptedSavedObjects\.encryptionKey/);
    const plain = await keyless.request('POST', '/api/go_runtime/targets', {
      body: { name: 'k', service_name: 'k', url: basic.varsUrl, interval: '10s' },
    });
    expect(plain.status).toBe(200);
  } finally {
    await keyless.stop();
  }
});
