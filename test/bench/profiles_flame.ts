/**
 * The Heap profile panel's flame graph in Chromium: time from a stored profile's stacks to the
 * drawn chart (the panel's column builder, then Elastic Charts' Flame until the animation frame
 * after it reports its WebGL frame rendered), for a 10,000-node profile, next to a 1,000-node one measured in the same
 * run. Median of BENCH_RUNS draws each (default 9), after one unmeasured warm-up draw.
 *
 *   npx tsx test/bench/profiles_flame.ts
 *
 * The profiles are shaped like the stored ones at their cap: S stacks of D distinct frames
 * each under one root (10,000 nodes = 100 stacks × 100 frames), so no two stacks merge.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { FlameInput } from '../../public/application/charts/flame_columns';
import { launchChromium } from '../harness/browser';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const GOAL_MS = 1_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `stacks` stacks of `depth` frames of their own under main.main: stacks × depth + 2 nodes. */
function profile(stacks: number, depth: number): FlameInput {
  const functions = [{ function: 'main.main' }];
  const shaped: Array<{ frames: number[]; values: number[] }> = [];
  for (let s = 0; s < stacks; s++) {
    const frames = [0];
    for (let d = 0; d < depth; d++) {
      frames.push(functions.length);
      functions.push({ function: `github.com/acme/app/pkg${d % 7}.(*T${s}).step${d}` });
    }
    // Heavier stacks first, as the stored ones are; values per type like a Go heap profile's.
    const value = (stacks - s) * 4096;
    shaped.push({ frames, values: [value / 64, value, value / 128, value / 2] });
  }
  return { functions, stacks: shaped };
}

async function main() {
  const bundle = await build({
    entryPoints: [path.join(__dirname, 'flame', 'flame_page.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 600 } });
    await page.setContent('<!doctype html><html><body><div id="root"></div></body></html>');
    // The charts' own stylesheet, as Kibana loads it: without it the chart has no size to draw in.
    await page.addStyleTag({ path: require.resolve('@elastic/charts/dist/theme_light.css') });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const measure = async (label: string, input: FlameInput) => {
      const times: number[] = [];
      const queued: number[] = [];
      let nodes = 0;
      for (let run = 0; run <= RUNS; run++) {
        const drawn = await page.evaluate(([data, key]) => window.drawFlame(data, key), [
          input,
          `${label}-${run}`,
        ] as const);
        nodes = drawn.nodes;
        if (run > 0) {
          times.push(drawn.ms);
          queued.push(drawn.queuedMs);
        }
      }
      return { nodes, median: median(times), max: Math.max(...times), queued: median(queued) };
    };
    const baseline = await measure('baseline', profile(10, 100));
    const large = await measure('large', profile(100, 100));
    log(
      `baseline: ${baseline.nodes} nodes drawn in ${baseline.median.toFixed(
        0
      )} ms (median of ${RUNS}, max ${baseline.max.toFixed(
        0
      )} ms; frame queued at ${baseline.queued.toFixed(0)} ms)`
    );
    log(
      `flame graph: ${large.nodes} nodes drawn in ${large.median.toFixed(
        0
      )} ms (median of ${RUNS}, max ${large.max.toFixed(
        0
      )} ms; frame queued at ${large.queued.toFixed(0)} ms), ${(
        large.median / baseline.median
      ).toFixed(1)}× the baseline; goal ≤ ${GOAL_MS} ms: ${
        large.median <= GOAL_MS ? 'met' : 'NOT met'
      }`
    );
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
