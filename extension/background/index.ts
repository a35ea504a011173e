// The background: a thin bridge that routes the protocol to tabs, screenshots,
// recordings and the worker. Everything it does lives in a module named for it.
import browser, { type Runtime } from 'webextension-polyfill';
import { createRouter, type MessageType, sentByPages } from '../../shared/protocol';
import { VERSION } from '../../shared/version';
import { hostWorker } from '../lib/worker-host';
import { checkSecretsCaller, heldSecrets, holdSecrets } from './held-secrets';
import { checkRecordingAllowed } from './record-guard';
import { appendStep, isRecording, recordingStatus, startRecording, stopRecording, watchNavigations } from './recording';
import { captureTab } from './screenshot';
import { actOnTab, observeTab, performRecordingStepOnTab } from './tabs';
import { callWorker, hasOffscreen, resumeRuns, useLocalHost } from './worker-link';

interface Context {
  sender: Runtime.MessageSender;
}

function senderTab(ctx: Context): number {
  const id = ctx.sender.tab?.id;
  if (id === undefined) throw new Error('this message must come from a tab');
  return id;
}

/** The extension's own pages (popup, also opened in a tab; the offscreen host; control pages), not a web page's content script. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.tab === undefined || (sender.url ?? '').startsWith(browser.runtime.getURL('')));
}

/** Who may send what: a web page's content script only its own messages (record events, its arrival); the rest only the extension's pages. */
function admit(type: MessageType, ctx: Context): string | undefined {
  if (sentByPages(type)) return ctx.sender.tab?.id === undefined ? 'must come from a tab' : undefined;
  return fromExtensionPage(ctx.sender) ? undefined : "only the extension's own pages may send this";
}

const route = createRouter<Context>({
  'bg.ping': () => ({ version: VERSION, browser: hasOffscreen() ? 'chrome' : 'firefox' }),
  'bg.observe': ({ tabId, maxTextChars }) => observeTab(tabId, maxTextChars),
  'bg.act': ({ tabId, action }) => actOnTab(tabId, action),
  'bg.screenshot': ({ tabId, ...opts }) => captureTab(tabId, opts),
  'bg.recordStart': async ({ tabId, task }) => {
    await checkRecordingAllowed(tabId);
    await startRecording(tabId, task);
    return { recording: true as const };
  },
  'bg.recordStop': ({ tabId }) => stopRecording(tabId),
  'bg.recordStatus': ({ tabId }) => recordingStatus(tabId),
  'bg.recordEvent': async ({ step }, ctx) => ({ count: await appendStep(senderTab(ctx), step) }),
  'bg.contentReady': async (_, ctx) => ({ recording: await isRecording(senderTab(ctx)) }),
  'bg.workerStatus': () => callWorker((api) => api.ping()),
  'bg.performRecordingStep': ({ tabId, step }) => performRecordingStepOnTab(tabId, step),
  'bg.holdSecrets': async ({ runId, values }, ctx) => {
    checkSecretsCaller(ctx.sender);
    return { held: await holdSecrets(runId, values) };
  },
  'bg.heldSecrets': async ({ runId }, ctx) => {
    checkSecretsCaller(ctx.sender);
    return { values: await heldSecrets(runId) };
  },
}, admit);

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => route(raw, { sender }));

// Firefox has no offscreen documents: its background page hosts the worker, and
// the worker's bridge calls this page's own functions.
if (!hasOffscreen()) {
  useLocalHost(
    hostWorker('firefox-background', {
      observe: (tabId, maxTextChars) => observeTab(tabId, maxTextChars),
      act: (tabId, action) => actOnTab(tabId, action),
      screenshot: (tabId, options = {}) => captureTab(tabId, options),
      holdSecrets: async (runId, values) => void (await holdSecrets(runId, values)),
      heldSecrets: (runId) => heldSecrets(runId),
    }),
  );
}

watchNavigations();

// After a browser restart, runs that were in progress cannot go on (their tabs are
// new): the worker marks them interrupted, keeping every step.
browser.runtime.onStartup.addListener(() => void resumeRuns(true));

// Tabs open before install have no content script yet: add it to each.
browser.runtime.onInstalled.addListener(async () => {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*', 'file:///*'] });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).catch(() => undefined),
    ),
  );
});
