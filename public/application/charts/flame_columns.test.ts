import { MAX_STACKS_PER_TYPE } from '../../../common/profiles';
import { flameColumns, flameSearch } from './flame_columns';

const functions = ['main.main', 'main.leak', 'main.steady', 'runtime.malg'].map((name) => ({
  function: name,
}));
// Values per type: [alloc_objects, alloc_space, inuse_objects, inuse_space]
const stacks = [
  { frames: [0, 1], values: [1, 10, 1, 300] },
  { frames: [0, 2], values: [1, 90, 1, 100] },
  { frames: [0, 1, 3], values: [1, 5, 0, 0] },
];

describe('flameColumns', () => {
  it('merges stacks into call paths, root first, each as wide as its share', () => {
    const { columns, nodes } = flameColumns({ functions, stacks }, 3, 'all');
    expect(nodes).toBe(4);
    expect(columns.label).toEqual(['all', 'main.main', 'main.leak', 'main.steady']);
    expect([...columns.value]).toEqual([400, 400, 300, 100]);
    expect([...columns.size1]).toEqual([1, 1, 0.75, 0.25]);
    // The heavier child is left of the lighter one, under its parent.
    expect(columns.position1[2 * 2]).toBe(0);
    expect(columns.position1[2 * 3]).toBeCloseTo(0.75);
    // Icicle: the root on the top row; the chart reads the row height from nodes 0 and 1.
    expect(columns.position1[1]! - columns.position1[3]!).toBeCloseTo(1 / 3);
    expect(columns.color).toHaveLength(16);
  });

  it('leaves out stacks without a value of the sample type', () => {
    const { columns } = flameColumns({ functions, stacks }, 1, 'all');
    expect(columns.label).toContain('runtime.malg');
    expect(flameColumns({ functions, stacks }, 3, 'all').columns.label).not.toContain(
      'runtime.malg'
    );
  });

  it("draws the type's own heaviest stacks only, which its stacks_cut counts the rest against", () => {
    // A stored profile holds the union of each type's heaviest: here 2 × the cap, the
    // allocation and in-use orders reversed, each stack its own leaf function.
    const count = 2 * MAX_STACKS_PER_TYPE;
    const leaves = Array.from({ length: count }, (_, i) => ({ function: `main.f${i}` }));
    const union = leaves.map((_, i) => ({
      frames: [i],
      values: [1, i + 1, 1, count - i],
    }));
    const inuse = flameColumns({ functions: leaves, stacks: union }, 3, 'all');
    expect(inuse.nodes).toBe(1 + MAX_STACKS_PER_TYPE);
    expect(inuse.columns.label).toContain('main.f0');
    expect(inuse.columns.label).not.toContain(`main.f${count - 1}`);
    const alloc = flameColumns({ functions: leaves, stacks: union }, 1, 'all');
    expect(alloc.columns.label).toContain(`main.f${count - 1}`);
    expect(alloc.columns.label).not.toContain('main.f0');
  });

  it('draws an empty profile as its root alone', () => {
    const { columns, nodes } = flameColumns({ functions, stacks: [] }, 0, 'all');
    expect(nodes).toBe(1);
    expect(columns.label).toEqual(['all']);
  });
});

describe('flameSearch', () => {
  it('finds a function by part of its name, case-insensitively, but never the root', () => {
    const { columns } = flameColumns({ functions, stacks }, 3, 'all main');
    expect(flameSearch(columns, 'LEAK')).toEqual({
      frames: 1,
      functions: ['main.leak'],
      widest: 300,
    });
    expect(flameSearch(columns, 'all').frames).toBe(0);
    expect(flameSearch(columns, '  ').frames).toBe(0);
  });
});
