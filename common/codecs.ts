import * as t from 'io-ts';
import { either } from 'fp-ts/Either';

/**
 * An object codec that rejects keys it does not know. A typo such as `intervall` should be a
 * 400 with the key's name, not a silently ignored field.
 */
export function strictObject<P extends t.Props>(props: P, name: string) {
  const inner = t.type(props);
  return new t.Type<t.TypeOf<typeof inner>, t.OutputOf<typeof inner>, unknown>(
    name,
    (u): u is t.TypeOf<typeof inner> => inner.is(u) && hasOnlyKeys(u, props),
    (u, c) =>
      either.chain(inner.validate(u, c), (value) => {
        const extra = Object.keys(u as object).filter((key) => !(key in props));
        return extra.length === 0
          ? t.success(value)
          : t.failure(u, c, `unknown key${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
      }),
    inner.encode
  );
}

/** Like strictObject, with some keys optional. */
export function strictObjectWithOptional<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string
) {
  const inner = t.intersection([t.type(required), t.partial(optional)]);
  const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
  return new t.Type<t.TypeOf<typeof inner>, t.OutputOf<typeof inner>, unknown>(
    name,
    (u): u is t.TypeOf<typeof inner> =>
      inner.is(u) && Object.keys(u as object).every((key) => known.has(key)),
    (u, c) =>
      either.chain(inner.validate(u, c), (value) => {
        const extra = Object.keys(u as object).filter((key) => !known.has(key));
        return extra.length === 0
          ? t.success(value)
          : t.failure(u, c, `unknown key${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
      }),
    inner.encode
  );
}

function hasOnlyKeys(u: unknown, props: t.Props): boolean {
  return typeof u === 'object' && u !== null && Object.keys(u).every((key) => key in props);
}

/** A string with visible content and a bounded length. */
export function boundedString(name: string, maxLength: number) {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= maxLength,
    (u, c) => {
      if (typeof u !== 'string') return t.failure(u, c, `[${keyOf(c)}] must be a string`);
      if (u.trim().length === 0) return t.failure(u, c, `[${keyOf(c)}] must not be empty`);
      if (u.length > maxLength) {
        return t.failure(u, c, `[${keyOf(c)}] must be at most ${maxLength} characters`);
      }
      return t.success(u);
    },
    t.identity
  );
}

export function keyOf(context: t.Context): string {
  return (
    context
      .map((entry) => entry.key)
      .filter((key) => key !== '')
      .join('.') || 'value'
  );
}

/** An ISO-8601 instant, decoded to epoch milliseconds. */
export const IsoInstant = new t.Type<number, string, unknown>(
  'IsoInstant',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, `[${keyOf(c)}] must be an ISO date string`);
    const ms = Date.parse(u);
    return Number.isFinite(ms)
      ? t.success(ms)
      : t.failure(u, c, `[${keyOf(c)}] is not a valid ISO date: ${JSON.stringify(u)}`);
  },
  (ms) => new Date(ms).toISOString()
);
