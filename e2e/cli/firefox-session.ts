// Firefox (Debian's ESR) with the built extension, through puppeteer-core over WebDriver
// BiDi, as e2e/firefox/ does it: the add-on is installed for the session with a fixed
// UUID (so its pages, and its IndexedDB, have the same origin every time) and Firefox
// keeps that UUID and the add-on's storage when the session ends, so memory written in
// one invocation is there in the next on the same profile.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { type BrowserSession, callWorkerFrom, type EvaluateSource, isNavigationDuringEvaluate, messageFrom, type TaskTab, tabOpener } from './browser-session';
import { performWithPuppeteer } from './recording-steps';

const FIREFOX = process.env.WAYMARK_FIREFOX ?? '/usr/bin/firefox-esr';
const EXTENSION_DIR = resolve(process.env.WAYMARK_FIREFOX_EXT ?? join(import.meta.dirname, '../../dist/firefox'));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefoxSession(options: { profileDir: string; headed: boolean; extensionUuid: string }): Promise<BrowserSession> {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${EXTENSION_DIR}/manifest.json has no browser_specific_settings.gecko.id`);
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: !options.headed,
    userDataDir: options.profileDir,
    // Without it BiDi refuses to open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: options.extensionUuid }),
      // The add-on is temporary (installed per session): keep its origin and its data.
      'extensions.webextensions.keepUuidOnUninstall': true,
      'extensions.webextensions.keepStorageOnUninstall': true,
    },
  });
  try {
    await browser.installExtension(EXTENSION_DIR);
    const controlUrl = `moz-extension://${options.extensionUuid}/popup/popup.html?control=1`;
    const control = await browser.newPage();
    // Firefox sends no load events for extension pages over BiDi: poll the page instead.
    await control.goto(controlUrl, { waitUntil: [] });
    await until(`${controlUrl} to load`, () => control.evaluate(`location.href === ${JSON.stringify(controlUrl)} && document.readyState === 'complete' && typeof browser?.runtime?.sendMessage === 'function'`) as Promise<boolean>);
    const evaluate: EvaluateSource = (source) => control.evaluate(source);
    const openTab = tabOpener(evaluate);
    return {
      browser: 'firefox',
      call: (method, ...args) => callWorkerFrom(evaluate, method, args),
      message: (type, payload) => messageFrom(evaluate, type, payload),
      async newTab() {
        const { value: page, tabId } = await openTab(() => browser.newPage());
        return firefoxTab(page, tabId);
      },
      async close() {
        const proc = browser.process();
        await Promise.race([browser.close(), new Promise((_, reject) => setTimeout(() => reject(new Error('close timed out')), 10_000))]).catch(() => proc?.kill('SIGKILL'));
      },
    };
  } catch (e) {
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    throw e;
  }
}

function firefoxTab(page: Page, tabId: number): TaskTab {
  return {
    tabId,
    async open(url) {
      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      return response?.status() ?? null;
    },
    evaluate: (source) => page.evaluate(source),
    async settle() {
      await until('the page to load', async () => {
        try {
          return (await page.evaluate('document.readyState')) === 'complete';
        } catch (e) {
          if (isNavigationDuringEvaluate(e)) return false;
          throw e;
        }
      }, 30_000);
    },
    url: () => page.url(),
    perform: (step) => performWithPuppeteer(page, step),
    close: () => page.close(),
  };
}
