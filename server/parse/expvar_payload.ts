import * as t from 'io-ts';
import { exactValue, markedDigits, type JsonValue } from './lossless_json';
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
  const digits = markedDigits(raw); // an integer literal of 16+ digits, exact
  if (digits === undefined) return undefined;
  if (type === 'float64') return Number(digits);
  // uint32 fits in 10 digits, so a long literal is always out of its range.
  if (type === 'uint32' || !isUint64Digits(digits)) return undefined;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : BigInt(digits);
}

const UINT64_MAX_DIGITS = (UINT64_LIMIT - 1n).toString();

/** Whether decimal digits (no leading 0) are a uint64, without converting them. */
function isUint64Digits(digits: string): boolean {
  if (digits.charCodeAt(0) === 45 /* - */) return false;
  return (
    digits.length < UINT64_MAX_DIGITS.length ||
    (digits.length === UINT64_MAX_DIGITS.length && digits <= UINT64_MAX_DIGITS)
  );
}

export interface SizeClass {
  readonly Size: MemStatsNumber;
  readonly Mallocs: MemStatsNumber;
  readonly Frees: MemStatsNumber;
}

export type MemStats = { readonly [K in MemStatsNumericKey]: MemStatsNumber } & {
  /** Exact below 2^53 ns (104 days), which every real pause is; a double beyond. */
  readonly PauseNs: readonly number[];
  /**
   * When each GC in the ring ended, in Unix ns (beyond 2^53, so never a double): canonical
   * decimal digits, compared as they are. Restart detection reads one entry.
   */
  readonly PauseEnd: readonly string[];
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
  public get full(): boolean {
    return this.errors.length > MAX_REPORTED_ERRORS;
  }
  add(path: string, expected: string, value: unknown): void {
    if (this.full) return;
    // A long integer is still marked here; the user reads its digits.
    const shown = typeof value === 'string' ? exactValue(value) : value;
    this.errors.push({
      value,
      context: this.context,
      message: `[${path}]: expected ${expected}, got ${describeValue(shown)}`,
    });
  }
}

function readNumber(
  problems: Problems,
  record: Record<string, JsonValue>,
  key: string,
  type: GoNumericType,
  path = key
) {
  const value = asGoNumber(record[key], type);
  if (value === undefined) problems.add(path, EXPECTED[type], record[key]);
  return value;
}

/**
 * A fixed-length uint64 ring; the length is checked before any element is looked at. PauseNs
 * is read as numbers (exact below 2^53 ns), PauseEnd as decimal digits (exact, not converted).
 */
function readRing<T>(
  problems: Problems,
  record: Record<string, JsonValue>,
  key: 'PauseNs' | 'PauseEnd',
  /** Gets a safe integer as a number, a longer one as its digits. */
  read: (value: number | string) => T
): T[] | undefined {
  const raw = record[key];
  if (!Array.isArray(raw) || raw.length !== PAUSE_RING_LENGTH) {
    problems.add(key, `an array of exactly ${PAUSE_RING_LENGTH} uint64`, raw);
    return undefined;
  }
  const values: T[] = new Array(PAUSE_RING_LENGTH);
  for (let i = 0; i < PAUSE_RING_LENGTH && !problems.full; i++) {
    const item = raw[i];
    if (typeof item === 'number' && Number.isSafeInteger(item) && item >= 0) {
      values[i] = read(item);
    } else {
      const digits = markedDigits(item);
      if (digits !== undefined && isUint64Digits(digits)) values[i] = read(digits);
      else problems.add(`${key}.${i}`, EXPECTED.uint64, item);
    }
  }
  return values;
}

const asPause = (value: number | string): number => Number(value);
const asDigits = (value: number | string): string => String(value);

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
    if (Size !== undefined && Mallocs !== undefined && Frees !== undefined)
      classes.push({ Size, Mallocs, Frees });
  }
  return classes;
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The decoded form's check: exact integers in range, a finite double for float64. */
function isGoNumber(u: unknown, type: GoNumericType): boolean {
  if (typeof u === 'bigint') return type === 'uint64' && u >= 0n && u < UINT64_LIMIT;
  return (
    typeof u === 'number' &&
    (type === 'float64' ? Number.isFinite(u) : asGoNumber(u, type) !== undefined)
  );
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
    Array.isArray(u.PauseNs) &&
    u.PauseNs.length === PAUSE_RING_LENGTH &&
    u.PauseNs.every((v) => typeof v === 'number' && v >= 0) &&
    Array.isArray(u.PauseEnd) &&
    u.PauseEnd.length === PAUSE_RING_LENGTH &&
    u.PauseEnd.every((v) => typeof v === 'string' && /^(0|[1-9][0-9]*)$/.test(v)),
  (u, c) => {
    if (!isRecord(u))
      return t.failure(
        u,
        c,
        `expected an object of Go's runtime.MemStats fields, got ${describeValue(u)}`
      );
    const problems = new Problems(c);
    const numbers: Partial<Record<MemStatsNumericKey, MemStatsNumber>> = {};
    for (const key of NUMERIC_KEYS) {
      if (problems.full) break;
      numbers[key] = readNumber(problems, u, key, GO_TYPES[key]);
    }
    const pauseNs = problems.full ? undefined : readRing(problems, u, 'PauseNs', asPause);
    const pauseEnd = problems.full ? undefined : readRing(problems, u, 'PauseEnd', asDigits);
    const bySize = problems.full ? undefined : readSizeClasses(problems, u.BySize);
    if (problems.errors.length > 0) return t.failures(problems.errors);
    return t.success({
      ...(numbers as Record<MemStatsNumericKey, MemStatsNumber>),
      PauseNs: pauseNs!,
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
