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

  // Kibana's number type (number_type.ts) converts numeric strings and refuses unsafe numbers.
  it('takes a numeric string as its number, and refuses NaN, other strings and unsafe numbers', () => {
    expect(schema.number().validate('5')).toBe(5);
    expect(schema.number({ min: 1 }).validate('2', {}, 'n')).toBe(2);
    expect(() => schema.number().validate('x', {}, 'n')).toThrow(
      '[n]: expected value of type [number] but got [string]'
    );
    expect(() => schema.number().validate(NaN, {}, 'n')).toThrow(
      '[n]: expected value of type [number] but got [number]'
    );
    expect(() => schema.number().validate(2 ** 60, {}, 'n')).toThrow(
      '[n]: "value" must be a safe number'
    );
    expect(schema.number({ unsafe: true }).validate(2 ** 60)).toBe(2 ** 60);
  });

  it('names types in messages as Kibana does (type-detect)', () => {
    expect(() => schema.string().validate({}, {}, 's')).toThrow(
      '[s]: expected value of type [string] but got [Object]'
    );
    expect(() => schema.string().validate([], {}, 's')).toThrow(
      '[s]: expected value of type [string] but got [Array]'
    );
    expect(() => schema.number().validate(null, {}, 'n')).toThrow(
      '[n]: expected value of type [number] but got [null]'
    );
  });
});
