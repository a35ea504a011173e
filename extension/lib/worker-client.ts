// Reaching the worker from any extension context over a runtime.Port to its host
// (Chrome's offscreen document, Firefox's background page), through Comlink.
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { ProtocolError } from '../../shared/protocol';
import { WORKER_PORT_NAME, type WorkerApi } from '../../shared/worker-api';
import { portEndpoint } from './port-endpoint';
import type { HOST_HELLO } from './worker-host';

export interface WorkerLink {
  api: Comlink.Remote<WorkerApi>;
  /** Rejects when the host goes away. */
  closed: Promise<never>;
}

/** Connects to the host and waits for its hello; rejects if the port closes first. */
export function connectOverPort(): Promise<WorkerLink> {
  const port = browser.runtime.connect({ name: WORKER_PORT_NAME });
  let helloSeen = false;
  const closed = new Promise<never>((_, reject) => {
    port.onDisconnect.addListener(() => {
      reject(new ProtocolError('no_receiver', helloSeen ? 'the worker host went away' : 'the worker host is not listening yet'));
    });
  });
  closed.catch(() => undefined);
  const hello = new Promise<WorkerLink>((resolve) => {
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
export async function connectWhenReady(attempts = 50): Promise<WorkerLink> {
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
 * For extension pages (popup, inspector): asks the background to make sure the worker
 * host runs, then connects to it directly, so large results skip the background.
 */
export async function openWorkerFromPage(ensureHost: () => Promise<unknown>): Promise<WorkerLink> {
  await ensureHost();
  return connectWhenReady();
}
