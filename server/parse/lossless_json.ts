/** JSON as read losslessly: integers beyond 2^53 stay exact as bigint. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

// A string literal (left alone), or an integer literal of 16+ digits that is not part of a
// fraction or an exponent (nothing numeric on either side): the only literals JSON.parse
// could round.
const LONG_INTEGER_OR_STRING = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![.eE\d])/g;
const VALUE_POSITION_LONG_INTEGER = /([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g;
const NONCE = Math.random().toString(36).slice(2);
// The marker starts with NUL: written escaped into the JSON text, it comes back decoded.
const MARKER_IN_JSON = `\\u0000exact-integer-${NONCE}:`;
const MARKER = `\u0000exact-integer-${NONCE}:`;

/**
 * JSON.parse, except that integers beyond 2^53 (Go's LastGC and PauseEnd nanosecond
 * timestamps, ~1.7e18, or any big counter) come back as exact bigints instead of rounded
 * doubles. Such literals are first turned into marked strings, which a reviver turns into
 * bigints; a body without them costs one regex pass over the text. This runs several times
 * faster than a JSON parser written in JavaScript (lossless-json measured 15x JSON.parse on
 * a 200 KB page; see test/bench/parse_derive.ts).
 */
export function parseLosslessJson(text: string): JsonValue {
  // Fast path: long integers where a JSON value can start and end. A match inside a string
  // literal cannot yield valid JSON (it would leave a backslash outside any string), so a
  // SyntaxError here sends the text down the string-aware path instead of changing a string.
  let marked = false;
  const fast = text.replace(VALUE_POSITION_LONG_INTEGER, (whole, before: string, literal: string) => {
    if (Number.isSafeInteger(Number(literal))) return whole;
    marked = true;
    return `${before}"${MARKER_IN_JSON}${literal}"`;
  });
  if (!marked) return JSON.parse(text) as JsonValue;
  try {
    return restoreExactIntegers(JSON.parse(fast) as JsonValue);
  } catch {
    return parseStringAware(text);
  }
}

function parseStringAware(text: string): JsonValue {
  let marked = false;
  const rewritten = text.replace(LONG_INTEGER_OR_STRING, (literal) => {
    if (literal.charCodeAt(0) === 34 /* " */) return literal;
    if (Number.isSafeInteger(Number(literal))) return literal;
    marked = true;
    return `"${MARKER_IN_JSON}${literal}"`;
  });
  if (!marked) return JSON.parse(text) as JsonValue;
  // A walk of our own: JSON.parse's reviver costs ten times the parse itself.
  return restoreExactIntegers(JSON.parse(rewritten) as JsonValue);
}

function restoreExactIntegers(value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    return value.charCodeAt(0) === 0 && value.startsWith(MARKER) ? BigInt(value.slice(MARKER.length)) : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreExactIntegers(value[i]!);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) value[key] = restoreExactIntegers(value[key]!);
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

/** Where Go wrote NaN or ±Inf (expvar.Float does), which no JSON parser accepts. */
export function findNonFiniteToken(text: string): string | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++;
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) {
      inString = true;
      continue;
    }
    const match = /^(NaN|[+-]?Inf(inity)?)/.exec(text.slice(i, i + 9));
    if (match !== null) return match[1];
  }
  return undefined;
}
