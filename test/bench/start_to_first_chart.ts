/**
 * Time from `npm start` to the first heap chart with data in Chromium, measured twice in one
 * run: cold (as on a fresh clone: .data and the dev/es build removed; npm and Maven caches
 * as they are, or empty when MAVEN_OPTS points at an empty repository) and warm (again, with
 * everything in place). Prints both and the warm/cold ratio.
 *
 *   npx tsx test/bench/start_to_first_chart.ts
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../harness/browser';

// BENCH_ROOT measures another checkout, e.g. a fresh clone without node_modules.
const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '../..');

async function measureOnce(label: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const deadline = Date.now() + 15 * 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`npm start exited early:\n${output.slice(-3000)}`);
      try {
        await page.goto('http://127.0.0.1:5601/app/goRuntime', { timeout: 5_000 });
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('[data-test-subj^="goRuntimeHeapChart-"]')].some(
              (el) => Number(el.getAttribute('data-point-count')) > 0
            ),
          undefined,
          { timeout: 15_000 }
        );
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(`${label}: first chart with data after ${seconds.toFixed(1)} s\n`);
        return seconds;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    throw new Error(`${label}: no chart within 15 minutes`);
  } finally {
    await browser.close();
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main() {
  rmSync(path.join(ROOT, '.data'), { recursive: true, force: true });
  rmSync(path.join(ROOT, 'dev/es/target'), { recursive: true, force: true });
  const cold = await measureOnce('cold');
  const warm = await measureOnce('warm');
  process.stdout.write(`warm/cold = ${(warm / cold).toFixed(2)}\n`);
}

void main();
