import { decodeParam, parseSelection, withSelection } from './selection_params';

describe('selection in the URL', () => {
  it('keeps the selected instances and the split, beside other parameters', () => {
    const search = withSelection('?rangeFrom=now-1h', {
      instances: ['a', 'b c'],
      byInstance: true,
    });
    expect(parseSelection(search)).toEqual({ instances: ['a', 'b c'], byInstance: true });
    expect(new URLSearchParams(search).get('rangeFrom')).toBe('now-1h');
    expect(parseSelection(withSelection(search, { instances: [], byInstance: false }))).toEqual({
      instances: [],
      byInstance: false,
    });
  });

  it('decodes route parameters once, and leaves a stray % alone', () => {
    expect(decodeParam('orders%2Feu')).toBe('orders/eu');
    expect(decodeParam('50%')).toBe('50%');
  });
});
