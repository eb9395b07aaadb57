import * as t from 'io-ts';
import { exactValue, type JsonValue } from './lossless_json';
import { HEAP_FIELDS, type MemStatsNumericKey } from '../../common/heap_fields';
import { MAX_REPORTED_ERRORS, describeValue } from '../../common/io_ts_errors';
import type { CustomVars } from '../derive/custom_vars';

/**
 * A MemStats number in its Go type: an exact integer for uint64/uint32 (a safe-integer number,
 * or a bigint when beyond 2^53), a finite double for float64.
 */
export type MemStatsNumber = number | bigint;

/** The Go type of each MemStats field the heap table reads (runtime.MemStats, Go 1.22). */
type GoNumericType = 'uint64' | 'uint32' | 'float64';
const GO_TYPES: Record<MemStatsNumericKey, GoNumericType> = Object.fromEntries(
  HEAP_FIELDS.map((field) => [field.source, 'uint64'])
) as Record<MemStatsNumericKey, GoNumericType>;
GO_TYPES.Alloc = 'uint64';
GO_TYPES.NumGC = 'uint32';
GO_TYPES.NumForcedGC = 'uint32';
GO_TYPES.GCCPUFraction = 'float64';
const NUMERIC_KEYS = Object.keys(GO_TYPES) as MemStatsNumericKey[];

/** Go's pause rings are [256]uint64; a different length is not Go's MemStats. */
export const PAUSE_RING_LENGTH = 256;
/** runtime.MemStats.BySize is [61] today; 68 leaves room for future size classes. */
export const MAX_SIZE_CLASSES = 68;

const UINT64_LIMIT = 1n << 64n;
const UINT32_LIMIT = 2 ** 32;

const EXPECTED: Record<GoNumericType, string> = {
  uint64: 'uint64 (an integer from 0 to 2^64-1)',
  uint32: 'uint32 (an integer from 0 to 4294967295)',
  float64: 'float64 (a finite number)',
};

/** The value in its Go type, or undefined when it is not one. */
function asGoNumber(raw: JsonValue | undefined, type: GoNumericType): MemStatsNumber | undefined {
  if (typeof raw === 'number') {
    if (type === 'float64') return raw; // JSON.parse never yields NaN or Infinity
    if (!Number.isSafeInteger(raw) || raw < 0) return undefined; // 1.5, 1e30, -1
    return type === 'uint32' && raw >= UINT32_LIMIT ? undefined : raw;
  }
  if (typeof raw !== 'string') return undefined;
  const value = exactValue(raw);
  if (typeof value !== 'bigint') return undefined; // a JSON string, not a marked long integer
  if (type === 'float64') return Number(value);
  // uint32 fits a safe integer, so a long literal is always out of its range.
  return type === 'uint64' && value >= 0n && value < UINT64_LIMIT ? value : undefined;
}

export interface SizeClass {
  readonly Size: MemStatsNumber;
  readonly Mallocs: MemStatsNumber;
  readonly Frees: MemStatsNumber;
}

export type MemStats = { readonly [K in MemStatsNumericKey]: MemStatsNumber } & {
  /** Exact below 2^53 ns (104 days), which every real pause is; a double beyond. */
  readonly PauseNs: readonly number[];
  readonly PauseEnd: readonly MemStatsNumber[];
  readonly BySize?: readonly SizeClass[];
};

/**
 * Collects a few errors, each with its own sentence: a page with millions of bad values costs
 * the same few errors as a page with one. One more than is reported, so the message can say
 * that there are more.
 */
class Problems {
  readonly errors: t.ValidationError[] = [];
  constructor(private readonly context: t.Context) {}
  get full(): boolean {
    return this.errors.length > MAX_REPORTED_ERRORS;
  }
  add(path: string, expected: string, value: unknown): void {
    if (this.full) return;
    // A long integer is still marked here; the user reads its digits.
    const shown = typeof value === 'string' ? exactValue(value) : value;
    this.errors.push({ value, context: this.context, message: `[${path}]: expected ${expected}, got ${describeValue(shown)}` });
  }
}

function readNumber(problems: Problems, record: Record<string, JsonValue>, key: string, type: GoNumericType, path = key) {
  const value = asGoNumber(record[key], type);
  if (value === undefined) problems.add(path, EXPECTED[type], record[key]);
  return value;
}

/** A fixed-length uint64 ring; the length is checked before any element is looked at. */
function readRing(problems: Problems, record: Record<string, JsonValue>, key: 'PauseNs' | 'PauseEnd'): MemStatsNumber[] | undefined {
  const raw = record[key];
  const expected = `an array of exactly ${PAUSE_RING_LENGTH} uint64`;
  if (!Array.isArray(raw) || raw.length !== PAUSE_RING_LENGTH) {
    problems.add(key, expected, raw);
    return undefined;
  }
  const values: MemStatsNumber[] = new Array(PAUSE_RING_LENGTH);
  for (let i = 0; i < PAUSE_RING_LENGTH && !problems.full; i++) {
    const value = asGoNumber(raw[i], 'uint64');
    if (value === undefined) problems.add(`${key}.${i}`, EXPECTED.uint64, raw[i]);
    else values[i] = value;
  }
  return values;
}

function readSizeClasses(problems: Problems, raw: JsonValue | undefined): SizeClass[] | undefined {
  if (raw === undefined) return undefined;
  const expected = `an array of at most ${MAX_SIZE_CLASSES} size classes`;
  if (!Array.isArray(raw) || raw.length > MAX_SIZE_CLASSES) {
    problems.add('BySize', expected, raw);
    return undefined;
  }
  const classes: SizeClass[] = [];
  for (let i = 0; i < raw.length && !problems.full; i++) {
    const entry = raw[i];
    if (!isRecord(entry)) {
      problems.add(`BySize.${i}`, 'an object with Size, Mallocs and Frees', entry);
      continue;
    }
    const Size = readNumber(problems, entry, 'Size', 'uint32', `BySize.${i}.Size`);
    const Mallocs = readNumber(problems, entry, 'Mallocs', 'uint64', `BySize.${i}.Mallocs`);
    const Frees = readNumber(problems, entry, 'Frees', 'uint64', `BySize.${i}.Frees`);
    if (Size !== undefined && Mallocs !== undefined && Frees !== undefined) classes.push({ Size, Mallocs, Frees });
  }
  return classes;
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGoNumber(u: unknown, type: GoNumericType): boolean {
  if (typeof u === 'bigint') return type === 'uint64' && u >= 0n && u < UINT64_LIMIT;
  return typeof u === 'number' && asGoNumber(u, type) !== undefined;
}

/**
 * runtime.MemStats, each field checked against its Go type, from the output of
 * parseMarkedJson (long integers still marked). Written by hand rather than composed from
 * t.type/t.array: those validate every element of a 2.8 M-element array and collect an error
 * for each, where this checks lengths first and stops after a few errors.
 */
export const MemStats = new t.Type<MemStats, MemStats, unknown>(
  'memstats',
  (u): u is MemStats =>
    isRecord(u) &&
    NUMERIC_KEYS.every((key) => isGoNumber(u[key], GO_TYPES[key])) &&
    [u.PauseNs, u.PauseEnd].every((ring) => Array.isArray(ring) && ring.length === PAUSE_RING_LENGTH && ring.every((v) => isGoNumber(v, 'uint64'))),
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, `expected an object of Go's runtime.MemStats fields, got ${describeValue(u)}`);
    const problems = new Problems(c);
    const numbers: Partial<Record<MemStatsNumericKey, MemStatsNumber>> = {};
    for (const key of NUMERIC_KEYS) {
      if (problems.full) break;
      numbers[key] = readNumber(problems, u, key, GO_TYPES[key]);
    }
    const pauseNs = problems.full ? undefined : readRing(problems, u, 'PauseNs');
    const pauseEnd = problems.full ? undefined : readRing(problems, u, 'PauseEnd');
    const bySize = problems.full ? undefined : readSizeClasses(problems, u.BySize);
    if (problems.errors.length > 0) return t.failures(problems.errors);
    return t.success({
      ...(numbers as Record<MemStatsNumericKey, MemStatsNumber>),
      PauseNs: pauseNs!.map(Number),
      PauseEnd: pauseEnd!,
      ...(bySize === undefined ? {} : { BySize: bySize }),
    });
  },
  t.identity
);

export interface ExpvarPayload {
  /** Absent on a page that publishes cmdline and custom vars but not memstats. */
  readonly memstats: MemStats | undefined;
  readonly cmdline: readonly string[] | undefined;
  /** The application's own vars, already flattened and capped: only this crosses to derive. */
  readonly customVars: CustomVars;
}
