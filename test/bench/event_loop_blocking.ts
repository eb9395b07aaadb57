/**
 * How long one scrape's parse + derive holds the event loop, for real-shaped pages of several
 * sizes: a full pause ring with PauseEnd beyond 2^53, 68 size classes, plus N custom vars.
 * The poll loop runs this on Kibana's main thread, so this decides which bodies are refused
 * (see server/parse/parse_budget.ts). Prints the median and max of a few runs per page.
 *
 *   npx tsx test/bench/event_loop_blocking.ts
 */
import { isRight } from 'fp-ts/Either';
import { benchTarget } from './bench_target';
import { realShapedPage } from '../fixtures/payloads/real_shaped_page';
import { parseExpvar } from '../../server/parse/parse_expvar';
import { deriveDocuments } from '../../server/tasks/scrape_target';

const target = benchTarget('t', 'bench-1', 'bench', 'http://127.0.0.1:1/debug/vars', 500);

function blockMs(body: Buffer): { ms: number; outcome: string } {
  const started = performance.now();
  const parsed = parseExpvar({ status: 200, contentType: 'application/json', body, durationMs: 1 }, target.maxCustomVars);
  let outcome = 'refused';
  if (isRight(parsed)) {
    deriveDocuments(target, 0, { payload: parsed.right, scrapedAt: new Date(), durationMs: 1 }, undefined);
    outcome = 'parsed';
  } else if (parsed.left.kind !== 'too_large') {
    outcome = `error: ${parsed.left.message.slice(0, 60)}`;
  }
  return { ms: performance.now() - started, outcome };
}

const shapes: Array<[string, Buffer]> = [];
for (const vars of [0, 100, 1_000, 10_000, 30_000, 60_000, 120_000, 250_000, 500_000]) {
  shapes.push([`${vars} custom vars`, realShapedPage(vars)]);
}
shapes.push(['one 8 MiB string var', Buffer.from(realShapedPage(0).toString('utf8').replace(/}$/, `,"blob":"${'x'.repeat(8 * 1024 * 1024 - 20_000)}"}`))]);
shapes.push(['PauseNs of 2.8 M entries of -1', Buffer.from(realShapedPage(0).toString('utf8').replace(/"PauseNs":\[[^\]]*\]/, `"PauseNs":[${Array(2_800_000).fill('-1').join(',')}]`))]);

for (const [, body] of shapes.slice(0, 4)) for (let i = 0; i < 50; i++) blockMs(body);
// The densest shapes: the most JSON values per byte, which is what JSON.parse pays for.
for (const mib of [1, 2, 4, 8]) {
  const items = Math.floor((mib * 1024 * 1024) / 3);
  shapes.push([`${mib} MiB: one array of 0s`, Buffer.from(realShapedPage(0).toString('utf8').replace(/}$/, `,"zeros":[${'0,'.repeat(items)}0]}`))]);
  const keys = Math.floor((mib * 1024 * 1024) / 12);
  shapes.push([`${mib} MiB: ${keys} keys of one map`, Buffer.from(realShapedPage(0).toString('utf8').replace(/}$/, `,"m":{${Array.from({ length: keys }, (_, i) => `"k${i}":${i % 10}`).join(',')}}}`))]);
}
process.stdout.write('page                               bytes       median ms   max ms   outcome\n');
for (const [label, body] of shapes) {
  blockMs(body); // warm up the JIT for this shape
  const runs = Array.from({ length: 9 }, () => blockMs(body));
  const times = runs.map((run) => run.ms).sort((a, b) => a - b);
  process.stdout.write(
    `${label.padEnd(34)} ${String(body.length).padStart(9)}  ${times[4]!.toFixed(1).padStart(10)}  ${times[8]!.toFixed(1).padStart(7)}   ${runs[0]!.outcome}\n`
  );
}
