/**
 * The Heap profile and Goroutines panel queries against the real Elasticsearch, on documents
 * the plugin's own profile document builder made from encoded profiles and goroutine dumps.
 */
import zlib from 'node:zlib';
import type { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { DEFAULT_NAMESPACE, PROFILE_DATASET, dataStreamName } from '../../common/data_streams';
import { MAX_GROWTH_ROWS } from '../../common/profile_pages';
import { summarizeGoroutines } from '../../server/profiles/goroutine_profile';
import { summarizeHeapProfile } from '../../server/profiles/heap_profile';
import { buildProfileDocument, type ProfileAttempt } from '../../server/profiles/profile_document';
import { queryGoroutines } from '../../server/queries/profile_goroutines_query';
import { queryHeapProfile } from '../../server/queries/profile_heap_query';
import { installIndexTemplates } from '../../server/storage/install_templates';
import { encodeHeapProfile, type TestSample } from '../fixtures/pprof_profiles';
import { esClient } from '../harness/documents';

jest.setTimeout(300_000);

let client: Client;
const es = () => client as unknown as ElasticsearchClient;
const run = Date.now().toString(36);
const SERVICE = `prof-${run}`;
const MINUTE = 60_000;
const start = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;

const origin = (instance: string) => ({
  targetId: `${SERVICE}-${instance}`,
  targetName: instance,
  serviceName: SERVICE,
  url: 'http://127.0.0.1:6060/debug/vars',
  spaceId: 'default',
  namespace: DEFAULT_NAMESPACE,
  periodMs: 10_000,
});

/** Heap samples at minute `m`: main.leak holds m MiB more each minute, main.steady the same. */
function heapAt(m: number, extra: TestSample[] = []): TestSample[] {
  return [
    {
      stack: ['main.leak', 'main.serve', 'main.main'],
      values: [m * 10, m * 2 ** 20, m * 10, m * 2 ** 20],
    },
    { stack: ['main.steady', 'main.main'], values: [500, 50 * 2 ** 20, 5, 8 * 2 ** 20] },
    ...extra,
  ];
}

function dump(blocked: number): string {
  const group = (count: number, fn: string, line: number) =>
    `${count} @ 0x1 0x2\n#\t0x1\truntime.gopark+0x1\t/go/src/runtime/proc.go:1\n#\t0x2\t${fn}+0x1\t/src/main.go:${line}\n`;
  return `goroutine profile: total ${blocked + 3}\n${group(
    blocked,
    'main.awaitReply',
    40
  )}\n${group(3, 'main.worker', 70)}\n`;
}

function attempt(
  kind: 'heap' | 'goroutine',
  at: number,
  summary: ProfileAttempt['result']
): ProfileAttempt {
  return {
    kind,
    slotMs: at,
    startedAt: new Date(at),
    durationMs: 5,
    periodMs: kind === 'heap' ? MINUTE : 10_000,
    result: summary,
  };
}

beforeAll(async () => {
  client = esClient();
  await installIndexTemplates(es(), { retention: '30d' });
  const index = dataStreamName(PROFILE_DATASET, DEFAULT_NAMESPACE);
  const operations: object[] = [];
  const add = (instance: string, a: ProfileAttempt) =>
    operations.push(
      { create: { _index: index, _id: `${SERVICE}-${instance}:${a.kind}:${a.slotMs}` } },
      buildProfileDocument(origin(instance), a)
    );
  for (let m = 1; m <= 5; m++) {
    const heap = summarizeHeapProfile(zlib.gunzipSync(encodeHeapProfile(heapAt(m))));
    add(
      'a',
      attempt('heap', start + m * MINUTE, { ok: true, bytes: 100, summary: { kind: 'heap', heap } })
    );
    add(
      'a',
      attempt('goroutine', start + m * MINUTE, {
        ok: true,
        bytes: 10,
        summary: { kind: 'goroutine', goroutine: summarizeGoroutines(dump(m * 20)) },
      })
    );
  }
  // Another instance whose newest heap profile is older: the panel shows instance a's.
  const other = summarizeHeapProfile(zlib.gunzipSync(encodeHeapProfile(heapAt(100))));
  add(
    'b',
    attempt('heap', start + 2 * MINUTE, {
      ok: true,
      bytes: 100,
      summary: { kind: 'heap', heap: other },
    })
  );
  // A failed read is kept as a document, but is not a profile to draw.
  add(
    'a',
    attempt('heap', start + 6 * MINUTE, {
      ok: false,
      error: { class: 'timeout', message: 'timed out' },
    })
  );
  const response = await client.bulk({ operations, refresh: true });
  expect(response.errors).toBe(false);
});
afterAll(async () => client?.close());

const request = (extra: object = {}) => ({
  from: start,
  to: start + 20 * MINUTE,
  service_name: SERVICE,
  ...extra,
});

describe('profile queries', () => {
  it('gives the last heap profile of the range and ranks the leaking function first in What grew', async () => {
    const response = await queryHeapProfile(es(), request(), 'default');
    if (!response.found) throw new Error('no heap profile found');
    expect(response.at).toBe(start + 5 * MINUTE);
    expect(response.instance).toBe('a');
    expect(response.profiles_in_range).toBe(5);
    expect(response.sample_types.inuse_space.total).toBe(5 * 2 ** 20 + 8 * 2 ** 20);
    const names = response.stacks[0]!.frames.map((i) => response.functions[i]!.function);
    expect(names[0]).toBe('main.main');
    expect(response.what_grew).not.toBeNull();
    expect(response.what_grew!.first_at).toBe(start + MINUTE);
    expect(response.what_grew!.rows[0]).toMatchObject({
      function: 'main.leak',
      file: '/src/main.go',
      inuse_space_growth: 4 * 2 ** 20,
      inuse_objects_growth: 40,
    });
    // main.steady held the same: it did not grow, so it is not listed.
    expect(response.what_grew!.rows.map((row) => row.function)).not.toContain('main.steady');
    expect(response.what_grew!.rows.length).toBeLessThanOrEqual(MAX_GROWTH_ROWS);
  });

  it('compares one instance when asked, and has no What grew with a single profile', async () => {
    const response = await queryHeapProfile(es(), request({ instance: 'b' }), 'default');
    expect(response).toMatchObject({
      found: true,
      instance: 'b',
      profiles_in_range: 1,
      what_grew: null,
    });
  });

  it('says when the service has no heap profile in the range (not an error)', async () => {
    expect(
      await queryHeapProfile(es(), request({ service_name: `${SERVICE}-none` }), 'default')
    ).toEqual({ found: false });
    expect(await queryHeapProfile(es(), request(), 'another-space')).toEqual({ found: false });
  });

  it('charts the goroutine count over time and the top groups of the last read with their growth', async () => {
    const response = await queryGoroutines(es(), request(), 'default');
    expect(response.lines.map((line) => line.instance)).toEqual(['a']);
    const counts = response.lines[0]!.points.map(([, value]) => value).filter((v) => v !== null);
    expect(Math.max(...(counts as number[]))).toBe(103);
    expect(response.last).toMatchObject({
      at: start + 5 * MINUTE,
      instance: 'a',
      total: 103,
      first_at: start + MINUTE,
    });
    expect(response.last!.groups[0]).toMatchObject({
      function: 'main.awaitReply',
      top_frame: 'runtime.gopark',
      count: 100,
      growth: 80,
      listed_in_first: true,
    });
    expect(response.last!.groups[1]).toMatchObject({
      function: 'main.worker',
      count: 3,
      growth: 0,
    });
  });

  it('has no goroutine read to show for a service without one', async () => {
    const response = await queryGoroutines(
      es(),
      request({ service_name: `${SERVICE}-none` }),
      'default'
    );
    expect(response.last).toBeNull();
    expect(response.lines).toEqual([]);
  });
});
