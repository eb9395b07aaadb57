import { isRight, left, right, type Either } from 'fp-ts/Either';
import * as t from 'io-ts';
import { formatValidationErrors } from '../../common/io_ts_errors';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';
import { MemStats, type ExpvarPayload } from './expvar_payload';
import { findNonFiniteToken, nestingDepth, parseLosslessJson, type JsonValue } from './lossless_json';

/** Deeper than any sane expvar page; bounds the parser's recursion on hostile input. */
export const MAX_NESTING_DEPTH = 64;

const Cmdline = t.array(t.string);

/**
 * Turns the bytes of a /debug/vars answer into a typed payload, or says precisely why it is
 * not one. The checks run from the cheapest and most telling (status, HTML) to the decode.
 */
export function parseExpvar(fetched: FetchedBody): Either<ScrapeError, ExpvarPayload> {
  const text = fetched.body.toString('utf8');
  const looksHtml = /html/i.test(fetched.contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(text);

  if (fetched.status !== 200) {
    return left(
      scrapeError(
        'http_status',
        `answered HTTP ${fetched.status}${looksHtml ? ' with an HTML page' : ''}: ${snippet(text)}; check the URL and that the service exposes expvar`
      )
    );
  }
  if (looksHtml) {
    return left(
      scrapeError(
        'html_page',
        `answered with an HTML page, not expvar JSON (${snippet(text)}); Go serves expvar at /debug/vars once the program imports "expvar"`
      )
    );
  }

  const depth = nestingDepth(text);
  if (depth > MAX_NESTING_DEPTH) {
    return left(
      scrapeError(
        'too_deep',
        `the JSON is nested ${depth} levels deep, over the limit of ${MAX_NESTING_DEPTH}; a custom var publishes a runaway structure`
      )
    );
  }

  let document: JsonValue;
  try {
    document = parseLosslessJson(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const nonFinite = findNonFiniteToken(text);
    if (nonFinite !== undefined) {
      return left(
        scrapeError(
          'not_json',
          `the answer contains ${nonFinite}, which JSON cannot carry (Go's expvar.Float prints it as is); make that var publish a finite number or a string`
        )
      );
    }
    // Started like JSON but did not end like it: the connection was cut, not a wrong page.
    const truncated = /^\s*[{[]/.test(text) && !/[}\]]\s*$/.test(text);
    return left(
      scrapeError(
        'not_json',
        truncated
          ? `the answer is cut off before the JSON ends (${fetched.body.length} bytes received): ${reason}`
          : `the answer is not JSON (${reason}; served as ${fetched.contentType ?? 'no content type'}): ${snippet(text)}`
      )
    );
  }

  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return left(scrapeError('not_expvar', `the JSON is ${describeKind(document)}, but expvar always serves one object`));
  }
  const vars = document as Record<string, JsonValue>;
  // Go's expvar always publishes cmdline and memstats; a page with neither is some other JSON.
  if (!('memstats' in vars) && !('cmdline' in vars)) {
    return left(
      scrapeError(
        'not_expvar',
        'the JSON object has neither "memstats" nor "cmdline", so this is not a Go expvar page; check that the URL ends in /debug/vars'
      )
    );
  }
  let memstats: MemStats | undefined;
  if ('memstats' in vars) {
    const decoded = MemStats.decode(vars.memstats);
    if (!isRight(decoded)) {
      return left(scrapeError('not_expvar', `"memstats" does not look like Go's runtime.MemStats: ${formatValidationErrors(decoded.left)}`));
    }
    memstats = decoded.right;
  }
  const cmdline = Cmdline.decode(vars.cmdline);
  return right({ memstats, cmdline: isRight(cmdline) ? cmdline.right : undefined, vars });
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return 'empty body';
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
