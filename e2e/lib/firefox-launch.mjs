// Debian's Firefox ESR with the built extension, through puppeteer-core over WebDriver
// BiDi: for the Firefox e2e test (node --test, plain JS) and `npm run stress`.
//
// How it reaches the extension: the add-on gets a fixed UUID (pref
// extensions.webextensions.uuids), so its pages have a known moz-extension:// URL;
// Firefox is started with --remote-allow-system-access, without which BiDi refuses to
// navigate a tab to a moz-extension:// page.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIREFOX = process.env.WAYMARK_FIREFOX ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.env.WAYMARK_FIREFOX_EXT ?? join(root, 'dist/firefox'));

/** Resolves `promise`, or rejects after `ms` with `what` in the message. */
export function within(ms, what, promise) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Polls `fn` until it returns something truthy. */
export async function until(what, fn, timeoutMs = 15_000, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Starts Firefox with the extension installed; returns the browser and the extension's origin. */
export async function launchFirefoxWithExtension() {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error(`no built extension at ${FIREFOX_EXTENSION_DIR}: run \`npm run build\` first`);
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: apt-get install -y firefox-esr`);
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('the Firefox manifest has no browser_specific_settings.gecko.id');
  const uuid = randomUUID();
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
  });
  const installed = await firefox.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== geckoId) throw new Error(`installed ${installed}, expected ${geckoId}`);
  return { firefox, geckoId, extensionOrigin: `moz-extension://${uuid}` };
}

/** Opens an extension page in a new tab and waits until its extension APIs are there. */
export async function openExtensionPage(firefox, extensionOrigin, path) {
  const p = await firefox.newPage();
  const url = `${extensionOrigin}/${path}`;
  // Firefox sends no load events for extension pages over BiDi, so puppeteer's default
  // wait would time out: wait for nothing, then poll the page itself.
  await p.goto(url, { waitUntil: [] });
  await until(`${url} to load`, () => p.evaluate((u) => location.href === u && document.readyState === 'complete' && typeof browser?.runtime?.sendMessage === 'function', url));
  return p;
}

/** Closes Firefox; its BiDi connection can hang, so the process is killed if it does not go. */
export async function closeFirefox(firefox) {
  const proc = firefox?.process();
  await within(10_000, 'browser.close()', firefox?.close() ?? Promise.resolve()).catch(() => proc?.kill('SIGKILL'));
}
