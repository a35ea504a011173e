// The background's link to the worker, through Comlink: Chrome reaches the worker
// in an offscreen document over a runtime.Port; Firefox starts it from this page.
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { ProtocolError } from '../../shared/protocol';
import type { WorkerApi } from '../../shared/worker-api';
import { connectWhenReady, type WorkerLink } from '../lib/worker-client';
import type { WorkerHost } from '../lib/worker-host';

const OFFSCREEN_URL = 'offscreen/offscreen.html';

export const hasOffscreen = (): boolean => typeof chrome !== 'undefined' && !!chrome.offscreen;

/** Creates the offscreen document unless it is there; true when this call created it. */
async function ensureOffscreen(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  if (contexts.length > 0) return false;
  try {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_URL,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Hosts the Waymark worker (models and memory store).',
    });
    return true;
  } catch (e) {
    // Two callers racing: the other one created it.
    if (!/single offscreen|already/i.test(String(e))) throw e;
    return false;
  }
}

/** Set while the runs of a browser session that ended are being marked interrupted. */
let interruptingAll = false;

let link: WorkerLink | null = null;
let localHost: WorkerHost | null = null;

/**
 * Firefox: the background page hosts the worker itself. A background page started anew
 * (Firefox stopped it while idle) picks up the runs the last one left unfinished.
 */
export function useLocalHost(host: WorkerHost): void {
  localHost = host;
  setTimeout(() => void resumeAfterHostStart(), 200);
}

const SESSION_MARK = 'waymark.hostSession';

/**
 * A host started anew resumes the runs left unfinished — unless this is the first host of
 * a browser session (the browser restarted, or the extension was reloaded: session storage
 * is empty then), whose runs' tabs are gone: those are marked interrupted.
 */
async function resumeAfterHostStart(): Promise<void> {
  if (interruptingAll) return;
  const firstInSession = !(await browser.storage.session.get(SESSION_MARK))[SESSION_MARK];
  if (firstInSession) await browser.storage.session.set({ [SESSION_MARK]: Date.now() });
  await resumeRuns(firstInSession);
}

async function connect(): Promise<WorkerLink> {
  if (link) return link;
  if (localHost) {
    link = { api: Comlink.wrap<WorkerApi>(localHost.connectLocal()), closed: new Promise<never>(() => undefined), isOpen: () => true };
    return link;
  }
  const created = await ensureOffscreen();
  const fresh = await connectWhenReady();
  // A host started anew (it was closed while no link of ours was open to see it go, or
  // an extension page restarted it) picks up the runs the last one left unfinished.
  if (created) setTimeout(() => void resumeAfterHostStart(), 200);
  fresh.closed.catch(() => {
    if (link !== fresh) return;
    link = null;
    // The host was closed (by the browser or the user): start it again at once, so
    // a run it was in the middle of carries on from its last recorded step.
    setTimeout(() => void resumeRuns(), 200);
  });
  link = fresh;
  return link;
}

/**
 * Calls the worker, (re)starting its host when needed. A call that finds the host
 * gone is tried once more on a fresh host.
 */
export async function callWorker<T>(fn: (api: Comlink.Remote<WorkerApi>) => Promise<T>, timeoutMs = 20_000): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const current = await connect();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProtocolError('timeout', `the worker did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([fn(current.api), current.closed, timeout]);
    } catch (e) {
      if (e instanceof ProtocolError && e.code === 'no_receiver' && attempt === 0) continue;
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Asks the worker to pick up runs a killed host left unfinished. */
export async function resumeRuns(afterBrowserRestart = false): Promise<void> {
  if (afterBrowserRestart) interruptingAll = true;
  try {
    const { resumed } = await callWorker((api) => api.resumeRuns({ interruptAll: afterBrowserRestart }));
    if (resumed.length) console.info(`[waymark] resumed ${resumed.length} unfinished run(s)`);
  } catch (e) {
    console.warn('[waymark] could not resume unfinished runs:', e);
  } finally {
    if (afterBrowserRestart) interruptingAll = false;
  }
}
