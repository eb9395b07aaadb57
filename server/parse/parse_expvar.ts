import { isRight, left, right, type Either } from 'fp-ts/Either';
import { DEFAULT_MAX_CUSTOM_VARS } from '../../common/targets';
import { formatValidationErrors } from '../../common/io_ts_errors';
import { flattenCustomVars } from '../derive/custom_vars';
import type { FetchedBody } from '../scrape/fetch_expvar';
import { scrapeError, type ScrapeError } from '../scrape/scrape_error';
import { MemStats, type ExpvarPayload } from './expvar_payload';
import { parseExpvarText, type ParsedPage } from './expvar_text';
import { findNonFiniteToken, isMarked, parseMarkedJson, type JsonValue } from './lossless_json';

/**
 * Deeper than any sane expvar page. JSON.parse itself does not recurse, but the walk over the
 * custom vars does; it stops at this depth.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Turns the bytes of a /debug/vars answer into a typed payload, or says precisely why it is
 * not one. The checks run from the cheapest and most telling (status, HTML) to the decode.
 */
export function parseExpvar(
  fetched: FetchedBody,
  maxCustomVars = DEFAULT_MAX_CUSTOM_VARS
): Either<ScrapeError, ExpvarPayload> {
  // The head is enough to recognise HTML; decoding a refused 8 MiB body would cost for nothing.
  const head = fetched.body.subarray(0, 512).toString('utf8');
  const looksHtml =
    /html/i.test(fetched.contentType ?? '') || /^\s*<(!doctype|html|head|body)/i.test(head);

  if (fetched.status !== 200) {
    return left(
      scrapeError(
        'http_status',
        `answered HTTP ${fetched.status}${looksHtml ? ' with an HTML page' : ''} (${describeBody(
          fetched
        )}); check the URL and that the service exposes expvar`
      )
    );
  }
  if (looksHtml) {
    return left(
      scrapeError(
        'html_page',
        `answered with an HTML page, not expvar JSON (${describeBody(
          fetched
        )}); Go serves expvar at /debug/vars once the program imports "expvar"`
      )
    );
  }

  const text = fetched.body.toString('utf8');
  let page: ParsedPage;
  try {
    page = parseExpvarText(text);
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
    const last = text.trimEnd().slice(-1);
    const truncated = /^\s*[{[]/.test(head) && last !== '}' && last !== ']';
    return left(
      scrapeError(
        'not_json',
        truncated
          ? `the answer is cut off before the JSON ends (${
              fetched.body.length
            } bytes received): ${cut(reason, 120)}`
          : `the answer is not JSON (${cut(reason, 120)}; ${describeBody(fetched)})`
      )
    );
  }

  const { document } = page;
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return left(
      scrapeError(
        'not_expvar',
        `the JSON is ${describeKind(document)}, but expvar always serves one object`
      )
    );
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
      return left(
        scrapeError(
          'not_expvar',
          `"memstats" does not look like Go's runtime.MemStats: ${formatValidationErrors(
            decoded.left
          )}`
        )
      );
    }
    memstats = decoded.right;
  }
  let customVars = flattenCustomVars(vars, maxCustomVars, MAX_NESTING_DEPTH);
  if (customVars.inexact === true && !page.exactVars) {
    // A kept var is an integer beyond 2^53, read rounded: read the page again, exactly.
    customVars = flattenCustomVars(
      parseMarkedJson(text) as Record<string, JsonValue>,
      maxCustomVars,
      MAX_NESTING_DEPTH
    );
  }
  if (customVars.tooDeep !== undefined) {
    const { pointer, depth } = customVars.tooDeep;
    return left(
      scrapeError(
        'too_deep',
        `the JSON is nested ${depth} levels deep, over the limit of ${MAX_NESTING_DEPTH}, at ${cut(
          pointer,
          100
        )}; a custom var publishes a runaway structure`
      )
    );
  }
  const { tooDeep: _none, inexact: _rounded, ...kept } = customVars;
  return right({ memstats, cmdline: readCmdline(vars.cmdline), customVars: kept });
}

/** Go's cmdline var is os.Args; anything else there is left out rather than misread. */
function readCmdline(value: JsonValue | undefined): readonly string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.every((arg) => typeof arg === 'string' && !isMarked(arg))
    ? (value as string[])
    : undefined;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * Content type and length only: the body of an error page may carry internal details (or a
 * proxy's answer) that the target's health must not pass on to every reader.
 */
function describeBody(fetched: FetchedBody): string {
  const served = `served as ${fetched.contentType ?? 'no content type'}`;
  return fetched.body.toString('utf8').trim() === ''
    ? `empty body, ${served}`
    : `${served}, ${fetched.body.length} bytes`;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
