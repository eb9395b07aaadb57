import { isLeft, isRight } from 'fp-ts/Either';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { BAD_PAYLOADS } from '../../test/fixtures/payloads/bad_payloads';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { MemStats } from './expvar_payload';
import { parseExpvar } from './parse_expvar';

const memstats = {
  Alloc: 1,
  TotalAlloc: 2,
  Sys: 3,
  Lookups: 0,
  Mallocs: 5,
  Frees: 4,
  HeapAlloc: 1,
  HeapSys: 8,
  HeapIdle: 6,
  HeapInuse: 2,
  HeapReleased: 1,
  HeapObjects: 1,
  StackInuse: 1,
  StackSys: 1,
  NextGC: 4194304,
  PauseTotalNs: 1000,
  NumGC: 3,
  GCCPUFraction: 0.001,
  MSpanInuse: 1,
  MSpanSys: 2,
  MCacheInuse: 1,
  MCacheSys: 2,
  BuckHashSys: 3,
  GCSys: 4,
  OtherSys: 5,
  LastGC: 1,
  NumForcedGC: 0,
  PauseNs: [10, 20, 30, ...new Array<number>(253).fill(0)],
  PauseEnd: new Array<number>(256).fill(0),
};
/** memstats as JSON text with one field's literal replaced, as a Go program could write it. */
const page = (field: string, literal: string) =>
  JSON.stringify({ cmdline: ['./app'], memstats: { ...memstats, [field]: '@' } }).replace(
    '"@"',
    literal
  );

function body(
  text: string,
  contentType = 'application/json; charset=utf-8',
  status = 200
): FetchedBody {
  return { status, contentType, body: Buffer.from(text), durationMs: 1 };
}

function errorOf(fetched: FetchedBody) {
  const parsed = parseExpvar(fetched);
  if (!isLeft(parsed)) throw new Error('expected a parse error');
  return parsed.left;
}

describe('parseExpvar', () => {
  it('reads memstats and cmdline from an expvar page', () => {
    const parsed = parseExpvar(body(JSON.stringify({ cmdline: ['./app', '-v'], memstats })));
    expect(isRight(parsed) && parsed.right.memstats?.HeapAlloc).toBe(1);
    expect(isRight(parsed) && parsed.right.cmdline).toEqual(['./app', '-v']);
  });

  it('accepts a page with custom vars but no memstats', () => {
    const parsed = parseExpvar(body('{"cmdline":["./app"],"requests":3}'));
    expect(isRight(parsed) && parsed.right.memstats).toBeUndefined();
    expect(isRight(parsed) && parsed.right.customVars.metrics).toEqual([
      { name: '/requests', value: 3 },
    ]);
  });

  it('keeps LastGC beyond 2^53 exact, where JSON.parse would round it', () => {
    const text = JSON.stringify({ memstats }).replace('"LastGC":1', '"LastGC":1795322863123456789');
    expect(Number(JSON.parse(text).memstats.LastGC).toString()).not.toBe('1795322863123456789');
    const parsed = parseExpvar(body(text));
    expect(isRight(parsed) && parsed.right.memstats?.LastGC).toBe(1795322863123456789n);
  });

  it.each(BAD_PAYLOADS.map((payload) => [payload.name, payload] as const))(
    'rejects %s with the error the user sees',
    (_name, payload) => {
      const error = errorOf(body(payload.body, payload.contentType));
      expect(error.kind).toBe(payload.kind);
      expect(error.message).toContain(payload.message);
    }
  );

  // The review's inputs: each must be one short error naming the field, not a stored value
  // that breaks later runs.
  it.each([
    [
      'NumGC 100000000000000000',
      page('NumGC', '100000000000000000'),
      '[NumGC]: expected uint32 (an integer from 0 to 4294967295), got 100000000000000000',
    ],
    [
      'NumGC of 400 digits',
      page('NumGC', '9'.repeat(400)),
      '[NumGC]: expected uint32 (an integer from 0 to 4294967295), got a 400-digit number',
    ],
    [
      'NumGC 2^32',
      page('NumGC', '4294967296'),
      '[NumGC]: expected uint32 (an integer from 0 to 4294967295), got 4294967296',
    ],
    [
      'TotalAlloc 1.5',
      page('TotalAlloc', '1.5'),
      '[TotalAlloc]: expected uint64 (an integer from 0 to 2^64-1), got 1.5',
    ],
    [
      'TotalAlloc 1e30',
      page('TotalAlloc', '1e30'),
      '[TotalAlloc]: expected uint64 (an integer from 0 to 2^64-1), got 1e+30',
    ],
    [
      'TotalAlloc 2^64',
      page('TotalAlloc', '18446744073709551616'),
      '[TotalAlloc]: expected uint64 (an integer from 0 to 2^64-1), got 18446744073709551616',
    ],
    [
      'GCCPUFraction "x"',
      page('GCCPUFraction', '"x"'),
      '[GCCPUFraction]: expected float64 (a finite number), got "x"',
    ],
    [
      'a PauseNs of 255 entries',
      page('PauseNs', JSON.stringify(new Array(255).fill(1))),
      '[PauseNs]: expected an array of exactly 256 uint64, got an array of 255 items',
    ],
    [
      'PauseEnd missing',
      page('PauseEnd', 'null'),
      '[PauseEnd]: expected an array of exactly 256 uint64, got null',
    ],
    [
      '69 size classes',
      page('BySize', JSON.stringify(new Array(69).fill({ Size: 8, Mallocs: 1, Frees: 0 }))),
      '[BySize]: expected an array of at most 68 size classes, got an array of 69 items',
    ],
    [
      'a size class Size of -8',
      page('BySize', '[{"Size":-8,"Mallocs":1,"Frees":0}]'),
      '[BySize.0.Size]: expected uint32 (an integer from 0 to 4294967295), got -8',
    ],
  ])('rejects %s with one short error naming the field', (_name, text, message) => {
    const error = errorOf(body(text));
    expect(error.kind).toBe('not_expvar');
    expect(error.message).toBe(`"memstats" does not look like Go's runtime.MemStats: ${message}`);
  });

  it('keeps uint64 values up to 2^64-1 exact and GCCPUFraction a float', () => {
    const parsed = parseExpvar(
      body(
        page('TotalAlloc', '18446744073709551615').replace(
          '"GCCPUFraction":0.001',
          '"GCCPUFraction":0.000012345678901234567'
        )
      )
    );
    expect(isRight(parsed) && parsed.right.memstats?.TotalAlloc).toBe(18446744073709551615n);
    expect(isRight(parsed) && parsed.right.memstats?.GCCPUFraction).toBe(0.000012345678901234567);
  });

  it('rejects a PauseNs of 2.8 M entries of -1 by its length, in under 1 KB', () => {
    const ring = new Array<number>(2_800_000).fill(-1);
    // Not one element is looked at: the length decides (it was 19 s and 2 GB of messages).
    const looked = new Proxy(ring, {
      get: (target, key) =>
        key === 'length' ? target.length : (elements++, Reflect.get(target, key)),
    });
    let elements = 0;
    const decoded = MemStats.decode({ ...memstats, PauseNs: looked });
    expect(elements).toBeLessThan(10);
    expect(isLeft(decoded) && formatValidationErrors(decoded.left)).toBe(
      '[PauseNs]: expected an array of exactly 256 uint64, got an array of 2800000 items'
    );
    // As a whole 8 MiB page: the parse dominates, the message is the same.
    expect(errorOf(body(page('PauseNs', `[${ring.join(',')}]`))).message).toContain(
      'got an array of 2800000 items'
    );
  });

  it('reports three errors of a ring of 256 entries of -1, and says there are more', () => {
    const error = errorOf(body(page('PauseNs', `[${new Array(256).fill('-1').join(',')}]`)));
    expect(error.message).toBe(
      `"memstats" does not look like Go's runtime.MemStats: [PauseNs.0]: expected uint64 (an integer from 0 to 2^64-1), got -1; ` +
        '[PauseNs.1]: expected uint64 (an integer from 0 to 2^64-1), got -1; [PauseNs.2]: expected uint64 (an integer from 0 to 2^64-1), got -1; and more errors'
    );
    expect(error.message.length).toBeLessThan(1024);
  });

  it('keeps every error message short, even for a huge non-JSON body', () => {
    const error = errorOf(body(`{"a":${'1'.repeat(1024 * 1024)}x`));
    expect(error.message.length).toBeLessThan(1024);
  });

  it.each([
    [
      'a 500 error page',
      body('<h1>500</h1>', 'text/html', 500),
      'http_status',
      'HTTP 500 with an HTML page',
    ],
    ['a 404', body('404 page not found', 'text/plain', 404), 'http_status', 'HTTP 404'],
  ])('rejects %s', (_name, fetched, kind, message) => {
    const error = errorOf(fetched);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
  });
});
