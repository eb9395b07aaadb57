import { formatPanelValue } from './format_panel_value';

describe('formatPanelValue', () => {
  it.each([
    [1536, 'bytes', '1.50 KiB'],
    [10 * 1024 * 1024, 'bytes_per_second', '10.0 MiB/s'],
    [250_000, 'nanos', '250.0 µs'],
    [0.0123, 'fraction', '1.23 %'],
    [0.25, 'per_second', '0.25/s'],
    [2_500_000, 'count', '2.50 M'],
  ] as const)('%s %s → %s', (value, unit, text) => {
    expect(formatPanelValue(value, unit)).toBe(text);
  });
});
