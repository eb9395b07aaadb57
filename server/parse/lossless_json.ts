import { parse } from 'lossless-json';

/** JSON as read losslessly: integers beyond 2^53 stay exact as bigint. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Integers that fit a double exactly stay numbers (fast to use everywhere); larger ones, like
 * Go's LastGC and PauseEnd nanosecond timestamps (~1.7e18), become bigint instead of being
 * rounded as JSON.parse would.
 */
function parseNumber(text: string): number | bigint {
  if (/^-?\d+$/.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : BigInt(text);
  }
  return Number(text);
}

export function parseLosslessJson(text: string): JsonValue {
  return parse(text, null, parseNumber) as JsonValue;
}

/** The deepest nesting of objects and arrays, scanned without parsing (strings skipped). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (code === 125 /* } */ || code === 93 /* ] */) {
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
