import { formatBytes, formatValue } from './format_value';

describe('formatValue', () => {
  it('uses binary units for bytes, as Go does', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(45 * 1024 * 1024)).toBe('45.0 MiB');
  });
  it('formats nanoseconds, fractions and counts', () => {
    expect(formatValue(1_500_000, 'nanos')).toBe('1.50 ms');
    expect(formatValue(0.0123, 'fraction')).toBe('1.23 %');
    expect(formatValue(1234567, 'count')).toBe('1,234,567');
  });
});
