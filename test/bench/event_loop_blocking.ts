/**
 * How long one scrape's parse + derive holds the event loop, for real-shaped pages of several
 * sizes (a full pause ring with PauseEnd beyond 2^53, 68 size classes, plus N custom vars) and
 * for the densest shapes. "inline" is parse + derive on the main thread, which decides where
 * INLINE_PARSE_BYTES lies (server/parse/parse_budget.ts); "pool" is the longest event-loop
 * delay while the scrape path's ParsePool parses the page (in a worker above the threshold)
 * and the main thread derives. Medians and maxima of 9 runs per page.
 *
 *   npx tsx test/bench/event_loop_blocking.ts
 */
import { isRight } from 'fp-ts/Either';
import { benchTarget } from './bench_target';
import { realShapedPage } from '../fixtures/payloads/real_shaped_page';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseExpvar } from '../../server/parse/parse_expvar';
import { ParsePool } from '../../server/parse/parse_pool';
import { deriveDocuments } from '../../server/tasks/scrape_target';

const target = benchTarget('t', 'bench-1', 'bench', 'http://127.0.0.1:1/debug/vars', 500);

function blockMs(body: Buffer): { ms: number; outcome: string } {
  const started = performance.now();
  const parsed = parseExpvar(
    { status: 200, contentType: 'application/json', body, durationMs: 1 },
    target.maxCustomVars
  );
  let outcome = 'parsed';
  if (isRight(parsed))
    deriveDocuments(
      target,
      0,
      { payload: parsed.right, scrapedAt: new Date(), durationMs: 1 },
      undefined
    );
  else outcome = `error: ${parsed.left.message.slice(0, 50)}`;
  return { ms: performance.now() - started, outcome };
}

const pool = new ParsePool();

/** The longest the event loop waited while the pool parsed the page and the result was derived. */
async function poolBlockMs(body: Buffer): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const parsed = await pool.parse(
    { status: 200, contentType: 'application/json', body, durationMs: 1 },
    target.maxCustomVars
  );
  if (isRight(parsed))
    deriveDocuments(
      target,
      0,
      { payload: parsed.right, scrapedAt: new Date(), durationMs: 1 },
      undefined
    );
  await new Promise((resolve) => setTimeout(resolve, 5)); // let the histogram see the last stretch
  histogram.disable();
  return histogram.max / 1e6;
}

const shapes: Array<[string, Buffer]> = [];
for (const vars of [0, 100, 1_000, 10_000, 30_000, 60_000, 120_000, 250_000, 500_000]) {
  shapes.push([`${vars} custom vars`, realShapedPage(vars)]);
}
shapes.push([
  'one 8 MiB string var',
  Buffer.from(
    realShapedPage(0)
      .toString('utf8')
      .replace(/}$/, `,"blob":"${'x'.repeat(8 * 1024 * 1024 - 20_000)}"}`)
  ),
]);
shapes.push([
  'PauseNs of 2.8 M entries of -1',
  Buffer.from(
    realShapedPage(0)
      .toString('utf8')
      .replace(/"PauseNs":\[[^\]]*\]/, `"PauseNs":[${Array(2_800_000).fill('-1').join(',')}]`)
  ),
]);

for (const [, body] of shapes.slice(0, 4)) for (let i = 0; i < 50; i++) blockMs(body);
// The densest shapes: the most JSON values per byte, which is what JSON.parse pays for.
for (const mib of [1, 2, 4, 8]) {
  const items = Math.floor((mib * 1024 * 1024) / 3);
  shapes.push([
    `${mib} MiB: one array of 0s`,
    Buffer.from(
      realShapedPage(0)
        .toString('utf8')
        .replace(/}$/, `,"zeros":[${'0,'.repeat(items)}0]}`)
    ),
  ]);
  const keys = Math.floor((mib * 1024 * 1024) / 12);
  shapes.push([
    `${mib} MiB: ${keys} keys of one map`,
    Buffer.from(
      realShapedPage(0)
        .toString('utf8')
        .replace(
          /}$/,
          `,"m":{${Array.from({ length: keys }, (_, i) => `"k${i}":${i % 10}`).join(',')}}}`
        )
    ),
  ]);
}
async function main() {
  process.stdout.write(
    'page                               bytes   inline median/max ms   pool median/max ms   outcome\n'
  );
  for (const [label, body] of shapes) {
    blockMs(body); // warm up the JIT for this shape
    const runs = Array.from({ length: 9 }, () => blockMs(body));
    const times = runs.map((run) => run.ms).sort((a, b) => a - b);
    await poolBlockMs(body);
    const pooled: number[] = [];
    for (let i = 0; i < 9; i++) pooled.push(await poolBlockMs(body));
    pooled.sort((a, b) => a - b);
    const pair = (sorted: number[]) =>
      `${sorted[4]!.toFixed(1)} / ${sorted[8]!.toFixed(1)}`.padStart(16);
    process.stdout.write(
      `${label.padEnd(34)} ${String(body.length).padStart(9)}  ${pair(times)}     ${pair(
        pooled
      )}     ${runs[0]!.outcome}\n`
    );
  }
  await pool.stop();
}

void main();
