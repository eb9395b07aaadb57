import fc from 'fast-check';
import type { JsonValue } from '../parse/lossless_json';
import { BUILT_IN_VARS, flattenCustomVars } from './custom_vars';

/** The earlier implementation: every leaf named and sorted, then the first maxVars kept. */
function flattenEverything(vars: Record<string, JsonValue>, maxVars: number) {
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const leaves: Array<[string, JsonValue]> = [];
  const visit = (pointer: string, value: JsonValue) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(`${pointer}/${index}`, item));
    else if (value !== null && typeof value === 'object')
      for (const key of Object.keys(value).sort()) visit(`${pointer}/${escape(key)}`, value[key]!);
    else leaves.push([pointer, value]);
  };
  for (const key of Object.keys(vars).sort())
    if (!BUILT_IN_VARS.has(key)) visit(`/${escape(key)}`, vars[key]!);
  return { kept: leaves.slice(0, maxVars).map(([name]) => name), total: leaves.length };
}

describe('flattenCustomVars', () => {
  it('flattens any shape into numeric metrics and string labels, by JSON Pointer', () => {
    const flat = flattenCustomVars(
      {
        memstats: { HeapAlloc: 1 },
        cmdline: ['./app'],
        'cache.hits': 12,
        'http:requests': { 'GET /': 3, 'a/b~c': 1.5 },
        queue: [1, 2],
        version: 'v1.2.3',
        enabled: true,
        nothing: null,
        huge: 9_007_199_254_740_993n,
      },
      500
    );
    expect(flat.metrics).toEqual([
      { name: '/cache.hits', value: 12 },
      { name: '/http:requests/GET ~1', value: 3 },
      { name: '/http:requests/a~1b~0c', value: 1.5 },
      { name: '/huge', value: 9_007_199_254_740_992 },
      { name: '/queue/0', value: 1 },
      { name: '/queue/1', value: 2 },
    ]);
    expect(flat.labels).toEqual({
      '/enabled': 'true',
      '/huge': '9007199254740993',
      '/version': 'v1.2.3',
    });
    expect(flat).toMatchObject({ total: 9, dropped: 0 });
  });

  it('sends a var to the same fixed fields whether it is an int, a float, a string or a map', () => {
    expect(flattenCustomVars({ v: 1 }, 10).metrics).toEqual([{ name: '/v', value: 1 }]);
    expect(flattenCustomVars({ v: 1.5 }, 10).metrics).toEqual([{ name: '/v', value: 1.5 }]);
    expect(flattenCustomVars({ v: 'high' }, 10).labels).toEqual({ '/v': 'high' });
    expect(flattenCustomVars({ v: { a: 1 } }, 10).metrics).toEqual([{ name: '/v/a', value: 1 }]);
  });

  it('caps the number of vars, keeps the same ones every scrape, and counts the rest', () => {
    const vars = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`k${String(i).padStart(4, '0')}`, i])
    );
    const flat = flattenCustomVars(vars, 500);
    expect(flat.metrics).toHaveLength(500);
    expect(flat.metrics[0]).toEqual({ name: '/k0000', value: 0 });
    expect(flat.metrics[499]).toEqual({ name: '/k0499', value: 499 });
    expect(flat).toMatchObject({ total: 5000, dropped: 4500 });
  });

  it('keeps the same leaves as naming and sorting every leaf would, and counts the same total', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 4 })),
        fc.integer({ min: 0, max: 40 }),
        (vars, cap) => {
          const flat = flattenCustomVars(vars as Record<string, JsonValue>, cap);
          const reference = flattenEverything(vars as Record<string, JsonValue>, cap);
          const named = new Set([
            ...flat.metrics.map((metric) => metric.name),
            ...Object.keys(flat.labels),
          ]);
          // null leaves are kept (and counted) but carry nothing, so compare the named ones.
          expect([...named].sort()).toEqual(
            reference.kept.filter((name) => named.has(name) || !isNullAt(vars, name)).sort()
          );
          expect(flat.total).toBe(reference.total);
          expect(flat.dropped).toBe(reference.total - Math.min(cap, reference.total));
        }
      ),
      { numRuns: 500 }
    );
  });

  it('walks only to the cap: 700 k keys of one map, 500 kept, the rest counted without names', () => {
    const vars = { m: Object.fromEntries(Array.from({ length: 700_000 }, (_, i) => [`v${i}`, i])) };
    // What it costs against naming and sorting every leaf is measured by
    // test/bench/event_loop_blocking.ts; here, what it keeps and counts.
    const flat = flattenCustomVars(vars, 500);
    expect(flat.metrics.slice(0, 3)).toEqual([
      { name: '/m/v0', value: 0 },
      { name: '/m/v1', value: 1 },
      { name: '/m/v10', value: 10 },
    ]);
    expect(flat.metrics).toHaveLength(500);
    expect(flat).toMatchObject({ total: 700_000, dropped: 699_500 });
  });

  it('reports a var nested deeper than the limit, with its pointer and the depth', () => {
    let deep: JsonValue = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    expect(flattenCustomVars({ a: 1, deep }, 500, 64).tooDeep).toEqual({
      pointer:
        '/deep/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0',
      depth: 201,
    });
    // Beyond the cap too: the count walk is bounded by the same limit.
    expect(flattenCustomVars({ a: 1, deep }, 0, 64).tooDeep?.depth).toBe(201);
  });
});

function isNullAt(vars: Record<string, unknown>, pointer: string): boolean {
  let node: unknown = vars;
  for (const token of pointer.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node === null;
}
