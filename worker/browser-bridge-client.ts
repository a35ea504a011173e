// The worker's side of the browser bridge: its host posts the bridge's port once at start.
import * as Comlink from 'comlink';
import { BRIDGE_MESSAGE, type BrowserBridge } from '../shared/browser-bridge';

let deliver: (bridge: BrowserBridge) => void = () => undefined;
const delivered = new Promise<BrowserBridge>((resolve) => {
  deliver = resolve;
});

export function listenForBridge(): void {
  self.addEventListener('message', (event: MessageEvent) => {
    const port = event.ports[0];
    if ((event.data as typeof BRIDGE_MESSAGE | undefined)?.waymarkBridge !== true || !port) return;
    deliver(Comlink.wrap<BrowserBridge>(port) as unknown as BrowserBridge);
  });
}

/** The bridge; the host sends it right after starting the worker. */
export function browserBridge(): Promise<BrowserBridge> {
  return delivered;
}
