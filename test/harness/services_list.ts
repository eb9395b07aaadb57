import type { Locator, Page } from 'playwright-core';
import { waitFor } from './host_process';

/**
 * The services list's row of `service`, reloaded until its health cell reads `state` (health
 * follows the scrapes, so a page is reloaded rather than awaited).
 */
export async function reloadUntilListedHealth(
  page: Page,
  where: { readonly hostUrl: string; readonly service: string },
  state: string,
  timeoutMs: number
): Promise<Locator> {
  const row = page.locator('tr', {
    has: page.locator(`[data-test-subj="goRuntimeServiceLink-${where.service}"]`),
  });
  await waitFor(
    `the service listed ${state}`,
    async () => {
      await page.goto(`${where.hostUrl}/app/goRuntime?rangeFrom=now-15m&rangeTo=now`);
      await row.locator('[data-test-subj^="goRuntimeServiceHealth-"]').waitFor();
      return (await row.locator(`[data-test-subj="goRuntimeServiceHealth-${state}"]`).count()) === 1
        ? true
        : undefined;
    },
    timeoutMs
  );
  return row;
}
