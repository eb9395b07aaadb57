import { whatGrew, type StoredHeapFigures } from './what_grew';

const heap = (
  space: Record<string, number>,
  objects: Record<string, number>,
  functions: StoredHeapFigures['functions'] = []
): StoredHeapFigures => ({
  inuse_space: {
    top_flat: Object.entries(space).map(([name, value]) => ({ function: name, value })),
  },
  inuse_objects: {
    top_flat: Object.entries(objects).map(([name, value]) => ({ function: name, value })),
  },
  functions,
});

describe('whatGrew', () => {
  it('ranks functions by in-use bytes growth, not by what they hold at the end', () => {
    const first = heap(
      { 'main.cache': 10_000_000, 'main.leak': 1_000 },
      { 'main.cache': 100, 'main.leak': 10 }
    );
    const last = heap(
      { 'main.cache': 10_500_000, 'main.leak': 4_000_000 },
      { 'main.cache': 105, 'main.leak': 40_000 },
      [{ function: 'main.leak', file: '/src/main.go', line: 42 }]
    );
    const rows = whatGrew(first, last);
    expect(rows.map((row) => row.function)).toEqual(['main.leak', 'main.cache']);
    expect(rows[0]).toEqual({
      function: 'main.leak',
      file: '/src/main.go',
      line: 42,
      inuse_space_growth: 3_999_000,
      inuse_objects_growth: 39_990,
      inuse_space_last: 4_000_000,
      inuse_objects_last: 40_000,
      listed_in_first: true,
    });
  });

  it('takes a function missing from the first profile as 0 there and says so', () => {
    const rows = whatGrew(heap({ 'main.a': 5 }, {}), heap({ 'main.a': 5, 'main.new': 7 }, {}));
    expect(rows[0]).toMatchObject({
      function: 'main.new',
      inuse_space_growth: 7,
      listed_in_first: false,
    });
    expect(rows[1]).toMatchObject({
      function: 'main.a',
      inuse_space_growth: 0,
      listed_in_first: true,
    });
  });

  it('puts what shrank or was freed last, with a negative growth', () => {
    const rows = whatGrew(heap({ 'main.freed': 900, 'main.b': 1 }, {}), heap({ 'main.b': 2 }, {}));
    expect(rows.map((row) => [row.function, row.inuse_space_growth])).toEqual([
      ['main.b', 1],
      ['main.freed', -900],
    ]);
  });

  it('breaks a tie in bytes by objects growth, then by name, so the order is stable', () => {
    const rows = whatGrew(
      heap({}, {}),
      heap({ 'main.z': 8, 'main.y': 8, 'main.x': 8 }, { 'main.z': 2, 'main.y': 1, 'main.x': 1 })
    );
    expect(rows.map((row) => row.function)).toEqual(['main.z', 'main.x', 'main.y']);
  });

  it('is empty for two empty profiles', () => {
    expect(whatGrew(heap({}, {}), heap({}, {}))).toEqual([]);
  });
});
