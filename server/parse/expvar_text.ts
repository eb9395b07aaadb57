import { parseMarkedJson, type JsonValue } from './lossless_json';

export interface ParsedPage {
  /** The page; memstats always has its long integers marked (exact). */
  readonly document: JsonValue;
  /**
   * Whether long integers outside memstats are marked too. When not, an integer custom var
   * beyond 2^53 is a rounded double here, and whoever keeps one must re-read the page with
   * parseMarkedJson.
   */
  readonly exactVars: boolean;
}

// Go's expvar handler writes one var per line, `"name": value`, and memstats (json.Marshal
// of runtime.MemStats) on a single line. A raw newline never occurs inside a JSON string, so
// this prefix is always a key at the start of a line.
const MEMSTATS_LINE = '\n"memstats": ';

/**
 * Parses a /debug/vars page with exact integers where they are read, at nearly the cost of
 * one JSON.parse: the memstats line (LastGC, PauseEnd: 257 literals beyond 2^53) goes through
 * the exact parser, the rest of the page through JSON.parse alone. Any page not laid out the
 * way Go writes it, or where the memstats line is not unambiguously the top-level memstats,
 * is parsed exactly as a whole instead. Throws JSON.parse's SyntaxError for a page that is
 * not JSON.
 */
export function parseExpvarText(text: string): ParsedPage {
  return parseGoLayout(text) ?? { document: parseMarkedJson(text), exactVars: true };
}

function parseGoLayout(text: string): ParsedPage | undefined {
  const line = text.indexOf(MEMSTATS_LINE);
  if (line === -1 || text.indexOf(MEMSTATS_LINE, line + 1) !== -1) return undefined;
  const start = line + MEMSTATS_LINE.length;
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (text.charCodeAt(end - 1) === 44 /* , */) end--;
  let memstats: JsonValue;
  let document: JsonValue;
  try {
    memstats = parseMarkedJson(text.slice(start, end));
    document = JSON.parse(`${text.slice(0, start)}null${text.slice(end)}`) as JsonValue;
  } catch {
    return undefined; // the whole-page parse says what is wrong
  }
  // The placeholder must have landed on the top-level memstats, and the line must hold a
  // whole object; anything else is some other layout.
  if (!isObject(document) || document.memstats !== null || !isObject(memstats)) return undefined;
  document.memstats = memstats;
  return { document, exactVars: false };
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
