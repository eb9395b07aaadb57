import zlib from 'node:zlib';
import { encodeHeapProfile } from '../../test/fixtures/pprof_profiles';
import { MAX_STACKS_PER_TYPE } from '../../common/profiles';
import { MAX_TOP_FUNCTIONS, summarizeHeapProfile } from './heap_profile';

const decode = (body: Buffer) => summarizeHeapProfile(zlib.gunzipSync(body));

describe('summarizeHeapProfile', () => {
  it('counts a recursive function once per stack towards its cumulative value', () => {
    const summary = decode(
      encodeHeapProfile([
        { stack: ['main.walk', 'main.walk', 'main.walk', 'main.main'], values: [1, 100, 1, 100] },
      ])
    );
    const inuse = summary.sample_types.inuse_space;
    expect(inuse.top_cum).toEqual([
      expect.objectContaining({ function: 'main.main', value: 100 }),
      expect.objectContaining({ function: 'main.walk', value: 100 }),
    ]);
    expect(inuse.top_flat).toEqual([
      expect.objectContaining({ function: 'main.walk', value: 100 }),
    ]);
    // The flame stack is root first, by index into the function table.
    const names = summary.stacks[0]!.frames.map((i) => summary.functions[i]!.function);
    expect(names).toEqual(['main.main', 'main.walk', 'main.walk', 'main.walk']);
  });

  it('keeps the top functions and heaviest stacks within their caps and counts what it cut', () => {
    const count = MAX_STACKS_PER_TYPE + 20;
    const samples = Array.from({ length: count }, (_, i) => ({
      stack: [`main.f${i}`, 'main.main'],
      values: [1, i + 1, 1, i + 1] as [number, number, number, number],
    }));
    const summary = decode(encodeHeapProfile(samples));
    const inuse = summary.sample_types.inuse_space;
    expect(inuse.top_flat).toHaveLength(MAX_TOP_FUNCTIONS);
    expect(inuse.top_flat[0]).toMatchObject({ function: `main.f${count - 1}`, value: count });
    expect(inuse.stacks_cut).toBe(20);
    // The 20 lightest stacks: values 1..20.
    expect(inuse.value_cut).toBe((20 * 21) / 2);
    expect(inuse.total).toBe((count * (count + 1)) / 2);
    expect(inuse.functions_cut).toBe(count + 1 - MAX_TOP_FUNCTIONS - 1);
  });
});
