import {
  isProgramCode,
  summarizeGoroutines,
  MAX_GOROUTINE_GROUPS,
  MAX_GROUP_FRAMES,
} from './goroutine_profile';

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

  it("counts the frames past the cap, and names the program's own frame even among them", () => {
    const library = Array.from(
      { length: MAX_GROUP_FRAMES + 5 },
      (_, i) => `#\t0x${i}\tencoding/json.deep${i}+0x1\t/go/src/encoding/json/d.go:${i + 1}`
    );
    const dump = [
      'goroutine profile: total 7',
      '7 @ 0x1',
      ...library,
      '#\t0x99\tmain.decodeForever+0x1\t/app/main.go:42',
      '',
    ].join('\n');
    const [group] = summarizeGoroutines(dump).groups;
    expect(group!.frames).toHaveLength(MAX_GROUP_FRAMES);
    expect(group!.frames_cut).toBe(library.length + 1 - MAX_GROUP_FRAMES);
    expect(group).toMatchObject({
      function: 'main.decodeForever',
      file: '/app/main.go',
      line: 42,
      top_frame: 'encoding/json.deep0',
    });
  });

  it("tells the program's own code from Go's standard library", () => {
    expect(isProgramCode('main.leak')).toBe(true);
    expect(isProgramCode('github.com/acme/app.(*S).Run')).toBe(true);
    expect(isProgramCode('runtime.gopark')).toBe(false);
    expect(isProgramCode('net/http.(*conn).serve')).toBe(false);
    expect(isProgramCode('sync.(*WaitGroup).Wait')).toBe(false);
  });
});
