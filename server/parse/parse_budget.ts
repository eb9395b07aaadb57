/**
 * Where a page is parsed. Parsing and deriving are synchronous: on Kibana's event loop, a large
 * page stalls every request the node serves meanwhile. A body up to INLINE_PARSE_BYTES is
 * parsed inline (well under a millisecond for a normal page); a larger one, up to the fetch
 * cap go_runtime.scrape.maxBytes (8 MiB), in a worker thread (parse_pool.ts).
 *
 * Measured with test/bench/event_loop_blocking.ts on the 2-core dev machine (max_custom_vars
 * 500, median / max of 9; the machine was shared, load 6-12, so maxima are inflated):
 *   inline parse + derive, real-shaped pages (full pause ring, 68 size classes, N custom vars
 *   of ~27 bytes): 10 KB 0.2 ms, 36 KB (1 k vars) 0.4 ms, 273 KB (10 k) 2-3.5 ms,
 *   810 KB (30 k) 5-10 ms, 1.6 MB (60 k) 13-17 ms, 3.3 MB (120 k) 25-33 ms, 6.8 MB (250 k) 56-86 ms;
 *   inline, densest shapes: one map of 87 k keys in 1 MiB 108-147 ms, 700 k keys in 8 MiB
 *   1.5-2.3 s (JSON.parse and Object.keys of a huge map dominate); an array of 0s in 8 MiB
 *   160-220 ms;
 *   through the pool (worker above 64 KiB), the longest event-loop delay: 1-5 ms median for
 *   every page up to 8 MiB, 36 ms median for the 700 k-key page (the machine's load: an idle
 *   process saw 40 ms delays at the same time).
 * The densest shape crosses 50 ms at about 512 KiB, so inline stops well below: at 64 KiB the
 * worst shape costs a few ms, and nearly every real page (a few KB) never pays the worker's
 * round trip (the body copied over, the bounded result cloned back, about 1 ms).
 */
export const INLINE_PARSE_BYTES = 64 * 1024;

/** The worker's heap cap: an 8 MiB page of 700 k keys needs about 150 MB while parsed. */
export const WORKER_HEAP_MB = 512;
