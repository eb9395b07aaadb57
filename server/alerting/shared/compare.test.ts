import { meetsThreshold } from './compare';

describe('meetsThreshold', () => {
  it.each([
    [5, '>', [4], true],
    [4, '>', [4], false],
    [4, '>=', [4], true],
    [3, '<', [4], true],
    [4, '<=', [4], true],
    [4, 'between', [4, 6], true],
    [7, 'between', [4, 6], false],
  ] as const)('%p %s %p is %p', (value, comparator, threshold, expected) => {
    expect(meetsThreshold(value, comparator, threshold)).toBe(expected);
  });
});
