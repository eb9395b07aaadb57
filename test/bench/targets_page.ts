/**
 * The targets page with 10,000 targets: how long the first page and a search take, through
 * the API and in Chromium, against the same page with 10 targets measured in the same run.
 *
 *   npx tsx test/bench/targets_page.ts       (TARGETS=10000, ES_PORT=9280 by default)
 *
 * The 10,000 are disabled and point at loopback ports nobody listens on, so nothing is
 * scraped. They are written straight into the saved objects index in the dev host's layout
 * (one bulk request per 2,000): creating them through the API, one refresh per create, would
 * take minutes and measure the create route, not the page.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { startElasticsearch } from '../../dev/es/elasticsearch';
import { launchChromium } from '../harness/browser';
import { startHostProcess, uniquePrefix } from '../harness/host_process';

const TARGETS = Number(process.env.TARGETS ?? 10_000);
const ES_PORT = Number(process.env.ES_PORT ?? 9280);
const RUNS = 9;
const log = (line: string) => process.stdout.write(`${line}\n`);
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const es = await startElasticsearch({
    name: 'targets-bench',
    httpPort: ES_PORT,
    log: () => undefined,
  });
  process.env.GO_RUNTIME_TEST_ES_URL = es.url;
  const prefix = uniquePrefix('targetsbench');
  const host = await startHostProcess({ indexPrefix: prefix, ui: true });
  const client = new Client({ node: es.url });
  const browser = await launchChromium();
  try {
    const index = `${prefix}_saved_objects`;
    const insert = async (from: number, to: number) => {
      const now = new Date().toISOString();
      for (let start = from; start < to; start += 2_000) {
        const operations = [];
        for (let k = start; k < Math.min(to, start + 2_000); k++) {
          const name = `target-${String(k).padStart(5, '0')}`;
          operations.push({ create: { _index: index, _id: `go-runtime-target:${randomUUID()}` } });
          operations.push({
            type: 'go-runtime-target',
            namespaces: ['default'],
            created_at: now,
            updated_at: now,
            references: [],
            'go-runtime-target': {
              name,
              service_name: `service-${k % 100}`,
              url: `http://127.0.0.1:${10_000 + (k % 50_000)}/t/${k}/debug/vars`,
              interval: '10s',
              enabled: false,
            },
          });
        }
        const response = await client.bulk({ operations, refresh: false });
        if (response.errors) throw new Error('bulk insert of targets failed');
      }
      await client.indices.refresh({ index });
    };

    const measure = async (label: string) => {
      const api = { page: [] as number[], search: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        let started = performance.now();
        const page = await host.request(
          'GET',
          '/api/go_runtime/targets?per_page=20&sort_field=name'
        );
        api.page.push(performance.now() - started);
        if (page.body.targets.length === 0) throw new Error('no targets listed');
        started = performance.now();
        const found = await host.request(
          'GET',
          `/api/go_runtime/targets?per_page=20&search=target-0000${run}`
        );
        api.search.push(performance.now() - started);
        if (found.body.targets[0]?.name !== `target-0000${run}`)
          throw new Error(
            `search found ${JSON.stringify(
              found.body.targets.map((t: { name: string }) => t.name)
            )}`
          );
      }
      const ui = { load: [] as number[], open: [] as number[], search: [] as number[] };
      for (let run = 0; run < 5; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        const table = page.locator('[data-test-subj="goRuntimeTargetsTable"]');
        let started = performance.now();
        await page.goto(`${host.url}/app/goRuntime/targets`);
        await table.locator('tr', { hasText: 'target-00000' }).waitFor();
        ui.load.push(performance.now() - started);
        // Within the app (its bundle loaded, as in Kibana once it runs): Services, then the Targets tab.
        await page.locator('[data-test-subj="goRuntimeTab-services"]').click();
        await table.waitFor({ state: 'detached' });
        started = performance.now();
        await page.locator('[data-test-subj="goRuntimeTab-targets"]').click();
        await table.locator('tr', { hasText: 'target-00000' }).waitFor();
        ui.open.push(performance.now() - started);
        const wanted = `target-0000${run + 1}`;
        await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').fill(wanted);
        started = performance.now();
        await page.locator('[data-test-subj="goRuntimeTargetsSearch"]').press('Enter');
        await table.locator('tr', { hasText: 'target-00000' }).waitFor({ state: 'detached' });
        await table.locator('tr', { hasText: wanted }).waitFor();
        ui.search.push(performance.now() - started);
        await context.close();
      }
      const row = {
        label,
        apiPage: median(api.page),
        apiSearch: median(api.search),
        uiLoad: median(ui.load),
        uiOpen: median(ui.open),
        uiSearch: median(ui.search),
      };
      log(
        `${label}: API first page ${row.apiPage.toFixed(1)} ms, API search ${row.apiSearch.toFixed(
          1
        )} ms, cold page load ${row.uiLoad.toFixed(0)} ms, Targets tab ${row.uiOpen.toFixed(
          0
        )} ms, search in the page ${row.uiSearch.toFixed(
          0
        )} ms (medians; API of ${RUNS}, Chromium of 5)`
      );
      return row;
    };

    await insert(0, 10);
    const baseline = await measure('10 targets (baseline)');
    await insert(10, TARGETS);
    const count = (await host.request('GET', '/api/go_runtime/targets?per_page=1')).body.total;
    const large = await measure(`${count} targets`);
    log('');
    log('| | 10 targets | ' + count + ' targets | ratio |');
    log('|---|---|---|---|');
    for (const [name, key] of [
      ['API: first page of 20', 'apiPage'],
      ['API: search', 'apiSearch'],
      ['cold page load to the first row (Chromium, new context: the whole dev bundle)', 'uiLoad'],
      ['Targets tab opened in the app to the first row', 'uiOpen'],
      ['search in the page to its result', 'uiSearch'],
    ] as const) {
      log(
        `| ${name} | ${baseline[key].toFixed(0)} ms | ${large[key].toFixed(0)} ms | ${(
          large[key] / baseline[key]
        ).toFixed(2)} |`
      );
    }
  } finally {
    await browser.close();
    await host.stop();
    await client.close();
    await es.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
