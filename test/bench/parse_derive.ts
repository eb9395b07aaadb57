/**
 * Parse + derive + build documents for successive real /debug/vars pages of a live Go program
 * (memory churning, GCs running; ~10 KB, and ~200 KB with 170 maps of custom vars that change
 * between pages), each derived against the previous page's cursor as the poller does, against
 * JSON.parse of the same pages in the same run. Prints µs per scrape, bytes allocated per
 * scrape, the ratios, and how many scrapes continued, restarted or were a first scrape.
 *
 *   npx tsx test/bench/parse_derive.ts      (needs `go` for the fixture; re-runs itself with
 *                                            --expose-gc and a large young generation)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { isRight } from 'fp-ts/Either';
import { startGoFixture } from '../harness/go_fixture';
import { benchTarget } from './bench_target';
import { buildGoPrograms } from '../../dev/lib/go_build';
import { parseExpvar } from '../../server/parse/parse_expvar';
import { deriveDocuments, type ScrapedPayload } from '../../server/tasks/scrape_target';
import type { GcCursor } from '../../server/derive/gc_cursor';

const FLAGS = ['--expose-gc', '--max-semi-space-size=512'];

function measure(
  label: string,
  iterations: number,
  work: () => void
): { usPerOp: number; cpuUsPerOp: number; bytesPerOp: number } {
  for (let i = 0; i < Math.min(200, iterations); i++) work(); // warm up the JIT
  const gc = (globalThis as { gc?: () => void }).gc!;
  // Timing: many iterations, GC allowed. CPU time too: on a shared machine, wall time also
  // counts the waits for a core, which skews the ratio.
  gc();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let i = 0; i < iterations; i++) work();
  const usPerOp = Number(process.hrtime.bigint() - started) / 1000 / iterations;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuUsPerOp = (cpu.user + cpu.system) / iterations;
  // Allocation: few iterations inside one young generation, so no collection hides bytes.
  const sample = 20;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < sample; i++) work();
  const bytesPerOp = (process.memoryUsage().heapUsed - before) / sample;
  process.stdout.write(
    `  ${label.padEnd(34)} ${usPerOp.toFixed(1).padStart(9)} µs/scrape  ${cpuUsPerOp
      .toFixed(1)
      .padStart(9)} µs CPU  ${(bytesPerOp / 1024).toFixed(0).padStart(7)} KiB allocated/scrape\n`
  );
  return { usPerOp, cpuUsPerOp, bytesPerOp };
}

/** `count` pages of the live fixture, 150 ms apart, `between` run before each. */
async function capturePages(
  url: string,
  count: number,
  between: () => Promise<void>
): Promise<Buffer[]> {
  const pages: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    await between();
    await new Promise((resolve) => setTimeout(resolve, 150));
    pages.push(Buffer.from(await (await fetch(url)).arrayBuffer()));
  }
  return pages;
}

async function main() {
  if (!process.execArgv.includes('--expose-gc')) {
    const result = spawnSync(process.execPath, [...FLAGS, '--import', 'tsx', __filename], {
      stdio: 'inherit',
      cwd: path.resolve(__dirname, '../..'),
    });
    process.exit(result.status ?? 1);
  }
  await buildGoPrograms();
  const fixture = await startGoFixture();
  try {
    await fixture.gc(300); // a full pause ring, as in a long-running service
    // Pages as a live service serves them: memory churning, GCs running, counters growing.
    await fixture.churn(40);
    const small = await capturePages(fixture.varsUrl, 64, async () => undefined);
    // A service with a couple of thousand custom vars: nested maps, strings and floats, some
    // of which change between scrapes.
    const subsystem = (i: number, tick: number) =>
      Object.fromEntries(
        Array.from({ length: 40 }, (_entry, j) => [
          `metric.${j}:count`,
          j % 3 === 0
            ? j * 1.5 + tick * i
            : j % 3 === 1
            ? j * 1000 + tick
            : `state-${(j + tick) % 7}`,
        ])
      );
    for (let i = 0; i < 170; i++)
      await fixture.setVar(`subsystem_${i}`, JSON.stringify(subsystem(i, 0)));
    let tick = 0;
    const large = await capturePages(fixture.varsUrl, 16, async () => {
      tick++;
      for (let i = 0; i < 170; i += 9)
        await fixture.setVar(`subsystem_${i}`, JSON.stringify(subsystem(i, tick)));
    });
    await fixture.churn(0);

    const target = benchTarget('t', 'bench-1', 'bench', fixture.varsUrl, 5_000);
    for (const [label, pages, iterations] of [
      ['5 KB', small, 20_000],
      ['200 KB', large, 500],
    ] as const) {
      const bytes = pages.reduce((sum, page) => sum + page.length, 0) / pages.length;
      process.stdout.write(
        `${label} payload (${pages.length} successive pages, ${Math.round(
          bytes
        )} bytes on average):\n`
      );
      let next = 0;
      const baseline = measure(
        'JSON.parse (baseline)',
        iterations,
        () => void JSON.parse(pages[next++ % pages.length]!.toString('utf8'))
      );
      // The poller's path: each page derived against the cursor of the one before, one 10 s
      // slot apart. Going from the last page back to the first is a restart (counters go back).
      let scrape = 0;
      let cursor: GcCursor | undefined;
      const changes = new Map<string, number>();
      const ours = measure('parse + derive + build documents', iterations, () => {
        const body = pages[scrape % pages.length]!;
        const slotMs = Date.UTC(2026, 11, 1) + scrape * 10_000;
        scrape++;
        const parsed = parseExpvar({
          status: 200,
          contentType: 'application/json',
          body,
          durationMs: 1,
        });
        if (!isRight(parsed)) throw new Error(parsed.left.message);
        const scraped: ScrapedPayload = {
          payload: parsed.right,
          scrapedAt: new Date(slotMs + 40),
          durationMs: 1,
        };
        const derived = deriveDocuments(target, slotMs, scraped, cursor);
        cursor = derived.gc?.cursor;
        const change = derived.gc?.change ?? 'none';
        changes.set(change, (changes.get(change) ?? 0) + 1);
      });
      process.stdout.write(
        `  scrapes by outcome: ${[...changes].map(([change, n]) => `${change} ${n}`).join(', ')}\n`
      );
      process.stdout.write(
        `  ratio ours/JSON.parse: ${(ours.usPerOp / baseline.usPerOp).toFixed(1)}x time, ${(
          ours.cpuUsPerOp / baseline.cpuUsPerOp
        ).toFixed(1)}x CPU, ${(ours.bytesPerOp / baseline.bytesPerOp).toFixed(1)}x allocation\n`
      );
    }
  } finally {
    await fixture.stop();
  }
}

void main();
