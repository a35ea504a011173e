// A thread of its own for OCR: recognition takes seconds on WASM, and the worker must
// keep answering (embedding, memory, the agent's steps) meanwhile.
import * as Comlink from 'comlink';
import type { BackendPreference } from '../../shared/worker-api';
import { sendErrorCodes } from '../../shared/comlink-errors';
import { fetchBundledFile } from '../models/model-files';
import { webGpuAdapterKind } from '../models/ort';
import type { RgbaImage } from '../vision/image';
import { createOcr, type Ocr, type OcrLine } from './ocr';

let ocr: Ocr | null = null;
let softwareGpuNote: string | undefined;

const api = {
  async start(requested: BackendPreference): Promise<void> {
    if (ocr) return;
    let preference = requested;
    // On a software adapter OCR takes minutes per screenshot instead of seconds on WASM.
    if (requested === 'auto' && (await webGpuAdapterKind()) === 'software') {
      preference = 'wasm';
      softwareGpuNote = 'the WebGPU adapter is a software fallback, on which OCR is far slower than on WASM';
    }
    ocr ??= createOcr({
      det: () => fetchBundledFile('models/ocr/det.onnx'),
      rec: () => fetchBundledFile('models/ocr/rec.onnx'),
      keys: async () => new TextDecoder().decode(await fetchBundledFile('models/ocr/keys.txt')),
      preference,
    });
  },
  async recognize(image: RgbaImage): Promise<{ lines: OcrLine[]; backend: Ocr['backend']; fallbackReason: string | undefined }> {
    if (!ocr) throw new Error('the OCR thread was not started');
    const lines = await ocr.recognize(image);
    return { lines, backend: ocr.backend, fallbackReason: softwareGpuNote ?? ocr.fallbackReason };
  },
};

export type OcrThreadApi = typeof api;

sendErrorCodes();
Comlink.expose(api);
