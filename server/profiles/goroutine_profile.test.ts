import { isProgramCode, summarizeGoroutines, MAX_GOROUTINE_GROUPS } from './goroutine_profile';

describe('summarizeGoroutines', () => {
  it('ranks the groups by count and counts the groups past the cap', () => {
    const groups = Array.from({ length: MAX_GOROUTINE_GROUPS + 3 }, (_, i) =>
      [
        `${i + 1} @ 0x1 0x2`,
        '#\t0x1\truntime.gopark+0x1\t/go/src/runtime/proc.go:1',
        `#\t0x2\tgithub.com/acme/app.worker${i}+0x2\t/app/w.go:${i + 1}`,
        '',
      ].join('\n')
    );
    const total = groups.reduce((sum, _, i) => sum + i + 1, 0);
    const summary = summarizeGoroutines(`goroutine profile: total ${total}\n${groups.join('\n')}`);
    expect(summary.total).toBe(total);
    expect(summary.groups_total).toBe(MAX_GOROUTINE_GROUPS + 3);
    expect(summary.groups[0]).toMatchObject({
      count: MAX_GOROUTINE_GROUPS + 3,
      function: `github.com/acme/app.worker${MAX_GOROUTINE_GROUPS + 2}`,
      top_frame: 'runtime.gopark',
    });
    expect(summary.groups_cut).toBe(3);
    expect(summary.goroutines_cut).toBe(1 + 2 + 3);
  });

  it("tells the program's own code from Go's standard library", () => {
    expect(isProgramCode('main.leak')).toBe(true);
    expect(isProgramCode('github.com/acme/app.(*S).Run')).toBe(true);
    expect(isProgramCode('runtime.gopark')).toBe(false);
    expect(isProgramCode('net/http.(*conn).serve')).toBe(false);
    expect(isProgramCode('sync.(*WaitGroup).Wait')).toBe(false);
  });
});
