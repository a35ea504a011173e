// Reaching the worker from any extension context over a runtime.Port to its host
// (Chrome's offscreen document, Firefox's background page), through Comlink.
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { ProtocolError } from '../../shared/protocol';
import { RETRY_SAFE, WORKER_PORT_NAME, type WorkerApi, type WorkerMethod } from '../../shared/worker-api';
import { portEndpoint } from './port-endpoint';
import type { HOST_HELLO } from './worker-host';

export interface WorkerLink {
  api: Comlink.Remote<WorkerApi>;
  /** Rejects when the host goes away. */
  closed: Promise<never>;
  /** False once the host went away (its port disconnected). */
  isOpen(): boolean;
}

/** Connects to the host and waits for its hello; rejects if the port closes first. */
export function connectOverPort(): Promise<WorkerLink> {
  const port = browser.runtime.connect({ name: WORKER_PORT_NAME });
  let helloSeen = false;
  let open = true;
  const closed = new Promise<never>((_, reject) => {
    port.onDisconnect.addListener(() => {
      open = false;
      reject(new ProtocolError('no_receiver', helloSeen ? 'the worker host went away' : 'the worker host is not listening yet'));
    });
  });
  closed.catch(() => undefined);
  const hello = new Promise<WorkerLink>((resolve) => {
    const onHello = (m: unknown) => {
      if ((m as typeof HOST_HELLO | undefined)?.waymarkHostHello !== true) return;
      helloSeen = true;
      port.onMessage.removeListener(onHello);
      resolve({ api: Comlink.wrap<WorkerApi>(portEndpoint(port)), closed, isOpen: () => open });
    };
    port.onMessage.addListener(onHello);
  });
  return Promise.race([hello, closed]);
}

/** A host just created may not be listening yet (it opens its store first; slower on a busy machine): try again for up to 15 s. */
export async function connectWhenReady(attempts = 150): Promise<WorkerLink> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await connectOverPort();
    } catch (e) {
      if (attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * The worker API for extension pages (popup, inspector): calls go straight to the
 * worker host (large results skip the background). Before each call the link is
 * checked; a host that went away (closed by the browser, or restarted) is started
 * again through the background (`ensureHost`) and reconnected.
 */
export function pageWorkerApi(ensureHost: () => Promise<unknown>, connect: () => Promise<WorkerLink> = connectWhenReady): WorkerApi {
  let link: Promise<WorkerLink> | null = null;
  const live = async (): Promise<WorkerLink> => {
    const current = link && (await link.catch(() => null));
    if (current?.isOpen()) return current;
    link = ensureHost().then(() => connect());
    return link;
  };
  return new Proxy({} as WorkerApi, {
    get: (_target, method) => {
      if (typeof method !== 'string' || method === 'then') return undefined;
      return async (...args: unknown[]) => {
        for (let attempt = 0; ; attempt++) {
          const { api, closed } = await live();
          const call = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
          try {
            return await Promise.race([call, closed]);
          } catch (e) {
            // The host went away under the call: a call that may be made twice is made again on the host started anew.
            if (attempt === 0 && e instanceof ProtocolError && e.code === 'no_receiver' && RETRY_SAFE.has(method as WorkerMethod)) continue;
            throw e;
          }
        }
      };
    },
  });
}
