import { formatMeasure } from './format_measure';

describe('formatMeasure', () => {
  it.each([
    [512, 'bytes', '512 B'],
    [1536, 'bytes', '1.50 KiB'],
    [45 * 1024 * 1024, 'bytes', '45.0 MiB'],
    [-2 * 1024 * 1024, 'bytes', '-2.00 MiB'],
    [10 * 1024 * 1024, 'bytes_per_second', '10.0 MiB/s'],
    [3 * 1024 ** 3, 'bytes_per_hour', '3.00 GiB/h'],
    [250_000, 'nanos', '250.0 µs'],
    [1_500_000, 'nanos', '1.50 ms'],
    [-1_500_000, 'nanos', '-1.50 ms'],
    [0.25, 'millis', '250.0 µs'],
    [0.0123, 'fraction', '1.23 %'],
    [1234567, 'count', '1,234,567'],
    [0.1234, 'none', '0.123'],
    [2.5, 'per_second', '2.5/s'],
  ] as const)('%s %s reads %s', (value, unit, text) => {
    expect(formatMeasure(value, unit)).toBe(text);
  });

  it.each([
    [2_500_000, 'count', '2.50 M'],
    [12_345, 'count', '12.3 k'],
    [0.25, 'per_second', '0.25/s'],
    [1536, 'bytes', '1.50 KiB'],
  ] as const)('compact: %s %s reads %s', (value, unit, text) => {
    expect(formatMeasure(value, unit, { compact: true })).toBe(text);
  });

  it('says so when there is no value', () => {
    expect(formatMeasure(null, 'bytes')).toBe('no data');
  });
});
