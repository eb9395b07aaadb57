import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import { goJson, realShapedMemstats } from '../../test/fixtures/payloads/real_shaped_page';
import { parseExpvarText } from './expvar_text';
import { parseLosslessJson, exactValue, type JsonValue } from './lossless_json';
import { parseExpvar } from './parse_expvar';

/** A page laid out the way Go's expvar handler writes it: one `"name": value` per line. */
function goLayout(vars: Record<string, unknown>): string {
  return `{\n${Object.entries(vars)
    .map(([name, value]) => `${JSON.stringify(name)}: ${goJson(value)}`)
    .join(',\n')}\n}\n`;
}
const fetched = (text: string) => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.from(text),
  durationMs: 1,
});
/** The document with every marked integer restored, for comparison with parseLosslessJson. */
function restored(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(restored);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restored(v)]));
  return exactValue(value);
}

describe('parseExpvarText', () => {
  it('reads memstats of a Go-laid-out page exactly, the rest with JSON.parse alone', () => {
    const page = parseExpvarText(
      goLayout({ cmdline: ['./app'], memstats: realShapedMemstats(), requests: 3 })
    );
    expect(page.exactVars).toBe(false);
    expect(exactValue((page.document as any).memstats.LastGC)).toBe(1795322863123456789n);
  });

  it('re-reads the page exactly when a kept custom var is an integer beyond 2^53', () => {
    const parsed = parseExpvar(
      fetched(
        goLayout({ cmdline: ['./app'], big: 12345678901234567891n, memstats: realShapedMemstats() })
      )
    );
    expect(isRight(parsed) && parsed.right.customVars.labels).toEqual({
      '/big': '12345678901234567891',
    });
  });

  it.each([
    ['a compact page', JSON.stringify({ cmdline: [], memstats: { LastGC: 1 } })],
    [
      'a pretty-printed var with a memstats key of its own',
      goLayout({ app: '@', memstats: { LastGC: 1 } }).replace(
        '"@"',
        '{\n"memstats": {"LastGC": 2}\n}'
      ),
    ],
    ['a nested memstats line and no top-level one', `{\n"app": {\n"memstats": {"LastGC": 2}\n}\n}`],
  ])('falls back to the whole-page exact parse for %s', (_name, text) => {
    const page = parseExpvarText(text);
    expect(page.exactVars).toBe(true);
    expect(restored(page.document)).toEqual(parseLosslessJson(text));
  });

  it('gives exact memstats and the other vars as the whole-page parse would, for any Go-laid-out page', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n })
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 5 }), value, { maxKeys: 8 }),
        fc.boolean(),
        (vars, withMemstats) => {
          const { memstats: _drop, ...rest } = vars;
          const text = goLayout(
            withMemstats
              ? {
                  ...rest,
                  memstats: { LastGC: 1795322863123456789n, NumGC: 3, x: [1, 'a\n"memstats": '] },
                }
              : rest
          );
          const page = parseExpvarText(text);
          const { memstats, ...others } = restored(page.document) as Record<string, JsonValue>;
          const exact = parseLosslessJson(text) as Record<string, JsonValue>;
          // memstats is always exact; the other vars are exact, or JSON.parse's doubles when
          // exactVars says so (the caller then re-reads what it keeps).
          expect(memstats).toEqual(exact.memstats);
          const { memstats: _ignored, ...expected } = (
            page.exactVars ? exact : JSON.parse(text)
          ) as Record<string, JsonValue>;
          expect(others).toEqual(expected);
        }
      ),
      { numRuns: 300 }
    );
  });
});
