// Typed sends over the browser's message channels, with timeouts and clear errors.
import browser from 'webextension-polyfill';
import { type MessageType, ProtocolError, type RequestOf, type ResponseOf, request } from '../../shared/protocol';

const NO_RECEIVER = /Receiving end does not exist|Could not establish connection|No matching message handler/i;
const CHANNEL_CLOSED = /message port closed|message channel closed|page unloaded|context invalidated|Actor .* destroyed|did not send a response|before a response/i;

/** Maps the browser's transport failures onto protocol errors. */
export function transportError(type: string, e: unknown): ProtocolError {
  if (e instanceof ProtocolError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (NO_RECEIVER.test(message)) return new ProtocolError('no_receiver', `${type}: nothing is listening (${message})`);
  if (CHANNEL_CLOSED.test(message)) return new ProtocolError('no_receiver', `${type}: the receiver went away before answering (${message})`);
  return new ProtocolError('handler_error', `${type}: ${message}`);
}

async function guarded<T extends MessageType>(type: T, send: () => Promise<ResponseOf<T>>): Promise<ResponseOf<T>> {
  try {
    return await send();
  } catch (e) {
    throw transportError(type, e);
  }
}

export function sendToBackground<T extends MessageType>(type: T, payload: RequestOf<T>, timeoutMs?: number): Promise<ResponseOf<T>> {
  return guarded(type, () => request((env) => browser.runtime.sendMessage(env), type, payload, timeoutMs));
}

export function sendToTab<T extends MessageType>(tabId: number, type: T, payload: RequestOf<T>, timeoutMs?: number): Promise<ResponseOf<T>> {
  return guarded(type, () => request((env) => browser.tabs.sendMessage(tabId, env, { frameId: 0 }), type, payload, timeoutMs));
}
