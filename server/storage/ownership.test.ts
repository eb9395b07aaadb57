import { ownMark, templateAction, type TemplateMeta } from './ownership';

const wanted: TemplateMeta = {
  managed_by: 'go_runtime',
  template_version: 3,
  retention: '30d',
  look_back_time: '2h',
  source_mode: 'stored',
};

describe('index template ownership and versions', () => {
  it('creates a missing template, keeps a current one and never overwrites another owner’s', () => {
    expect(templateAction(undefined, wanted)).toBe('create');
    expect(templateAction({ meta: { ...wanted } }, wanted)).toBe('keep');
    expect(templateAction({ meta: undefined }, wanted)).toBe('foreign');
    expect(templateAction({ meta: { managed_by: 'fleet', template_version: 9 } }, wanted)).toBe(
      'foreign'
    );
  });

  it('updates its own template when older or put with another configuration, not when newer', () => {
    expect(templateAction({ meta: { ...wanted, template_version: 2 } }, wanted)).toBe('update');
    expect(templateAction({ meta: { ...wanted, retention: '7d' } }, wanted)).toBe('update');
    expect(templateAction({ meta: { ...wanted, look_back_time: '4h' } }, wanted)).toBe('update');
    // The cluster's licence changed since: the heap layout follows it.
    expect(templateAction({ meta: { ...wanted, source_mode: 'synthetic' } }, wanted)).toBe(
      'update'
    );
    const { source_mode: _mode, ...beforeLayouts } = wanted;
    expect(templateAction({ meta: beforeLayouts }, wanted)).toBe('update');
    // Marked, but without the configuration a current version records.
    expect(
      templateAction({ meta: { managed_by: 'go_runtime', template_version: 3 } }, wanted)
    ).toBe('update');
    expect(
      templateAction({ meta: { ...wanted, template_version: 4, retention: '7d' } }, wanted)
    ).toBe('newer');
  });

  it('reads the mark of a backing index’s mappings', () => {
    expect(ownMark({ managed_by: 'go_runtime', template_version: 1 })).toEqual({
      managed_by: 'go_runtime',
      template_version: 1,
    });
    expect(ownMark({ managed_by: 'go-runtime-kibana', template_version: 1 })).toBeUndefined();
    expect(ownMark(undefined)).toBeUndefined();
  });
});
