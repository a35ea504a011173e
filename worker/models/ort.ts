// onnxruntime-web for every model in the worker: one place that picks the execution
// provider (WebGPU when an adapter exists, WASM otherwise) and turns load failures
// into clear errors. Works in the extension's worker and in Node (unit tests, WASM).
import * as ort from 'onnxruntime-web';

export { ort };

export type ExecutionBackend = 'webgpu' | 'wasm';
export type BackendPreference = 'auto' | ExecutionBackend;

export type ModelErrorCode = 'model_missing' | 'model_corrupt' | 'backend_unavailable' | 'download_failed' | 'inference_failed';

/** A model could not be found, loaded or run; the message says which and why. */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

let configured = false;
function configure(): void {
  if (configured) return;
  configured = true;
  // Extension pages are not cross-origin isolated: no SharedArrayBuffer, one thread.
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
}

/** 'software': a CPU fallback adapter (e.g. SwiftShader) — correct, but far slower than WASM for big models. */
export type WebGpuAdapterKind = 'hardware' | 'software' | 'none';

interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean };
}

let adapterProbe: Promise<WebGpuAdapterKind> | undefined;

/** What WebGPU adapter this context has. Headed Chromium sometimes says null once: ask twice. */
export function webGpuAdapterKind(): Promise<WebGpuAdapterKind> {
  adapterProbe ??= (async () => {
    const gpu = (globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }) | undefined)?.gpu;
    if (!gpu) return 'none';
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const adapter = await gpu.requestAdapter();
        if (adapter) return adapter.info?.isFallbackAdapter || adapter.isFallbackAdapter ? 'software' : 'hardware';
      } catch {
        // An adapter request that throws is the same as none.
      }
    }
    return 'none';
  })();
  return adapterProbe;
}

export async function hasWebGpuAdapter(): Promise<boolean> {
  return (await webGpuAdapterKind()) !== 'none';
}

export interface LoadedSession {
  session: ort.InferenceSession;
  backend: ExecutionBackend;
  /** Why WebGPU was not used, when it was wanted. */
  fallbackReason?: string;
}

/**
 * Loads a model on the preferred backend. WebGPU that is wanted but missing or
 * failing falls back to WASM and says why; a model WASM cannot load is a ModelError.
 */
export async function createSession(name: string, bytes: Uint8Array, preference: BackendPreference = 'auto'): Promise<LoadedSession> {
  configure();
  if (bytes.byteLength === 0) throw new ModelError('model_missing', `${name}: the model file is empty`);
  let fallbackReason: string | undefined;
  if (preference !== 'wasm') {
    if (await hasWebGpuAdapter()) {
      try {
        const session = await ort.InferenceSession.create(bytes, { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' });
        return { session, backend: 'webgpu' };
      } catch (e) {
        fallbackReason = `WebGPU could not load ${name}: ${errorText(e)}`;
      }
    } else {
      fallbackReason = 'no WebGPU adapter in this browser';
    }
  }
  try {
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    return fallbackReason ? { session, backend: 'wasm', fallbackReason } : { session, backend: 'wasm' };
  } catch (e) {
    throw new ModelError('model_corrupt', `${name}: the model file could not be loaded (${errorText(e)})`);
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
