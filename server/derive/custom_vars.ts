import { exactValue, type JsonValue } from '../parse/lossless_json';

/** A numeric custom var, by JSON Pointer (RFC 6901), so keys with dots, colons or spaces stay unambiguous. */
export interface CustomMetric {
  readonly name: string;
  readonly value: number;
}

export interface CustomVars {
  readonly metrics: CustomMetric[];
  /** Strings and booleans, by JSON Pointer; exact text of integers beyond 2^53 too. */
  readonly labels: Record<string, string>;
  /** Leaves the target published. */
  readonly total: number;
  /** Leaves left out by the per-target cap, counted so nothing disappears silently. */
  readonly dropped: number;
}

/** A var nested deeper than the limit: where, and how deep the page goes there. */
export interface TooDeep {
  readonly pointer: string;
  readonly depth: number;
}

/** The vars Go's expvar package publishes itself; everything else is the application's. */
export const BUILT_IN_VARS = new Set(['memstats', 'cmdline']);
const MAX_LABEL_LENGTH = 1024;

function escapePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Flattens any JSON shape into leaves. Whatever a var does between scrapes (int → float →
 * string → map), each leaf lands in one of two fixed-mapped fields, so the mapping neither
 * breaks nor grows. Leaves are taken in sorted pointer order, so the cap keeps the same vars
 * from scrape to scrape.
 *
 * Only the kept leaves are materialised: once `maxVars` leaves are kept, the rest of the page
 * is only counted (no pointer strings, no sorting), and an object's keys are sorted only as
 * far as the cap reaches (the smallest few are selected, not all sorted). When `vars` comes
 * from parseMarkedJson, long integers are restored here, for the kept leaves only; when it
 * comes from JSON.parse, `inexact` says that a kept leaf is an integer beyond 2^53, rounded.
 *
 * The page object is depth 1. A value nested deeper than `maxDepth` stops the walk (the
 * recursion stays bounded) and is reported instead of flattened.
 */
export function flattenCustomVars(
  vars: Readonly<Record<string, JsonValue>>,
  maxVars: number,
  maxDepth = Infinity
): CustomVars & { tooDeep?: TooDeep; inexact?: true } {
  const walk = new Walk(Math.max(0, maxVars), maxDepth);
  walk.object('', vars, 1, BUILT_IN_VARS);
  const kept = Math.min(walk.total, walk.max);
  return {
    metrics: walk.metrics,
    labels: walk.labels,
    total: walk.total,
    dropped: walk.total - kept,
    ...(walk.tooDeep === undefined ? {} : { tooDeep: walk.tooDeep }),
    ...(walk.inexact ? { inexact: true as const } : {}),
  };
}

class Walk {
  readonly metrics: CustomMetric[] = [];
  readonly labels: Record<string, string> = {};
  /** Leaves seen, kept or not. */
  total = 0;
  tooDeep: TooDeep | undefined;
  /** A kept leaf is an integer double beyond 2^53: rounded, unless the page was parsed exactly. */
  inexact = false;

  constructor(public readonly max: number, private readonly maxDepth: number) {}

  private get room(): number {
    return this.max - this.total;
  }

  /** `depth` is the depth of `value` itself. */
  value(pointer: string, value: JsonValue, depth: number): void {
    if (this.tooDeep !== undefined) return;
    if (Array.isArray(value)) {
      if (depth > this.maxDepth) return this.deep(pointer, value, depth);
      let i = 0;
      for (; i < value.length && this.room > 0 && this.tooDeep === undefined; i++)
        this.value(`${pointer}/${i}`, value[i]!, depth + 1);
      for (; i < value.length && this.tooDeep === undefined; i++)
        this.count(pointer, value[i]!, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      if (depth > this.maxDepth) return this.deep(pointer, value, depth);
      this.object(pointer, value, depth);
    } else {
      this.leaf(pointer, value);
    }
  }

  /** Visits the keys in sorted order while there is room, then counts the others. */
  object(
    pointer: string,
    value: Readonly<Record<string, JsonValue>>,
    depth: number,
    skip?: ReadonlySet<string>
  ): void {
    const keys = Object.keys(value);
    let after: string | undefined;
    while (this.room > 0 && this.tooDeep === undefined) {
      // Each key holds at least zero leaves, so `room` keys are the most this pass can keep.
      const batch = smallestKeys(keys, this.room, after, skip);
      if (batch.length === 0) break;
      for (const key of batch) {
        if (this.tooDeep !== undefined) return;
        this.value(`${pointer}/${escapePointerToken(key)}`, value[key]!, depth + 1);
      }
      after = batch[batch.length - 1];
    }
    for (const key of keys) {
      if (this.tooDeep !== undefined) return;
      if ((after === undefined || key > after) && !skip?.has(key))
        this.count(pointer, value[key]!, depth + 1);
    }
  }

  /** Counts the leaves under a value without naming them; still bounded by the depth limit. */
  private count(pointer: string, value: JsonValue, depth: number): void {
    if (Array.isArray(value)) {
      if (depth > this.maxDepth) return this.deep(pointer, value, depth);
      for (let i = 0; i < value.length && this.tooDeep === undefined; i++) {
        const item = value[i]!;
        if (item === null || typeof item !== 'object') this.total++;
        else this.count(pointer, item, depth + 1);
      }
    } else if (value !== null && typeof value === 'object') {
      if (depth > this.maxDepth) return this.deep(pointer, value, depth);
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (this.tooDeep !== undefined) return;
        const item = value[key]!;
        if (item === null || typeof item !== 'object') this.total++;
        else this.count(pointer, item, depth + 1);
      }
    } else {
      this.total++;
    }
  }

  private leaf(name: string, raw: JsonValue): void {
    if (this.total++ >= this.max) return; // beyond the cap: counted only
    const value = exactValue(raw);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) && Number.isInteger(value)) this.inexact = true;
      this.metrics.push({ name, value });
    } else if (typeof value === 'bigint') {
      // Charted as a double; the exact digits are kept as a label.
      this.metrics.push({ name, value: Number(value) });
      this.labels[name] = value.toString();
    } else if (typeof value === 'string') {
      this.labels[name] =
        value.length > MAX_LABEL_LENGTH ? `${value.slice(0, MAX_LABEL_LENGTH - 1)}…` : value;
    } else if (typeof value === 'boolean') {
      this.labels[name] = String(value);
    }
    // null carries nothing to chart or search.
  }

  private deep(pointer: string, value: JsonValue, depth: number): void {
    this.tooDeep = { pointer: pointer || '/', depth: depth - 1 + nestingBelow(value) };
  }
}

/**
 * The `count` smallest keys greater than `after` (all keys when `after` is undefined), sorted.
 * A bounded max-heap keeps this O(n log count) instead of sorting every key of a large object.
 */
export function smallestKeys(
  keys: readonly string[],
  count: number,
  after: string | undefined,
  skip?: ReadonlySet<string>
): string[] {
  if (after === undefined && keys.length <= count)
    return (skip === undefined ? [...keys] : keys.filter((key) => !skip.has(key))).sort();
  const heap: string[] = [];
  for (const key of keys) {
    if ((after !== undefined && key <= after) || skip?.has(key)) continue;
    if (heap.length < count) {
      heap.push(key);
      siftUp(heap, heap.length - 1);
    } else if (key < heap[0]!) {
      heap[0] = key;
      siftDown(heap, 0);
    }
  }
  return heap.sort();
}

function siftUp(heap: string[], index: number): void {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (heap[parent]! >= heap[index]!) return;
    [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
    index = parent;
  }
}

function siftDown(heap: string[], index: number): void {
  for (;;) {
    const left = 2 * index + 1;
    const right = left + 1;
    let largest = index;
    if (left < heap.length && heap[left]! > heap[largest]!) largest = left;
    if (right < heap.length && heap[right]! > heap[largest]!) largest = right;
    if (largest === index) return;
    [heap[largest], heap[index]] = [heap[index]!, heap[largest]!];
    index = largest;
  }
}

/** Levels of objects and arrays at and below `value`, without recursion (it may be very deep). */
function nestingBelow(value: JsonValue): number {
  let deepest = 0;
  const stack: Array<[JsonValue, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > deepest) deepest = depth;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
