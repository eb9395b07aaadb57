import { formatAge } from './format_age';

describe('formatAge', () => {
  it('says seconds, then minutes, then hours', () => {
    expect(formatAge(4_200)).toBe('4 s ago');
    expect(formatAge(-50)).toBe('0 s ago');
    expect(formatAge(180_000)).toBe('3 min ago');
    expect(formatAge(2 * 3_600_000)).toBe('2 h ago');
  });
});
