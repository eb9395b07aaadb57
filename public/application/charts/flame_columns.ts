import type { ColumnarViewModel } from '@elastic/charts';
import { MAX_STACKS_PER_TYPE } from '../../../common/profiles';
import { isProgramCode } from '../../../common/program_code';

/** A stored profile's flame stacks: root-first indexes into its function table, values by type. */
export interface FlameInput {
  readonly functions: ReadonlyArray<{ readonly function: string }>;
  readonly stacks: ReadonlyArray<{
    readonly frames: readonly number[];
    readonly values: readonly number[];
  }>;
}

export interface FlameColumns {
  readonly columns: ColumnarViewModel;
  /** The whole-profile node (index 0) included. */
  readonly nodes: number;
}

interface TrieNode {
  readonly label: string;
  value: number;
  readonly children: Map<string, TrieNode>;
}

/** Own code (main, or a module path like github.com/...) warm, Go's runtime and library cool. */
const OWN_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [0.96, 0.62, 0.38],
  [0.93, 0.52, 0.33],
  [0.98, 0.7, 0.45],
  [0.9, 0.45, 0.3],
];
const GO_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [0.54, 0.71, 0.88],
  [0.45, 0.64, 0.84],
  [0.62, 0.77, 0.91],
  [0.4, 0.58, 0.8],
];
const ROOT_COLOR: readonly [number, number, number] = [0.75, 0.75, 0.78];

/**
 * The flame graph of one sample type as Elastic Charts' `Flame` takes it: one node per distinct
 * call path (root first, merged across stacks), laid out as an icicle (the whole profile on
 * top, callees below), each as wide as its share of the total. Node 0 is the whole profile and
 * node 1 its first child, since the chart reads the row height from those two.
 *
 * Only the type's own heaviest MAX_STACKS_PER_TYPE stacks are drawn: the stored stacks are the
 * union of every type's heaviest, and the type's stacks_cut and value_cut count what is not
 * among its own.
 */
export function flameColumns(
  input: FlameInput,
  typeIndex: number,
  rootLabel: string
): FlameColumns {
  const root: TrieNode = { label: rootLabel, value: 0, children: new Map() };
  let depth = 0;
  const heaviest = input.stacks
    .filter((stack) => (stack.values[typeIndex] ?? 0) > 0)
    .sort((a, b) => b.values[typeIndex]! - a.values[typeIndex]!)
    .slice(0, MAX_STACKS_PER_TYPE);
  for (const stack of heaviest) {
    const value = stack.values[typeIndex]!;
    root.value += value;
    let node = root;
    for (const index of stack.frames) {
      const label = input.functions[index]?.function ?? `#${index}`;
      let child = node.children.get(label);
      if (child === undefined) {
        child = { label, value: 0, children: new Map() };
        node.children.set(label, child);
      }
      child.value += value;
      node = child;
    }
    depth = Math.max(depth, stack.frames.length);
  }

  const ordered: Array<{ node: TrieNode; depth: number; x: number }> = [];
  // Depth first, heaviest child first (left), so the widest paths read from the left edge.
  const walk = (node: TrieNode, level: number, x: number) => {
    ordered.push({ node, depth: level, x });
    let offset = x;
    for (const child of [...node.children.values()].sort(
      (a, b) => b.value - a.value || (a.label < b.label ? -1 : 1)
    )) {
      walk(child, level + 1, offset);
      offset += child.value;
    }
  };
  walk(root, 0, 0);

  const n = ordered.length;
  const rows = depth + 1;
  const total = root.value > 0 ? root.value : 1;
  const label: string[] = new Array(n);
  const value = new Float64Array(n);
  const color = new Float32Array(4 * n);
  const position = new Float32Array(2 * n);
  const size = new Float32Array(n);
  ordered.forEach(({ node, depth: level, x }, i) => {
    label[i] = node.label;
    value[i] = node.value;
    position[2 * i] = x / total;
    position[2 * i + 1] = 1 - (level + 1) / rows;
    size[i] = node.value / total;
    const [r, g, b] = i === 0 ? ROOT_COLOR : colorOf(node.label);
    color.set([r, g, b, 1], 4 * i);
  });
  return {
    columns: {
      label,
      value,
      color,
      position0: position,
      position1: position,
      size0: size,
      size1: size,
    },
    nodes: n,
  };
}

function colorOf(name: string): readonly [number, number, number] {
  const palette = isProgramCode(name) ? OWN_COLORS : GO_COLORS;
  let hash = 0;
  for (const char of packageOf(name)) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return palette[Math.abs(hash) % palette.length]!;
}

function packageOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot < 0 ? name : name.slice(0, dot);
}

/**
 * What a search finds, beside the chart's own highlighting: the frames whose function name
 * contains the text (case-insensitive, as the chart searches by default) and the value of the
 * widest of them, the most the function accounts for on one path.
 */
export function flameSearch(
  columns: ColumnarViewModel,
  text: string
): { frames: number; functions: string[]; widest: number } {
  const needle = text.trim().toLowerCase();
  if (needle === '') return { frames: 0, functions: [], widest: 0 };
  const names = new Set<string>();
  let frames = 0;
  let widest = 0;
  // Node 0 is the whole profile, not a function.
  for (let i = 1; i < columns.label.length; i++) {
    const name = columns.label[i]!;
    if (!name.toLowerCase().includes(needle)) continue;
    frames++;
    names.add(name);
    widest = Math.max(widest, columns.value[i]!);
  }
  return { frames, functions: [...names].slice(0, 5), widest };
}
