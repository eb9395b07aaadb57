import { spaceFilter } from './space_filter';

describe('spaceFilter', () => {
  it('matches only the named space outside the default space', () => {
    expect(spaceFilter('ops')).toEqual({ term: { 'go_runtime.target.space_id': 'ops' } });
  });

  it('lets the default space read documents written before spaces existed', () => {
    const filter = spaceFilter('default') as { bool: { should: object[] } };
    expect(filter.bool.should).toContainEqual({
      bool: { must_not: { exists: { field: 'go_runtime.target.space_id' } } },
    });
    expect(filter.bool.should).toContainEqual({
      term: { 'go_runtime.target.space_id': 'default' },
    });
  });
});
