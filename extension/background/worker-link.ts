// The background's link to the worker, through Comlink: Chrome reaches the worker
// in an offscreen document over a runtime.Port; Firefox starts it from this page.
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { ProtocolError } from '../../shared/protocol';
import { WORKER_PORT_NAME, type WorkerApi } from '../../shared/worker-api';
import { portEndpoint } from '../lib/port-endpoint';
import type { HOST_HELLO, WorkerHost } from '../lib/worker-host';

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

interface Link {
  api: Comlink.Remote<WorkerApi>;
  closed: Promise<never>;
}

let link: Link | null = null;
let localHost: WorkerHost | null = null;

/** Connects to the host and waits for its hello; rejects if the port closes first. */
function connectOverPort(): Promise<Link> {
  const port = browser.runtime.connect({ name: WORKER_PORT_NAME });
  let helloSeen = false;
  const closed = new Promise<never>((_, reject) => {
    port.onDisconnect.addListener(() => {
      if (link?.closed === closed) link = null;
      reject(new ProtocolError('no_receiver', helloSeen ? 'the worker host went away' : 'the worker host is not listening yet'));
    });
  });
  closed.catch(() => undefined);
  const hello = new Promise<Link>((resolve) => {
    const onHello = (m: unknown) => {
      if ((m as typeof HOST_HELLO | undefined)?.waymarkHostHello !== true) return;
      helloSeen = true;
      port.onMessage.removeListener(onHello);
      resolve({ api: Comlink.wrap<WorkerApi>(portEndpoint(port)), closed });
    };
    port.onMessage.addListener(onHello);
  });
  return Promise.race([hello, closed]);
}

/** A host just created may not be listening yet: try again for a few seconds. */
async function connectWhenReady(): Promise<Link> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connectOverPort();
    } catch (e) {
      if (attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Firefox: the background page hosts the worker itself. */
export function useLocalHost(host: WorkerHost): void {
  localHost = host;
}

async function connect(): Promise<Link> {
  if (link) return link;
  if (localHost) {
    link = { api: Comlink.wrap<WorkerApi>(localHost.connectLocal()), closed: new Promise<never>(() => undefined) };
    return link;
  }
  await ensureOffscreen();
  link = await connectWhenReady();
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
