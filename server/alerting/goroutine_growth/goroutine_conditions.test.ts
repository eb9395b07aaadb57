import {
  countsByFunction,
  judgeCount,
  judgeGroupGrowth,
  worstOf,
  type GoroutineRead,
} from './goroutine_conditions';

/** Reads one second apart, each a list of [function, count] groups; total is their sum plus 3. */
function reads(...groups: Array<Array<[string, number]>>): GoroutineRead[] {
  return groups.map((list, i) => ({
    atMs: i * 1000,
    total: list.reduce((sum, [, count]) => sum + count, 3),
    groups: list.map(([fn, count]) => ({ function: fn, count })),
  }));
}

describe('goroutine conditions', () => {
  it('sums the groups blocked in one function, whatever stack reached it', () => {
    const [read] = reads([
      ['main.awaitReply', 5],
      ['net/http.(*conn).serve', 2],
      ['main.awaitReply', 4],
    ]);
    expect(countsByFunction(read!)).toEqual(
      new Map([
        ['main.awaitReply', 9],
        ['net/http.(*conn).serve', 2],
      ])
    );
  });

  it('count: above the threshold at the latest read, naming the largest group', () => {
    const seen = reads(
      [['main.awaitReply', 1]],
      [
        ['a.b', 2],
        ['main.awaitReply', 40],
      ]
    );
    expect(judgeCount('i-1', seen, 40)).toEqual({
      met: true,
      instance: 'i-1',
      total: 45,
      topFunction: 'main.awaitReply',
      groupCount: 40,
    });
    // Equal to the threshold is not above it.
    expect(judgeCount('i-1', seen, 45)?.met).toBe(false);
    expect(judgeCount('i-1', [], 1)).toBeUndefined();
  });

  it('group_growth: one function rising at each of the last N reads fires; a pause in the rise does not', () => {
    const leaking = reads(
      [['main.serve', 4]],
      [
        ['main.serve', 5],
        ['main.awaitReply', 1],
      ],
      [
        ['main.serve', 4],
        ['main.awaitReply', 3],
      ],
      [
        ['main.serve', 6],
        ['main.awaitReply', 7],
      ]
    );
    expect(judgeGroupGrowth('i-1', leaking, 3)).toMatchObject({
      met: true,
      topFunction: 'main.awaitReply',
      groupCount: 7,
      // Absent from the first read: it counts 0 there, before the leak began.
      rise: { from: 0, intervals: 3 },
    });
    // 4, 5, 4, 6: not a rise at each read.
    const wobbling = reads(
      [['main.serve', 4]],
      [['main.serve', 5]],
      [['main.serve', 4]],
      [['main.serve', 6]]
    );
    expect(judgeGroupGrowth('i-1', wobbling, 3)?.met).toBe(false);
    const stopped = reads(
      [['main.awaitReply', 1]],
      [['main.awaitReply', 3]],
      [['main.awaitReply', 3]]
    );
    expect(judgeGroupGrowth('i-1', stopped, 2)).toEqual({
      met: false,
      instance: 'i-1',
      total: 6,
      topFunction: 'main.awaitReply',
      groupCount: 3,
    });
  });

  it('group_growth: only the last N + 1 reads count, and fewer reads decide nothing', () => {
    const seen = reads(
      [['main.awaitReply', 9]],
      [['main.awaitReply', 1]],
      [['main.awaitReply', 2]],
      [['main.awaitReply', 3]]
    );
    expect(judgeGroupGrowth('i-1', seen, 2)?.met).toBe(true);
    expect(judgeGroupGrowth('i-1', seen, 3)?.met).toBe(false);
    expect(judgeGroupGrowth('i-1', seen.slice(0, 2), 2)).toBeUndefined();
  });

  it('group_growth: of several growing groups, names the one that gained most', () => {
    const seen = reads(
      [
        ['a.slow', 1],
        ['b.fast', 1],
      ],
      [
        ['a.slow', 2],
        ['b.fast', 10],
      ],
      [
        ['a.slow', 3],
        ['b.fast', 20],
      ]
    );
    expect(judgeGroupGrowth('i-1', seen, 2)).toMatchObject({
      topFunction: 'b.fast',
      groupCount: 20,
    });
  });

  it("a service's verdict is its worst instance's: met first, then the larger group", () => {
    const quiet = judgeCount('i-1', reads([['main.x', 500]]), 1000)!;
    const busy = judgeCount('i-2', reads([['main.y', 1200]]), 1000)!;
    const busier = judgeCount('i-3', reads([['main.z', 1500]]), 1000)!;
    expect(worstOf([quiet, busy, busier])?.instance).toBe('i-3');
    expect(worstOf([quiet])).toBe(quiet);
    expect(worstOf([])).toBeUndefined();
  });
});
