/**
 * Parse + derive + build documents for a real 5 KB and a real ~200 KB /debug/vars body,
 * against JSON.parse of the same bytes in the same run. Prints µs per scrape, bytes
 * allocated per scrape and the ratios.
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
    const small = Buffer.from(await (await fetch(fixture.varsUrl)).arrayBuffer());
    // A service with a couple of thousand custom vars: nested maps, strings and floats.
    const big = Object.fromEntries(
      Array.from({ length: 170 }, (_, i) => [
        `subsystem_${i}`,
        Object.fromEntries(
          Array.from({ length: 40 }, (_entry, j) => [
            `metric.${j}:count`,
            j % 3 === 0 ? j * 1.5 : j % 3 === 1 ? j * 1000 : `state-${j}`,
          ])
        ),
      ])
    );
    for (const [name, value] of Object.entries(big))
      await fixture.setVar(name, JSON.stringify(value));
    const large = Buffer.from(await (await fetch(fixture.varsUrl)).arrayBuffer());

    const target = benchTarget('t', 'bench-1', 'bench', fixture.varsUrl, 5_000);
    for (const [label, body, iterations] of [
      ['5 KB', small, 20_000],
      ['200 KB', large, 500],
    ] as const) {
      process.stdout.write(`${label} payload (${body.length} bytes):\n`);
      const baseline = measure(
        'JSON.parse (baseline)',
        iterations,
        () => void JSON.parse(body.toString('utf8'))
      );
      const ours = measure('parse + derive + build documents', iterations, () => {
        const parsed = parseExpvar({
          status: 200,
          contentType: 'application/json',
          body,
          durationMs: 1,
        });
        if (!isRight(parsed)) throw new Error(parsed.left.message);
        const scraped: ScrapedPayload = {
          payload: parsed.right,
          scrapedAt: new Date(),
          durationMs: 1,
        };
        deriveDocuments(target, 0, scraped, undefined);
      });
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
