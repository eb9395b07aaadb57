import type { MeasureUnit } from './format_measure';

/**
 * What a person types for a measure, read into the measure's base unit (the unit the stored
 * documents have and the rule executors compare in), and the way back: a stored value written
 * as the text a person would have typed, so a rule reopened shows `512 MiB`, not 536870912.
 *
 * Memory is in IEC units (KiB, MiB, GiB, TiB: powers of 1024), as Go reports it; SI KB/MB/GB
 * are refused rather than guessed. Durations take ns, µs (or us), ms and s. A fraction is
 * typed as a percentage (`5` or `5 %` is 0.05), as the GC CPU panel shows it. A comma is never
 * a decimal point: `1,5` is refused, so that it cannot silently become 15.
 */

export type MeasureInput =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: string };

export interface MeasureInputOptions {
  /** Only a custom metric or a rate of a gauge can go below zero; a size or a pause cannot. */
  readonly allowNegative?: boolean;
}

/** Scale factors as powers: 10^exp for decimal units (exact by shifting the decimal point), 1024^exp for IEC. */
interface Suffix {
  readonly names: readonly string[];
  readonly base: 10 | 1024;
  readonly exp: number;
}

const IEC: readonly Suffix[] = [
  { names: ['b', ''], base: 1024, exp: 0 },
  { names: ['kib'], base: 1024, exp: 1 },
  { names: ['mib'], base: 1024, exp: 2 },
  { names: ['gib'], base: 1024, exp: 3 },
  { names: ['tib'], base: 1024, exp: 4 },
];
const SI_BYTES = ['kb', 'mb', 'gb', 'tb', 'k', 'm', 'g', 't'];

/** Durations relative to nanoseconds; millis shifts them by 6. */
const DURATIONS_NS: readonly Suffix[] = [
  { names: ['ns'], base: 10, exp: 0 },
  { names: ['µs', 'μs', 'us'], base: 10, exp: 3 },
  { names: ['ms'], base: 10, exp: 6 },
  { names: ['s'], base: 10, exp: 9 },
];

const NUMBER = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*)$/;
// Beyond it two typed numbers can read as the same double (2^53 + 1 is 2^53).
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

function fail(error: string): MeasureInput {
  return { ok: false, error };
}

/** `text` times base^exp, exact for decimal shifts (Number('1.5e6')), exact for powers of two. */
function scaled(number: string, suffix: Suffix, shift = 0): number {
  if (suffix.base === 10) return Number(`${number}e${suffix.exp - shift}`);
  return Number(number) * suffix.base ** suffix.exp;
}

function suffixesOf(unit: MeasureUnit): { list: readonly Suffix[]; rate?: string } | undefined {
  switch (unit) {
    case 'bytes':
      return { list: IEC };
    case 'bytes_per_second':
      return { list: IEC, rate: '/s' };
    case 'bytes_per_hour':
      return { list: IEC, rate: '/h' };
    case 'nanos':
      return { list: [{ names: [''], base: 10, exp: 0 }, ...DURATIONS_NS] };
    case 'millis':
      return { list: [{ names: [''], base: 10, exp: 6 }, ...DURATIONS_NS] };
    case 'fraction':
      return { list: [{ names: ['', '%'], base: 10, exp: -2 }] };
    case 'per_second':
      return { list: [{ names: [''], base: 10, exp: 0 }], rate: '/s' };
    case 'count':
    case 'none':
      return undefined;
  }
}

/** The units a person may type for a measure, for help text and error messages. */
export function measureInputHelp(unit: MeasureUnit): string {
  switch (unit) {
    case 'bytes':
    case 'bytes_per_second':
    case 'bytes_per_hour': {
      const rate =
        unit === 'bytes' ? '' : unit === 'bytes_per_second' ? ' per second' : ' per hour';
      return `Bytes${rate}: 512, 10 MiB, 1.5 GiB (KiB, MiB, GiB, TiB are powers of 1024; KB, MB are not accepted)`;
    }
    case 'nanos':
      return 'A duration: 250 µs (or us), 1.5 ms, 2 s; a plain number is nanoseconds';
    case 'millis':
      return 'A duration: 250 µs (or us), 1.5 ms, 2 s; a plain number is milliseconds';
    case 'fraction':
      return 'A percentage: 5 or 5 % (stored as 0.05)';
    case 'per_second':
      return 'A number per second: 1000 or 1000/s';
    case 'count':
    case 'none':
      return 'A number: 100 or 1.5';
  }
}

/** Reads one value typed for a measure of `unit` into that measure's base unit. */
export function parseMeasureInput(
  text: string,
  unit: MeasureUnit,
  options: MeasureInputOptions = {}
): MeasureInput {
  const trimmed = text.trim();
  if (trimmed === '') return fail('Enter a value');
  if (/\d,\d/.test(trimmed)) return fail('Use a point for decimals (1.5, not 1,5)');
  if (trimmed.includes(',')) return fail('One value only (use a point for decimals: 1.5)');
  const match = NUMBER.exec(trimmed);
  if (match === null) return fail(`Not a number: ${JSON.stringify(trimmed.slice(0, 40))}`);
  const number = match[1]!;
  let rest = match[2]!.trim().toLowerCase();
  const allowed = suffixesOf(unit);
  let value: number;
  if (allowed === undefined) {
    if (rest !== '') return fail(`Type a plain number, without "${match[2]!.trim()}"`);
    value = Number(number);
  } else {
    if (allowed.rate !== undefined && rest.endsWith(allowed.rate))
      rest = rest.slice(0, -allowed.rate.length).trim();
    const suffix = allowed.list.find((candidate) => candidate.names.includes(rest));
    if (suffix === undefined) {
      const hint =
        allowed.list === IEC && SI_BYTES.includes(rest)
          ? ` (use ${rest[0]!.toUpperCase()}iB: units are powers of 1024)`
          : '';
      return fail(`Unknown unit "${match[2]!.trim()}"${hint}. ${measureInputHelp(unit)}`);
    }
    // Millis are the one base unit that is not the smallest: its suffixes count from ns.
    value = scaled(number, suffix, unit === 'millis' ? 6 : 0);
  }
  if (!Number.isFinite(value)) return fail('Not a finite number');
  if (value < 0 && options.allowNegative !== true) return fail('Must not be negative');
  if (Math.abs(value) > MAX_EXACT) return fail('Too large: below 2^53 in the base unit');
  if (allowed?.list === IEC && !Number.isInteger(value))
    return fail(`That is ${value} bytes: a size is a whole number of bytes`);
  if (unit === 'fraction' && value > 1) return fail('At most 100 %');
  // -0 would store as 0 but read back as "-0".
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Shifts a number's decimal point by `exp` places without binary rounding noise. */
function shifted(value: number, exp: number): number {
  return Number(`${value}e${exp}`);
}

function decimals(value: number): number {
  const text = String(value);
  if (text.includes('e')) return Infinity;
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

const IEC_NAMES = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
const DURATION_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['s', 9],
  ['ms', 6],
  ['µs', 3],
];

/**
 * A stored value as the text `parseMeasureInput` reads back to the same number: the largest
 * unit in which it has at most three decimals.
 */
export function formatMeasureInput(value: number, unit: MeasureUnit): string {
  switch (unit) {
    case 'bytes':
    case 'bytes_per_second':
    case 'bytes_per_hour': {
      const rate = unit === 'bytes' ? '' : unit === 'bytes_per_second' ? '/s' : '/h';
      for (let exp = IEC_NAMES.length - 1; exp >= 1; exp--) {
        const inUnit = value / 1024 ** exp;
        if (Math.abs(inUnit) >= 1 && decimals(inUnit) <= 3)
          return `${inUnit} ${IEC_NAMES[exp]}${rate}`;
      }
      return `${value} B${rate}`;
    }
    case 'nanos':
    case 'millis': {
      const base = unit === 'nanos' ? 0 : 6;
      for (const [name, exp] of DURATION_NAMES) {
        const inUnit = shifted(value, base - exp);
        if (Math.abs(inUnit) >= 1 && decimals(inUnit) <= 3) return `${inUnit} ${name}`;
      }
      return unit === 'nanos' ? `${value} ns` : `${shifted(value, 6)} ns`;
    }
    case 'fraction':
      return `${shifted(value, 2)} %`;
    case 'per_second':
      return `${value}/s`;
    case 'count':
    case 'none':
      return String(value);
  }
}

/** A threshold: one value, or with "between" two values typed as `low, high`. */
export function parseThresholdInput(
  text: string,
  unit: MeasureUnit,
  between: boolean,
  options: MeasureInputOptions = {}
):
  | { readonly ok: true; readonly value: number[] }
  | { readonly ok: false; readonly error: string } {
  if (!between) {
    const one = parseMeasureInput(text, unit, options);
    return one.ok ? { ok: true, value: [one.value] } : one;
  }
  const parts = text.split(',');
  if (parts.length !== 2)
    return { ok: false, error: 'Between takes two values, low and high: 100, 200' };
  const values: number[] = [];
  for (const [index, part] of parts.entries()) {
    const one = parseMeasureInput(part, unit, options);
    if (!one.ok) return { ok: false, error: `${index === 0 ? 'Low' : 'High'}: ${one.error}` };
    values.push(one.value);
  }
  if (values[0]! > values[1]!) return { ok: false, error: 'The low value comes first: low, high' };
  return { ok: true, value: values };
}

export function formatThresholdInput(values: readonly number[], unit: MeasureUnit): string {
  return values.map((value) => formatMeasureInput(value, unit)).join(', ');
}
