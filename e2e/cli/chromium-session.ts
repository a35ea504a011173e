// Chromium (Debian's) with the built extension, through Playwright: the same launch
// as the end-to-end tests, on a persistent profile.
import type { Page } from 'playwright-core';
import { launchExtension } from '../lib/browser';
import { type BrowserSession, callWorkerFrom, type EvaluateSource, messageFrom, type TaskTab, tabOpener } from './browser-session';
import { performWithPlaywright } from './recording-steps';

export async function launchChromiumSession(options: { profileDir: string; headed: boolean }): Promise<BrowserSession> {
  const ext = await launchExtension({ profileDir: options.profileDir, headed: options.headed });
  const control: EvaluateSource = (source) => ext.controlPage.evaluate(source);
  const openTab = tabOpener(control);
  return {
    browser: 'chromium',
    call: (method, ...args) => callWorkerFrom(control, method, args),
    message: (type, payload) => messageFrom(control, type, payload),
    async newTab() {
      const { value: page, tabId } = await openTab(() => ext.context.newPage());
      return chromiumTab(page, tabId);
    },
    close: () => ext.close(),
  };
}

function chromiumTab(page: Page, tabId: number): TaskTab {
  return {
    tabId,
    async open(url) {
      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      return response?.status() ?? null;
    },
    evaluate: (source) => page.evaluate(source),
    async settle() {
      await page.waitForLoadState('load', { timeout: 30_000 });
    },
    url: () => page.url(),
    perform: (step) => performWithPlaywright(page, step),
    close: () => page.close(),
  };
}
