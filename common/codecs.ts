import * as t from 'io-ts';

/**
 * An object codec that rejects keys it does not know. A typo such as `intervall` should be a
 * 400 with the key's name, not a silently ignored field.
 */
export function strictObject<P extends t.Props>(props: P, name: string) {
  return strictObjectWithOptional(props, {}, name);
}

/**
 * One of a closed list of strings, named after the list ("a", "b" or "c") so that a refusal
 * tells what is accepted: the list is written once, for the codec, its type and its message.
 */
export function oneOf<K extends string>(values: readonly [K, ...K[]]) {
  const keys = Object.fromEntries(values.map((value) => [value, null])) as Record<K, null>;
  const quoted = values.map((value) => JSON.stringify(value));
  const last = quoted.pop()!;
  return t.keyof(keys, quoted.length === 0 ? last : `${quoted.join(', ')} or ${last}`);
}

/** Like strictObject, with some keys optional. */
export function strictObjectWithOptional<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string
) {
  type A = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>;
  type Out = t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>;
  const requiredCodec = t.type(required);
  const optionalCodec = t.partial(optional);
  const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
  return new t.Type<A, Out, unknown>(
    name,
    (u): u is A =>
      requiredCodec.is(u) &&
      optionalCodec.is(u) &&
      Object.keys(u as object).every((key) => known.has(key)),
    // Both halves decode against the same context (no intersection branch index), so error
    // paths read [name], not [0.name].
    (u, c) => {
      const errors: t.Errors = [];
      const requiredResult = requiredCodec.validate(u, c);
      const optionalResult = optionalCodec.validate(u, c);
      if (requiredResult._tag === 'Left') errors.push(...requiredResult.left);
      if (optionalResult._tag === 'Left') errors.push(...optionalResult.left);
      if (typeof u === 'object' && u !== null) {
        const extra = Object.keys(u).filter((key) => !known.has(key));
        if (extra.length > 0)
          errors.push({
            value: u,
            context: c,
            message: `unknown key${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`,
          });
      }
      if (errors.length > 0 || requiredResult._tag === 'Left' || optionalResult._tag === 'Left')
        return t.failures(errors);
      // t.type and t.partial both pass the whole input through: each half contributes only
      // its own keys, so neither overwrites a key the other decoded (a string → array, say).
      const decoded: Record<string, unknown> = {};
      for (const key of Object.keys(optional))
        if (key in (optionalResult.right as object))
          decoded[key] = (optionalResult.right as Record<string, unknown>)[key];
      for (const key of Object.keys(required))
        decoded[key] = (requiredResult.right as Record<string, unknown>)[key];
      return t.success(decoded as A);
    },
    (a) => ({ ...optionalCodec.encode(a), ...requiredCodec.encode(a) } as Out)
  );
}

/** A string with visible content and a bounded length. */
export function boundedString(name: string, maxLength: number) {
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= maxLength,
    (u, c) => {
      if (u === undefined) return t.failure(u, c, `[${keyOf(c)}] is required`);
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

/** A whole number from `min` to `max`, both included. */
export function wholeNumber(name: string, min: number, max: number) {
  const fits = (u: unknown): u is number =>
    typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max;
  return new t.Type<number, number, unknown>(
    name,
    fits,
    (u, c) =>
      fits(u)
        ? t.success(u)
        : t.failure(u, c, `[${keyOf(c)}] must be a whole number from ${min} to ${max}`),
    t.identity
  );
}

// Control and format characters, private use, lone surrogates and line/paragraph separators:
// invisible or layout-breaking in a table, a log line or a chart legend.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\u2028\u2029]/u;

/** A bounded string a person can read: no control or invisible characters. */
export function printableString(name: string, maxLength: number) {
  const bounded = boundedString(name, maxLength);
  return new t.Type<string, string, unknown>(
    name,
    (u): u is string => bounded.is(u) && !NON_PRINTABLE.test(u),
    (u, c) => {
      const decoded = bounded.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      const found = NON_PRINTABLE.exec(decoded.right);
      if (found !== null) {
        const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        return t.failure(
          u,
          c,
          `[${keyOf(c)}] must be printable; it contains the control character U+${code}`
        );
      }
      return t.success(decoded.right);
    },
    t.identity
  );
}

/**
 * The field path of a decode context, as a user would write it: the branch indices io-ts adds
 * for intersections and unions are not fields, so they are left out.
 */
export function pathOf(context: t.Context): string {
  return context
    .filter((entry, index) => {
      if (entry.key === '') return false;
      const parent = context[index - 1]?.type as { _tag?: string } | undefined;
      return parent?._tag !== 'IntersectionType' && parent?._tag !== 'UnionType';
    })
    .map((entry) => entry.key)
    .join('.');
}

export function keyOf(context: t.Context): string {
  return pathOf(context) || 'value';
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
