// The background's link to the worker, through Comlink: Chrome reaches the worker
// in an offscreen document over a runtime.Port; Firefox starts it from this page.
import * as Comlink from 'comlink';
import { ProtocolError } from '../../shared/protocol';
import type { WorkerApi } from '../../shared/worker-api';
import { connectWhenReady, type WorkerLink } from '../lib/worker-client';
import type { WorkerHost } from '../lib/worker-host';

const OFFSCREEN_URL = 'offscreen/offscreen.html';

export const hasOffscreen = (): boolean => typeof chrome !== 'undefined' && !!chrome.offscreen;

async function ensureOffscreen(): Promise<void> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  if (contexts.length > 0) return;
  try {
    await chrome.offscreen.createDocument({
      url: OFFSCREEN_URL,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Hosts the Waymark worker (models and memory store).',
    });
  } catch (e) {
    // Two callers racing: the other one created it.
    if (!/single offscreen|already/i.test(String(e))) throw e;
  }
}

let link: WorkerLink | null = null;
let localHost: WorkerHost | null = null;

/** Firefox: the background page hosts the worker itself. */
export function useLocalHost(host: WorkerHost): void {
  localHost = host;
}

async function connect(): Promise<WorkerLink> {
  if (link) return link;
  if (localHost) {
    link = { api: Comlink.wrap<WorkerApi>(localHost.connectLocal()), closed: new Promise<never>(() => undefined), isOpen: () => true };
    return link;
  }
  await ensureOffscreen();
  const fresh = await connectWhenReady();
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
  try {
    const { resumed } = await callWorker((api) => api.resumeRuns({ interruptAll: afterBrowserRestart }));
    if (resumed.length) console.info(`[waymark] resumed ${resumed.length} unfinished run(s)`);
  } catch (e) {
    console.warn('[waymark] could not resume unfinished runs:', e);
  }
}
