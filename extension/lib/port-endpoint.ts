// A Comlink endpoint over a runtime.Port, so extension contexts reach the worker
// through the browser's own channels. Values must be JSON-serialisable (Chrome's rule).
import type { Endpoint } from 'comlink';
import type { Runtime } from 'webextension-polyfill';

type Listener = Parameters<Endpoint['addEventListener']>[1];

export function portEndpoint(port: Runtime.Port): Endpoint {
  const wrapped = new Map<Listener, (message: unknown) => void>();
  return {
    postMessage: (message: unknown) => port.postMessage(message),
    addEventListener: (_type, listener) => {
      const relay = (data: unknown) => {
        const event = { data } as MessageEvent;
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      };
      wrapped.set(listener, relay);
      port.onMessage.addListener(relay);
    },
    removeEventListener: (_type, listener) => {
      const relay = wrapped.get(listener);
      if (relay) port.onMessage.removeListener(relay);
      wrapped.delete(listener);
    },
  };
}
