// Chrome's host page for the worker (service workers cannot start dedicated workers).
// Offscreen documents only have runtime messaging: the bridge goes through the background.
import { sendToBackground } from '../lib/messaging';
import { hostWorker } from '../lib/worker-host';

hostWorker('chrome-offscreen', {
  observe: (tabId, maxTextChars) => sendToBackground('bg.observe', maxTextChars === undefined ? { tabId } : { tabId, maxTextChars }),
  act: (tabId, action) => sendToBackground('bg.act', { tabId, action }, 120_000),
  screenshot: (tabId, options = {}) => sendToBackground('bg.screenshot', { tabId, ...options }),
  holdSecrets: async (runId, values) => void (await sendToBackground('bg.holdSecrets', { runId, values })),
  heldSecrets: async (runId) => (await sendToBackground('bg.heldSecrets', { runId })).values,
});
