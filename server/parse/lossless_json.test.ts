import { nestingDepth, parseLosslessJson } from './lossless_json';

describe('parseLosslessJson', () => {
  it('keeps integers beyond 2^53 exact, wherever they are', () => {
    expect(
      parseLosslessJson(
        '{"LastGC":1795322863123456789,"PauseEnd":[1795322863123456789,0],"n":{"neg":-9007199254740993}}'
      )
    ).toEqual({
      LastGC: 1795322863123456789n,
      PauseEnd: [1795322863123456789n, 0],
      n: { neg: -9007199254740993n },
    });
  });

  it('leaves safe integers, floats, exponents and strings as JSON.parse does', () => {
    const text =
      '{"f":0.020838047689776183,"g":[1e-12345678901234567],"a":1000000000000000,"b":12345678901234567.5,"c":1.7953228631234568e18,"d":"1795322863123456789","e":"say \\"12345678901234567890\\""}';
    expect(parseLosslessJson(text)).toEqual(JSON.parse(text));
  });

  it('leaves long digit runs inside strings alone, even where a value could start', () => {
    const text =
      '{"s":"a:12345678901234567890,b","t":["[12345678901234567890]"],"big":[12345678901234567890]}';
    expect(parseLosslessJson(text)).toEqual({
      s: 'a:12345678901234567890,b',
      t: ['[12345678901234567890]'],
      big: [12345678901234567890n],
    });
  });

  it('cannot be fooled by a string that looks like its internal marker', () => {
    expect(
      parseLosslessJson('{"s":"\\u0000exact-integer-x:1","big":12345678901234567890}')
    ).toEqual({ s: '\u0000exact-integer-x:1', big: 12345678901234567890n });
  });

  it('throws on invalid JSON like JSON.parse', () => {
    expect(() => parseLosslessJson('{"a": 12345678901234567890')).toThrow(SyntaxError);
  });

  it('measures nesting without being confused by brackets in strings', () => {
    expect(nestingDepth('{"a":[[1]],"s":"[[[[[["}')).toBe(3);
  });
});
