import { spaceFilter } from './space_filter';

describe('spaceFilter', () => {
  it('matches only the named space, the default one included', () => {
    expect(spaceFilter('ops')).toEqual({ term: { 'go_runtime.target.space_id': 'ops' } });
    expect(spaceFilter('default')).toEqual({ term: { 'go_runtime.target.space_id': 'default' } });
  });
});
