// The Ocr interface backed by the OCR thread (ocr-thread.ts), for the worker.
import * as Comlink from 'comlink';
import type { BackendPreference } from '../../shared/worker-api';
import type { Ocr } from './ocr';
import type { OcrThreadApi } from './ocr-thread';

export function createThreadedOcr(preference: BackendPreference): Ocr {
  const thread = new Worker(new URL('./ocr-thread.ts', import.meta.url), { type: 'module', name: 'waymark-ocr' });
  const remote = Comlink.wrap<OcrThreadApi>(thread);
  const started = remote.start(preference);
  let backend: Ocr['backend'] = null;
  let fallbackReason: string | undefined;
  return {
    get backend() {
      return backend;
    },
    get fallbackReason() {
      return fallbackReason;
    },
    async recognize(image) {
      await started;
      // Copied, not transferred: the caller may still use its pixels.
      const result = await remote.recognize(image);
      backend = result.backend;
      fallbackReason = result.fallbackReason;
      return result.lines;
    },
    async dispose() {
      remote[Comlink.releaseProxy]();
      thread.terminate();
    },
  };
}
