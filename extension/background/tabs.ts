// Observing and acting on a tab: page actions go to the tab's content script;
// navigation, history, waiting and finishing are done here.
import browser from 'webextension-polyfill';
import { type Action, type ActionOf, type ActionResult, actionFailure, runsIn, type TabActionKind } from '../../shared/actions';
import type { RecordedStep } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import type { RecordingStep } from '../../shared/recording';
import { type MessageType, ProtocolError, type RequestOf, type ResponseOf } from '../../shared/protocol';
import { sendToTab } from '../lib/messaging';

const CONTENT_SCRIPT = 'content.js';

async function inject(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
  } catch (e) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    throw new ProtocolError('no_receiver', `Waymark cannot work in this tab (${tab?.url ?? 'unknown page'}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Sends to the tab's content script, injecting it once if the tab has none yet. */
export async function toContent<T extends MessageType>(tabId: number, type: T, payload: RequestOf<T>, timeoutMs = 30_000): Promise<ResponseOf<T>> {
  try {
    return await sendToTab(tabId, type, payload, timeoutMs);
  } catch (e) {
    if (!(e instanceof ProtocolError) || e.code !== 'no_receiver') throw e;
    await waitForLoad(tabId);
    await inject(tabId);
    return sendToTab(tabId, type, payload, timeoutMs);
  }
}

/** Resolves once the tab has finished loading (or after `timeoutMs`). */
export async function waitForLoad(tabId: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const tab = await browser.tabs.get(tabId);
    if (tab.status === 'complete') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** After an action that may have started a navigation: wait for the new page to load. */
async function followNavigation(tabId: number, urlBefore: string | undefined): Promise<string | undefined> {
  // A navigation shows as status 'loading' or a new URL shortly after the trigger.
  const until = Date.now() + 600;
  while (Date.now() < until) {
    const tab = await browser.tabs.get(tabId);
    if (tab.status === 'loading' || tab.url !== urlBefore) break;
    await new Promise((r) => setTimeout(r, 30));
  }
  await waitForLoad(tabId);
  return (await browser.tabs.get(tabId)).url;
}

export function observeTab(tabId: number, maxTextChars?: number): Promise<Observation> {
  return toContent(tabId, 'content.observe', maxTextChars ? { maxTextChars } : {});
}

/**
 * Back as the page itself goes back. The browser's own back (tabs.goBack) skips pages
 * that moved on without a user's gesture (Chrome's history intervention), and the
 * agent's clicks carry none: it went back past the page the run came from (to
 * about:blank, seen in a test). A page where no script runs goes back the browser's way.
 */
async function goBack(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, func: () => history.back() });
  } catch {
    await browser.tabs.goBack(tabId);
  }
}

async function navigate(tabId: number, action: Extract<Action, { kind: 'navigate' | 'back' }>, started: number): Promise<ActionResult> {
  const before = (await browser.tabs.get(tabId)).url;
  try {
    if (action.kind === 'navigate') await browser.tabs.update(tabId, { url: action.url });
    else await goBack(tabId);
  } catch (e) {
    return actionFailure('navigation_failed', `${action.kind}: ${e instanceof Error ? e.message : String(e)}`, { tookMs: Date.now() - started });
  }
  const url = await followNavigation(tabId, before);
  const navigated = url !== before || action.kind === 'navigate';
  const result: ActionResult = { ok: true, navigated, pageChanged: navigated, tookMs: Date.now() - started };
  if (url) result.url = url;
  return result;
}

/** How each tab action is carried out (the action table in shared/actions.ts says which run here). */
const TAB_ACTIONS: { [K in TabActionKind]: (tabId: number, action: ActionOf<K>, started: number) => Promise<ActionResult> } = {
  navigate: navigate,
  back: navigate,
  wait: async (_tabId, action, started) => {
    await new Promise((r) => setTimeout(r, action.seconds * 1000));
    return { ok: true, navigated: false, pageChanged: false, tookMs: Date.now() - started };
  },
};

export async function actOnTab(tabId: number, action: Action): Promise<ActionResult> {
  const started = Date.now();
  const place = runsIn(action.kind);
  if (place === 'tab') return (TAB_ACTIONS[action.kind as TabActionKind] as (t: number, a: Action, s: number) => Promise<ActionResult>)(tabId, action, started);
  if (place === 'agent') {
    // `done` changes nothing; its text is the run's answer.
    const result: ActionResult = { ok: true, navigated: false, pageChanged: false, tookMs: 0 };
    if (action.kind === 'done' && action.text !== undefined) result.extracted = action.text;
    return result;
  }
  const before = (await browser.tabs.get(tabId)).url;
  let result: ActionResult;
  try {
    result = await toContent(tabId, 'content.act', { action });
  } catch (e) {
    // The page may have navigated away before the content script could answer.
    const url = await followNavigation(tabId, before);
    if (url !== before) return { ok: true, navigated: true, pageChanged: true, url, tookMs: Date.now() - started };
    throw e;
  }
  if (result.navigated) {
    const url = await followNavigation(tabId, before);
    if (url) result.url = url;
  }
  return result;
}

/** One step of a Recorder recording on the tab: a navigation here, the rest in the page. */
export async function performRecordingStepOnTab(tabId: number, step: RecordingStep): Promise<{ recorded: RecordedStep | null }> {
  if (step.type !== 'navigate') return toContent(tabId, 'content.performRecordingStep', { step });
  // A path ("/shop/index.html") is on the tab's own site.
  const url = new URL(step.url, (await browser.tabs.get(tabId)).url).href;
  const action: Action = { kind: 'navigate', url };
  const result = await actOnTab(tabId, action);
  if (!result.ok) throw new Error(result.error?.message ?? `could not open ${url}`);
  return { recorded: { action, url, timestamp: Date.now() } };
}
