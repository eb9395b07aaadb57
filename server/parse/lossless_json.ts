/** JSON as read losslessly: integers beyond 2^53 stay exact as bigint. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

// A string literal (left alone), or an integer literal of 16+ digits that is not part of a
// fraction or an exponent (nothing numeric on either side): the only literals JSON.parse
// could round. A leading 0 is not matched, so JSON.parse still rejects such a literal.
const LONG_INTEGER_OR_STRING = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])(-?[1-9]\d{15,})(?![.eE\d])/g;
const VALUE_POSITION_LONG_INTEGER = /([:[,]\s*)(-?[1-9]\d{15,})(?=\s*[,\]}])/g;
// A random prefix no page can guess: a string that starts with it is a marked integer. Short,
// because a real page has 257 of them (LastGC, PauseEnd) and JSON.parse reads each one.
const MARKER = `~${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}~`;
const MARKED_REPLACEMENT = `$1"${MARKER}$2"`;

/**
 * JSON.parse, except that integers beyond 2^53 (Go's LastGC and PauseEnd nanosecond
 * timestamps, ~1.7e18, or any big counter) come back as exact bigints instead of rounded
 * doubles. Walks the whole result; the scrape path uses parseMarkedJson instead and restores
 * only the values it reads.
 */
export function parseLosslessJson(text: string): JsonValue {
  return restoreExactIntegers(parseMarkedJson(text));
}

/**
 * Like parseLosslessJson, but an integer literal of 16 digits or more comes back as a marked
 * string, which exactValue turns into its exact value. Such literals are rewritten into marked
 * strings by one regex pass (a replacement pattern, no callback), so the parse itself is
 * JSON.parse. Restoring lazily matters: a page keeps at most a few hundred custom vars, so a
 * walk over every value of a large page would be mostly wasted, and JSON.parse's reviver
 * costs ten times the parse itself. lossless-json, a parser written in JavaScript, measured
 * 15x JSON.parse on a 200 KB page.
 */
export function parseMarkedJson(text: string): JsonValue {
  // Fast path: long integers where a JSON value can start and end. A match inside a string
  // literal cannot yield valid JSON (it would leave a backslash outside any string), so a
  // SyntaxError here sends the text down the string-aware path instead of changing a string.
  const fast = text.replace(VALUE_POSITION_LONG_INTEGER, MARKED_REPLACEMENT);
  if (fast.length === text.length) return JSON.parse(text) as JsonValue;
  try {
    return JSON.parse(fast) as JsonValue;
  } catch {
    return JSON.parse(
      text.replace(LONG_INTEGER_OR_STRING, (literal, integer?: string) =>
        integer === undefined ? literal : `"${MARKER}${integer}"`
      )
    ) as JsonValue;
  }
}

/** The decimal digits (with an optional -) of a marked integer, or undefined for any other value. */
export function markedDigits(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && isMarked(value) ? value.slice(MARKER.length) : undefined;
}

/** The value as the page wrote it: a marked integer becomes a number when safe, else a bigint. */
export function exactValue(value: JsonValue): JsonValue {
  const digits = markedDigits(value);
  if (digits === undefined) return value;
  const approximate = Number(digits);
  return Number.isSafeInteger(approximate) ? approximate : BigInt(digits);
}

/** Whether a string from parseMarkedJson stands for a long integer rather than a JSON string. */
export function isMarked(value: string): boolean {
  return value.charCodeAt(0) === 126 /* ~ */ && value.startsWith(MARKER);
}

/** Restores every marked value; recursion is safe because callers bound the depth first. */
function restoreExactIntegers(value: JsonValue): JsonValue {
  if (typeof value === 'string') return exactValue(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreExactIntegers(value[i]!);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value)
      if (Object.hasOwn(value, key)) value[key] = restoreExactIntegers(value[key]!);
  }
  return value;
}

const STRUCTURE = /[{}[\]"]/g;
const STRING_REST = /(?:[^"\\]|\\.)*"/y;

/**
 * The deepest nesting of objects and arrays, found without parsing: the regex engine jumps
 * from one bracket or quote to the next, and over whole string bodies.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  STRUCTURE.lastIndex = 0;
  for (let match = STRUCTURE.exec(text); match !== null; match = STRUCTURE.exec(text)) {
    const char = match[0];
    if (char === '"') {
      STRING_REST.lastIndex = STRUCTURE.lastIndex;
      if (STRING_REST.exec(text) === null) break; // unterminated string: JSON.parse will say so
      STRUCTURE.lastIndex = STRING_REST.lastIndex;
    } else if (char === '{' || char === '[') {
      if (++depth > deepest) deepest = depth;
    } else {
      depth--;
    }
  }
  return deepest;
}

const STRING_OR_NON_FINITE = /"(?:[^"\\]|\\.)*"|(NaN|[+-]?Inf(?:inity)?)/g;

/**
 * Where Go wrote NaN or ±Inf (expvar.Float does), which no JSON parser accepts. One regex pass
 * that steps over whole string literals, so a var's text "NaN" does not count.
 */
export function findNonFiniteToken(text: string): string | undefined {
  STRING_OR_NON_FINITE.lastIndex = 0;
  for (
    let match = STRING_OR_NON_FINITE.exec(text);
    match !== null;
    match = STRING_OR_NON_FINITE.exec(text)
  ) {
    if (match[1] !== undefined) return match[1];
  }
  return undefined;
}
