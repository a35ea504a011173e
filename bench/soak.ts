// The soak of `npm run stress` (issue 16): agent runs on multi-step practice pages while
// the worker's host is killed at random moments — in Chromium its offscreen document is
// closed (and now and then the service worker stopped), in Firefox the extension is
// reloaded (its background page, the host, goes with it). Each run must end (resumed, or
// marked interrupted), keep every step it recorded (indices 0…n−1, none missing), and
// keep the page's verdict given after it.
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { mulberry32 } from '../shared/mulberry32';
import type { WorkerApi, WorkerMethod } from '../shared/worker-api';
import { launchExtension } from '../e2e/lib/browser';
import { closeFirefox, launchFirefoxWithExtension, openExtensionPage, until } from '../e2e/lib/firefox-launch.mjs';
import { widgetSucceeded, widgetTaskText } from '../e2e/lib/widget-page';
import { callWorkerInPage, workerCall } from '../e2e/lib/worker-calls';
import { startPracticeSites } from '../e2e/sites/index';

/** Multi-step practice pages (widgets), so a kill lands while a run is under way. */
const SOAK_PAGES = ['booking', 'search', 'inbox', 'tree', 'checkboxes', 'date-picker', 'row-fields', 'range-rows'];
/** A run not ended this long after its host was killed is stuck; one that took over SLOW_MS is reported. */
const END_WAIT_MS = 180_000;
const SLOW_MS = 60_000;

export interface SoakFigures {
  browser: 'chromium' | 'firefox';
  runs: number;
  hostKills: number;
  serviceWorkerStops: number;
  /** Runs not ended within the wait (neither resumed to an end nor marked interrupted). */
  stuck: number;
  /** Steps missing from a run's record (a gap in its indices). */
  stepsLost: number;
  /** Verdicts reported but not found on the run afterwards. */
  verdictsLost: number;
  resumedToAnEnd: number;
  markedInterrupted: number;
  /** Runs that ended, but more than a minute after the kill (a call left waiting for its timeout). */
  slow: number;
}

type Call = <M extends WorkerMethod>(method: M, ...args: Parameters<WorkerApi[M]>) => Promise<Awaited<ReturnType<WorkerApi[M]>>>;

/** What the soak needs of a browser with the extension. */
interface SoakBrowser {
  /** Opens the widget page; returns its task, its tab and how to read its own check. */
  open(url: string): Promise<{ task: string; tabId: number; success: () => Promise<boolean>; close: () => Promise<void> }>;
  call: Call;
  /** Kills the worker's host (and maybe more); says what it did. */
  kill(rand: () => number): Promise<{ host: boolean; serviceWorker: boolean }>;
  close(): Promise<void>;
}

async function soak(browser: SoakBrowser, name: SoakFigures['browser'], runs: number, seed: number, url: (path: string) => string): Promise<SoakFigures> {
  const rand = mulberry32(seed);
  const f: SoakFigures = { browser: name, runs: 0, hostKills: 0, serviceWorkerStops: 0, stuck: 0, stepsLost: 0, verdictsLost: 0, resumedToAnEnd: 0, markedInterrupted: 0, slow: 0 };
  for (let i = 0; i < runs; i++) {
    const kind = SOAK_PAGES[i % SOAK_PAGES.length]!;
    const page = await browser.open(url(`/widgets/${kind}.html?seed=${100 + i}`));
    const { runId } = await browser.call('startAgentRun', { task: page.task, tabId: page.tabId, maxSteps: 16, policy: { kind: 'offline' }, memory: { coach: rand() < 0.5, design: 'balanced', externalCheck: true } });
    f.runs++;
    // A random moment in the run.
    await new Promise((r) => setTimeout(r, Math.floor(rand() * 2_500)));
    const killed = await browser.kill(rand);
    if (killed.host) f.hostKills++;
    if (killed.serviceWorker) f.serviceWorkerStops++;
    // The run ends: resumed by the restarted host, or marked interrupted.
    const killedAt = Date.now();
    const deadline = killedAt + END_WAIT_MS;
    let run = await browser.call('getRun', runId).catch(() => null);
    while ((!run || run.endedAt === undefined) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      run = await browser.call('getRun', runId).catch(() => null);
    }
    if (!run || run.endedAt === undefined) {
      f.stuck++;
      const live = await browser.call('agentRunStatus', runId).catch((e: unknown) => String(e));
      // What it was doing last says where it hangs.
      const doing = live && typeof live === 'object' ? { running: live.running, last: live.activity.slice(-4) } : live;
      process.stdout.write(`${name} soak ${i + 1}/${runs} ${kind}: not ended after ${END_WAIT_MS / 1000} s (${run ? `${run.steps.length} steps kept` : 'no record'}; ${JSON.stringify(killed)}; live: ${JSON.stringify(doing)?.slice(0, 1500)})\n`);
      await page.close();
      continue;
    }
    const tookMs = Date.now() - killedAt;
    if (tookMs > SLOW_MS) {
      f.slow++;
      process.stdout.write(`${name} soak ${i + 1}/${runs} ${kind}: ended only ${Math.round(tookMs / 1000)} s after the kill (${JSON.stringify(killed)})\n`);
    }
    // Steps are numbered 0…n−1 as they are recorded: a gap is a step lost.
    const indices = run.steps.map((s) => s.index);
    if (indices.length) f.stepsLost += Math.max(...indices) + 1 - new Set(indices).size;
    if (run.outcome?.status === 'interrupted') f.markedInterrupted++;
    else if (killed.host) f.resumedToAnEnd++;
    const success = await page.success();
    await browser.call('recordVerdict', runId, { success, reason: `the page's own check ${success ? 'passed' : 'failed'}`, by: 'check' }).catch(() => undefined);
    const after = await browser.call('getRun', runId).catch(() => null);
    if (after?.outcome?.judgedBy !== 'check' || after.outcome.status !== (success ? 'success' : 'failure')) f.verdictsLost++;
    await page.close();
    process.stdout.write(`${name} soak ${i + 1}/${runs} ${kind}: ${run.outcome?.status}${killed.host ? ' (host killed)' : ''}\n`);
  }
  return f;
}

export async function soakChromium(runs: number, seed: number): Promise<SoakFigures> {
  const sites = await startPracticeSites();
  const ext = await launchExtension();
  const browser: SoakBrowser = {
    async open(url) {
      const page: ChromiumPage = await ext.context.newPage();
      await page.goto(url);
      return { task: await page.evaluate(widgetTaskText), tabId: await ext.tabIdOf(page), success: () => page.evaluate(widgetSucceeded), close: () => page.close() };
    },
    call: (method, ...args) => workerCall(ext.controlPage, method, ...args),
    async kill(rand) {
      // Close the worker host; one run in four also stops the service worker.
      const host = rand() < 0.8 && (await ext.serviceWorker.evaluate(() => chrome.offscreen.closeDocument().then(() => true, () => false)).catch(() => false));
      let serviceWorker = false;
      if (rand() < 0.25) {
        const cdp = await ext.context.newCDPSession(ext.controlPage);
        await cdp.send('ServiceWorker.enable').catch(() => undefined);
        serviceWorker = await cdp.send('ServiceWorker.stopAllWorkers').then(() => true, () => false);
        await cdp.detach().catch(() => undefined);
      }
      return { host, serviceWorker };
    },
    close: async () => {
      await ext.close();
      await sites.close();
    },
  };
  try {
    return await soak(browser, 'chromium', runs, seed, sites.url);
  } finally {
    await browser.close();
  }
}

export async function soakFirefox(runs: number, seed: number): Promise<SoakFigures> {
  const sites = await startPracticeSites();
  const { firefox, extensionOrigin } = await launchFirefoxWithExtension();
  let control = await openExtensionPage(firefox, extensionOrigin, 'popup/popup.html?control=1');
  const call: Call = async (method, ...args) => {
    const out = await control.evaluate(callWorkerInPage, [method, args] as const);
    if (!out.ok) throw new Error(`${method} failed: ${out.error.code ?? out.error.name}: ${out.error.message}`);
    return out.value as never;
  };
  const browser: SoakBrowser = {
    async open(url) {
      const page: FirefoxPage = await firefox.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const tabId = await until('the widget tab in tabs.query', () => control.evaluate(async (u: string) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({})).find((t) => t.url === u && t.status === 'complete')?.id, url));
      return { task: await page.evaluate(widgetTaskText), tabId, success: () => page.evaluate(widgetSucceeded), close: () => page.close() };
    },
    call,
    async kill(rand) {
      if (rand() >= 0.8) return { host: false, serviceWorker: false };
      // The extension reloads: its background page (the worker's host) and its pages go.
      await control.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.reload()).catch(() => undefined);
      await control.close().catch(() => undefined);
      control = await until('the extension back after its reload', () => openExtensionPage(firefox, extensionOrigin, 'popup/popup.html?control=1'), 30_000, 500);
      return { host: true, serviceWorker: false };
    },
    close: async () => {
      await closeFirefox(firefox);
      await sites.close();
    },
  };
  try {
    return await soak(browser, 'firefox', runs, seed, sites.url);
  } finally {
    await browser.close();
  }
}
