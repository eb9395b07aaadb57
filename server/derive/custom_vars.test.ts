import { flattenCustomVars } from './custom_vars';

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
    expect(flat.labels).toEqual({ '/enabled': 'true', '/huge': '9007199254740993', '/version': 'v1.2.3' });
    expect(flat).toMatchObject({ total: 9, dropped: 0 });
  });

  it('sends a var to the same fixed fields whether it is an int, a float, a string or a map', () => {
    expect(flattenCustomVars({ v: 1 }, 10).metrics).toEqual([{ name: '/v', value: 1 }]);
    expect(flattenCustomVars({ v: 1.5 }, 10).metrics).toEqual([{ name: '/v', value: 1.5 }]);
    expect(flattenCustomVars({ v: 'high' }, 10).labels).toEqual({ '/v': 'high' });
    expect(flattenCustomVars({ v: { a: 1 } }, 10).metrics).toEqual([{ name: '/v/a', value: 1 }]);
  });

  it('caps the number of vars, keeps the same ones every scrape, and counts the rest', () => {
    const vars = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${String(i).padStart(4, '0')}`, i]));
    const flat = flattenCustomVars(vars, 500);
    expect(flat.metrics).toHaveLength(500);
    expect(flat.metrics[0]).toEqual({ name: '/k0000', value: 0 });
    expect(flat.metrics[499]).toEqual({ name: '/k0499', value: 499 });
    expect(flat).toMatchObject({ total: 5000, dropped: 4500 });
  });
});
