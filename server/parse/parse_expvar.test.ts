import { isLeft, isRight } from 'fp-ts/Either';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { BAD_PAYLOADS } from '../../test/fixtures/payloads/bad_payloads';
import { parseExpvar } from './parse_expvar';

const memstats = {
  Alloc: 1, TotalAlloc: 2, Sys: 3, Lookups: 0, Mallocs: 5, Frees: 4, HeapAlloc: 1, HeapSys: 8, HeapIdle: 6, HeapInuse: 2,
  HeapReleased: 1, HeapObjects: 1, StackInuse: 1, StackSys: 1, NextGC: 4194304, PauseTotalNs: 1000, NumGC: 3, GCCPUFraction: 0.001,
  MSpanInuse: 1, MSpanSys: 2, MCacheInuse: 1, MCacheSys: 2, BuckHashSys: 3, GCSys: 4, OtherSys: 5, LastGC: 1, NumForcedGC: 0,
  PauseNs: [10, 20, 30],
};

function body(text: string, contentType = 'application/json; charset=utf-8', status = 200): FetchedBody {
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
    expect(isRight(parsed) && parsed.right.vars.requests).toBe(3);
  });

  it('keeps LastGC beyond 2^53 exact, where JSON.parse would round it', () => {
    const text = JSON.stringify({ memstats }).replace('"LastGC":1', '"LastGC":1795322863123456789');
    expect(Number(JSON.parse(text).memstats.LastGC).toString()).not.toBe('1795322863123456789');
    const parsed = parseExpvar(body(text));
    expect(isRight(parsed) && parsed.right.memstats?.LastGC).toBe(1795322863123456789n);
  });

  it.each(BAD_PAYLOADS.map((payload) => [payload.name, payload] as const))('rejects %s with the error the user sees', (_name, payload) => {
    const error = errorOf(body(payload.body, payload.contentType));
    expect(error.kind).toBe(payload.kind);
    expect(error.message).toContain(payload.message);
  });

  it.each([
    ['a 500 error page', body('<h1>500</h1>', 'text/html', 500), 'http_status', 'HTTP 500 with an HTML page'],
    ['a 404', body('404 page not found', 'text/plain', 404), 'http_status', 'HTTP 404'],
  ])('rejects %s', (_name, fetched, kind, message) => {
    const error = errorOf(fetched);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
  });
});
