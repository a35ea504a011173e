// The content script: observe, act and record in the page, answering the
// background through the shared protocol.
import browser from 'webextension-polyfill';
import { createRouter, envelope, isEnvelope } from '../../shared/protocol';
import { act } from './act';
import { ElementRegistry, observe } from './observe';
import { Recorder } from './record';
import { performRecordingStep } from './recording-replay';

const GUARD = '__waymarkContentScript';

function start(): void {
  const registry = new ElementRegistry();
  const recorder = new Recorder(registry, (step) => {
    browser.runtime.sendMessage(envelope('bg.recordEvent', { step })).catch(() => {
      // The background may be restarting; the step is lost only from this page's view.
    });
  });

  const route = createRouter<undefined>({
    'content.ping': () => ({ url: location.href, recording: recorder.recording }),
    'content.observe': ({ maxTextChars }) => observe(registry, maxTextChars ? { maxTextChars } : {}),
    'content.act': ({ action }) => act(registry, action),
    'content.recordStart': () => {
      recorder.start();
      return { recording: true as const };
    },
    'content.recordStop': () => {
      recorder.stop();
      return { recording: false as const };
    },
    'content.performRecordingStep': async ({ step }) => ({ recorded: await performRecordingStep(registry, step) }),
  });

  browser.runtime.onMessage.addListener((raw: unknown) => {
    if (!isEnvelope(raw)) return undefined;
    const type = (raw as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.startsWith('content.')) return undefined;
    return route(raw, undefined);
  });

  // Record mode follows the user across page loads in the same tab.
  browser.runtime
    .sendMessage(envelope('bg.contentReady', {}))
    .then((reply) => {
      const r = reply as { ok?: boolean; data?: { recording?: boolean } } | undefined;
      if (r?.ok && r.data?.recording) recorder.start();
    })
    .catch(() => undefined);
}

// Injected both by the manifest and, for tabs open before install, by the background.
const w = window as unknown as Record<string, boolean>;
if (!w[GUARD]) {
  w[GUARD] = true;
  start();
}
