import type { MeasureUnit } from './format_measure';
import {
  formatMeasureInput,
  formatThresholdInput,
  parseMeasureInput,
  parseThresholdInput,
} from './measure_input';

const MiB = 1024 * 1024;

describe('parseMeasureInput', () => {
  it.each([
    ['512', 'bytes', 512],
    ['512 B', 'bytes', 512],
    ['10 MiB', 'bytes', 10 * MiB],
    ['10MiB', 'bytes', 10 * MiB],
    ['  10   mib ', 'bytes', 10 * MiB],
    ['1.5GiB', 'bytes', 1.5 * 1024 * MiB],
    ['2 KiB/s', 'bytes_per_second', 2048],
    ['1 GiB/h', 'bytes_per_hour', 1024 * MiB],
    ['250 µs', 'nanos', 250_000],
    ['250us', 'nanos', 250_000],
    ['1.5 ms', 'nanos', 1_500_000],
    ['2 s', 'nanos', 2e9],
    ['1500', 'nanos', 1500],
    ['1.5', 'millis', 1.5],
    ['250 us', 'millis', 0.25],
    ['2 s', 'millis', 2000],
    ['5', 'fraction', 0.05],
    ['5 %', 'fraction', 0.05],
    ['5%', 'fraction', 0.05],
    ['0.1', 'fraction', 0.001],
    ['7', 'fraction', 0.07],
    ['1.5', 'count', 1.5],
    ['1000/s', 'per_second', 1000],
    ['.5', 'none', 0.5],
    ['0', 'bytes', 0],
  ] as const)('%j as %s is %d', (text, unit, value) => {
    expect(parseMeasureInput(text, unit)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'bytes', 'Enter a value'],
    ['   ', 'count', 'Enter a value'],
    ['1,5', 'count', 'Use a point for decimals (1.5, not 1,5)'],
    ['1,5 MiB', 'bytes', 'Use a point for decimals (1.5, not 1,5)'],
    ['100, 200', 'bytes', 'One value only (use a point for decimals: 1.5)'],
    ['-1', 'bytes', 'Must not be negative'],
    ['-1', 'fraction', 'Must not be negative'],
    ['NaN', 'count', 'Not a number: "NaN"'],
    ['abc', 'count', 'Not a number: "abc"'],
    ['1e3', 'count', 'Type a plain number, without "e3"'],
    ['9007199254740993', 'count', 'Too large: below 2^53 in the base unit'],
    ['9000000 TiB', 'bytes', 'Too large: below 2^53 in the base unit'],
    ['1.1 KiB', 'bytes', 'That is 1126.4 bytes: a size is a whole number of bytes'],
    ['1.5', 'bytes', 'That is 1.5 bytes: a size is a whole number of bytes'],
    ['150', 'fraction', 'At most 100 %'],
    ['5 MiB', 'count', 'Type a plain number, without "MiB"'],
  ] as const)('%j as %s is refused: %s', (text, unit, error) => {
    expect(parseMeasureInput(text, unit)).toEqual({ ok: false, error });
  });

  it('names IEC units when SI ones are typed', () => {
    const result = parseMeasureInput('300 KB', 'bytes');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('use KiB');
  });

  it('keeps a negative value where the measure can be negative', () => {
    expect(parseMeasureInput('-1', 'none', { allowNegative: true })).toEqual({
      ok: true,
      value: -1,
    });
    expect(parseMeasureInput('-0', 'count')).toEqual({ ok: true, value: 0 });
  });
});

describe('formatMeasureInput', () => {
  it.each([
    [536870912, 'bytes', '512 MiB'],
    [1.5 * 1024 * MiB, 'bytes', '1.5 GiB'],
    [512, 'bytes', '512 B'],
    [1126, 'bytes', '1126 B'],
    [2048, 'bytes_per_second', '2 KiB/s'],
    [1024 * MiB, 'bytes_per_hour', '1 GiB/h'],
    [0.05, 'fraction', '5 %'],
    [0.07, 'fraction', '7 %'],
    [1_500_000, 'nanos', '1.5 ms'],
    [250, 'nanos', '250 ns'],
    [1.5, 'millis', '1.5 ms'],
    [0.25, 'millis', '250 µs'],
    [2000, 'millis', '2 s'],
    [1.5, 'count', '1.5'],
    [-1, 'none', '-1'],
  ] as const)('%d as %s reads %j', (value, unit, text) => {
    expect(formatMeasureInput(value, unit)).toBe(text);
  });

  // What a reopened rule shows must read back to what was stored.
  it.each<[number, MeasureUnit]>([
    [536870912, 'bytes'],
    [123456789, 'bytes'],
    [0.05, 'fraction'],
    [0.123, 'fraction'],
    [1234567, 'nanos'],
    [0.001, 'millis'],
    [3.25, 'per_second'],
    [0.1, 'count'],
  ])('%d as %s reads back to itself', (value, unit) => {
    expect(parseMeasureInput(formatMeasureInput(value, unit), unit)).toEqual({ ok: true, value });
  });
});

describe('parseThresholdInput', () => {
  it('reads one value, or two with between', () => {
    expect(parseThresholdInput('1.5', 'count', false)).toEqual({ ok: true, value: [1.5] });
    expect(parseThresholdInput('100, 200', 'count', true)).toEqual({
      ok: true,
      value: [100, 200],
    });
    expect(parseThresholdInput('10 MiB,20 MiB', 'bytes', true)).toEqual({
      ok: true,
      value: [10 * MiB, 20 * MiB],
    });
  });

  it('refuses a between without two values in order', () => {
    expect(parseThresholdInput('100', 'count', true)).toEqual({
      ok: false,
      error: 'Between takes two values, low and high: 100, 200',
    });
    expect(parseThresholdInput('200, 100', 'count', true)).toEqual({
      ok: false,
      error: 'The low value comes first: low, high',
    });
    expect(parseThresholdInput('100, x', 'count', true)).toEqual({
      ok: false,
      error: 'High: Not a number: "x"',
    });
    expect(formatThresholdInput([100, 200], 'bytes')).toBe('100 B, 200 B');
  });
});
