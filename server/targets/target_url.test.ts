import { normalizeTargetUrl } from './target_url';

describe('normalizeTargetUrl', () => {
  it('gives one form to spellings of the same endpoint', () => {
    const forms = [
      'HTTP://Orders:80/debug/vars',
      'http://orders/debug/vars#top',
      'http://ORDERS:80/debug/vars',
    ];
    expect(new Set(forms.map(normalizeTargetUrl))).toEqual(new Set(['http://orders/debug/vars']));
    expect(normalizeTargetUrl('https://127.0.0.1:443')).toBe('https://127.0.0.1/');
  });
  it('keeps what makes endpoints different: port, path, query', () => {
    const distinct = [
      'http://a:6060/debug/vars',
      'http://a:6061/debug/vars',
      'http://a:6060/other',
      'http://a:6060/debug/vars?x=1',
    ];
    expect(new Set(distinct.map(normalizeTargetUrl)).size).toBe(4);
  });
});
