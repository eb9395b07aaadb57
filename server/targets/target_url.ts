/**
 * The form of a target URL two targets are compared in: scheme and host lower-cased, the
 * default port and the fragment dropped, an empty path made `/` (WHATWG URL does most of it).
 * `HTTP://Orders:80/debug/vars#x` and `http://orders/debug/vars` are the same endpoint, and a
 * second target for it would scrape it twice.
 */
export function normalizeTargetUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.toString();
}
