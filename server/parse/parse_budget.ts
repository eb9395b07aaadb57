/**
 * The largest body parsed on Kibana's event loop. Parsing and deriving are synchronous, so a
 * large page stalls every request the Kibana node serves meanwhile; above this size a page is
 * refused with an error that says so, instead of being parsed.
 *
 * Measured with test/bench/event_loop_blocking.ts (real-shaped pages: full pause ring, 68 size
 * classes, N custom vars of ~27 bytes each, max_custom_vars 500, on the 2-core dev machine):
 * PLACEHOLDER_TABLE
 */
export const MAX_PARSED_BYTES = 512 * 1024;

export function refusalMessage(bytes: number): string {
  return (
    `the page is ${bytes} bytes, over the ${MAX_PARSED_BYTES}-byte limit for parsing on Kibana's event loop ` +
    `(a larger page would stall Kibana for over 50 ms per scrape); an expvar page is normally a few KB, ` +
    `so publish fewer or smaller custom vars`
  );
}
