// Starts the worker and lets extension contexts reach it: each runtime.Port named
// WORKER_PORT_NAME is bridged to a MessageChannel whose other end the worker serves.
// Runs in Chrome's offscreen document and in Firefox's background page.
import * as Comlink from 'comlink';
import browser, { type Runtime } from 'webextension-polyfill';
import { BRIDGE_MESSAGE, type BrowserBridge } from '../../shared/browser-bridge';
import { sendErrorCodes } from '../../shared/comlink-errors';
import { WORKER_PORT_NAME } from '../../shared/worker-api';

export const HOST_HELLO = { waymarkHostHello: true } as const;

export interface WorkerHost {
  /** A port served by the worker, for code running in the host itself. */
  connectLocal(): MessagePort;
}

/** Starts the worker and gives it `bridge`, its way to tabs and screenshots. */
export function hostWorker(hostName: string, bridge: BrowserBridge): WorkerHost {
  const worker = new Worker(new URL('../../worker/worker.ts', import.meta.url), { type: 'module', name: 'waymark-worker' });
  worker.addEventListener('error', (e) => console.error('[waymark] worker error:', e.message));
  sendErrorCodes();
  const bridgeChannel = new MessageChannel();
  Comlink.expose(bridge, bridgeChannel.port1);
  worker.postMessage(BRIDGE_MESSAGE, [bridgeChannel.port2]);

  const connectLocal = (): MessagePort => {
    const channel = new MessageChannel();
    worker.postMessage({ waymarkConnect: true, host: hostName }, [channel.port2]);
    return channel.port1;
  };

  browser.runtime.onConnect.addListener((port: Runtime.Port) => {
    if (port.name !== WORKER_PORT_NAME) return;
    // The hello tells the caller this host is listening; before it, nothing is sent.
    port.postMessage(HOST_HELLO);
    const local = connectLocal();
    local.onmessage = (e) => port.postMessage(e.data);
    port.onMessage.addListener((message: unknown) => local.postMessage(message));
    port.onDisconnect.addListener(() => local.close());
  });

  return { connectLocal };
}
