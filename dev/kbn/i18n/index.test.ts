import { i18n } from '@kbn/i18n';

const t = (defaultMessage: string, values?: Record<string, string | number>) =>
  i18n.translate('goRuntime.test.message', { defaultMessage, ...(values ? { values } : {}) });

describe('i18n.translate (the en default message)', () => {
  it('fills named arguments and leaves the others as written', () => {
    expect(t('Deleted target {name}', { name: 'orders-1' })).toBe('Deleted target orders-1');
    expect(t('{missing} stays', {})).toBe('{missing} stays');
    expect(t('{{rule.name}} recovered', { name: 'x' })).toBe('{{rule.name}} recovered');
  });

  it('chooses a plural branch by exact value, then by the en plural category, with # as the number', () => {
    const message = 'Delete {count, plural, =0 {nothing} one {# target} other {# targets}}?';
    expect(t(message, { count: 0 })).toBe('Delete nothing?');
    expect(t(message, { count: 1 })).toBe('Delete 1 target?');
    expect(t(message, { count: 1200 })).toBe('Delete 1,200 targets?');
  });

  it('nests arguments inside a branch and chooses select branches', () => {
    expect(
      t('{count, plural, one {{name} and # more} other {{name} and # others}}', {
        count: 2,
        name: 'a',
      })
    ).toBe('a and 2 others');
    expect(t('{kind, select, bulk {many} other {one}}', { kind: 'bulk' })).toBe('many');
    expect(t('{kind, select, bulk {many} other {one}}', { kind: 'single' })).toBe('one');
  });

  it('refuses a plural without an other branch, as Kibana does', () => {
    expect(() => t('{count, plural, one {# target}}', { count: 2 })).toThrow(
      /Error formatting the default message for: "goRuntime.test.message"/
    );
  });
});
