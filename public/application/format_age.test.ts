import { formatAge, formatSince } from './format_age';

describe('formatAge', () => {
  it('says seconds, then minutes, then hours', () => {
    expect(formatAge(4_200)).toBe('4 s ago');
    expect(formatAge(-50)).toBe('0 s ago');
    expect(formatAge(180_000)).toBe('3 min ago');
    expect(formatAge(2 * 3_600_000)).toBe('2 h ago');
  });
});

describe('formatSince', () => {
  it('writes the instant with the given date format, then how long ago it was', () => {
    const instant = (at: number) => `<${at}>`;
    expect(formatSince(1_000, instant, 181_000)).toBe('<1000> (3 min ago)');
  });
});
