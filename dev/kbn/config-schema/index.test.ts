import { schema } from './index';

describe('@kbn/config-schema stand-in', () => {
  const state = schema.object({
    runs: schema.number(),
    targets: schema.recordOf(
      schema.string(),
      schema.object({ last_slot: schema.number(), error: schema.maybe(schema.string()) })
    ),
    list: schema.arrayOf(schema.object({ n: schema.number() })),
  });

  it('forbids unknown keys by default, at any depth', () => {
    expect(() =>
      state.validate({ runs: 1, targets: { a: { last_slot: 1, x: 1 } }, list: [] })
    ).toThrow('[targets.a.x]: definition for this key is missing');
  });

  it("extendsDeep({unknowns: 'ignore'}) drops unknown keys in nested objects, records and arrays", () => {
    const lenient = state.extendsDeep({ unknowns: 'ignore' });
    expect(
      lenient.validate({
        runs: 1,
        extra: 1,
        targets: { a: { last_slot: 1, x: 1 } },
        list: [{ n: 1, y: 2 }],
      })
    ).toEqual({ runs: 1, targets: { a: { last_slot: 1 } }, list: [{ n: 1 }] });
    // The original is unchanged.
    expect(() => state.validate({ runs: 1, extra: 1, targets: {}, list: [] })).toThrow(
      '[extra]: definition for this key is missing'
    );
  });

  it("extendsDeep({unknowns: 'allow'}) keeps them", () => {
    expect(
      state
        .extendsDeep({ unknowns: 'allow' })
        .validate({ runs: 1, extra: 1, targets: {}, list: [] })
    ).toEqual({ runs: 1, extra: 1, targets: {}, list: [] });
  });

  it('names the failing path', () => {
    expect(() => state.validate({ runs: 1, targets: {}, list: [{ n: 'x' }] })).toThrow(
      '[list.0.n]: expected value of type [number] but got [string]'
    );
    expect(() =>
      schema.oneOf([schema.literal('a'), schema.literal('b')]).validate('c', {}, 'mode')
    ).toThrow('[mode]: types that failed validation:');
  });
});
