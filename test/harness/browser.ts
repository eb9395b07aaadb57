import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../dev/lib/go_build';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');

/** Debian's Chromium, headless, with the background traffic this closed network refuses switched off. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageOptions {
  /** A user of the host's: Basic auth on every request (the page's fetches too), as a session. */
  readonly user?: string;
  /** Each wait of the page; on a loaded machine what is drawn comes late, not wrong. */
  readonly timeoutMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Elastic Charts' debug state on the charts' elements, for tests that read what they drew. */
  readonly chartDebugState?: boolean;
}

/**
 * A page in a browser context of its own, its uncaught errors collected into `pageErrors`, its
 * context added to `contexts` for the test file to close.
 */
export async function openPageIn(
  browser: Browser,
  contexts: BrowserContext[],
  pageErrors: string[],
  options: PageOptions = {}
): Promise<Page> {
  const { user } = options;
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1500, height: 1000 },
    ...(user === undefined
      ? {}
      : {
          extraHTTPHeaders: {
            authorization: `Basic ${Buffer.from(`${user}:changeme`).toString('base64')}`,
          },
        }),
  });
  contexts.push(context);
  if (options.chartDebugState === true)
    await context.addInitScript(() => {
      (window as unknown as { _echDebugStateFlag: boolean })._echDebugStateFlag = true;
    });
  const page = await context.newPage();
  if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}
