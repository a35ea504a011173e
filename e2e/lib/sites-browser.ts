// The suites' page checks (practice, held-out, widgets) do each task by hand in plain
// Chromium against the practice sites: one browser and one context per spec file, so
// each task's setup must undo what the last one left.
import { test } from '@playwright/test';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { type PracticeSites, startPracticeSites } from '../sites/index';
import { CHROMIUM } from './browser';

export interface SitesBrowser {
  readonly sites: PracticeSites;
  readonly context: BrowserContext;
}

/** Registers the file's beforeAll/afterAll; the returned object is filled in before its first test. */
export function useSitesBrowser(viewport: { width: number; height: number }): SitesBrowser {
  let browser: Browser | undefined;
  const shared = {} as { sites: PracticeSites; context: BrowserContext };
  test.beforeAll(async () => {
    shared.sites = await startPracticeSites();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    shared.context = await browser.newContext({ viewport });
    shared.context.setDefaultTimeout(5_000);
  });
  test.afterAll(async () => {
    await browser?.close();
    await shared.sites?.close();
  });
  return shared;
}
