// One WebLLM engine for the whole worker, kept loaded across steps and runs: loading a
// model takes seconds to minutes (and a download the first time), so a run that ends
// leaves it loaded for the next. One model at a time (GPU memory): another model is
// loaded only once no run uses the current one. A load nobody waits for any more is
// cancelled, so a stopped run does not keep downloading gigabytes.
import type { ChatCompletion, ChatCompletionRequestNonStreaming, InitProgressReport } from '@mlc-ai/web-llm';
import type { LocalLlmStatus } from '../../shared/worker-api';
import { LlmError } from './llm-client';
import { webLlmLoadError } from './webllm-errors';

/** The part of WebLLM's MLCEngine used here. */
export interface ChatEngine {
  reload(modelId: string): Promise<void>;
  unload(): Promise<void>;
  interruptGenerate(): unknown;
  chat: { completions: { create(request: ChatCompletionRequestNonStreaming): Promise<ChatCompletion> } };
}

/** Makes an engine (nothing loaded yet) that reports load progress to `onProgress`. */
export type EngineFactory = (onProgress: (report: InitProgressReport) => void) => Promise<ChatEngine>;

/** A run's hold on the engine; `release` lets it go (once). */
export interface EngineLease {
  readonly modelId: string;
  /** Resolves when the model is loaded; rejects with an LlmError when it cannot be. */
  readonly ready: Promise<ChatEngine>;
  release(): void;
}

/** What a load and its cancellation share. */
interface LoadControl {
  cancelled: boolean;
  /** Set once the factory made it, so a cancellation can unload it. */
  engine?: ChatEngine;
}

interface Entry {
  modelId: string;
  users: number;
  status: LocalLlmStatus;
  control: LoadControl;
  ready: Promise<ChatEngine>;
}

export class WebLlmEngines {
  private current: Entry | undefined;
  /** The last unload, which the next load waits for (the GPU memory must be free first). */
  private unloading: Promise<void> = Promise.resolve();

  constructor(private readonly factory: EngineFactory) {}

  /** Takes a hold on `modelId`, loading it unless it is loaded or loading already. */
  acquire(modelId: string, options: { warning?: string } = {}): EngineLease {
    let entry = this.current;
    if (entry && entry.modelId !== modelId && entry.users > 0 && entry.status.state !== 'failed') {
      throw new LlmError('unavailable', `WebLLM is running ${entry.modelId} for another run; wait for that run to end, or use ${entry.modelId} for this one too.`);
    }
    if (!entry || entry.modelId !== modelId || entry.status.state === 'failed') {
      if (entry) this.drop(entry);
      entry = this.load(modelId, options.warning);
      this.current = entry;
    }
    entry.users++;
    entry.status.users = entry.users;
    const held = entry;
    let released = false;
    return {
      modelId,
      ready: held.ready,
      release: () => {
        if (released) return;
        released = true;
        held.users--;
        held.status.users = held.users;
        // A load nobody waits for is stopped; a loaded model stays for the next run.
        if (held.users === 0 && held.status.state === 'loading' && this.current === held) this.drop(held);
      },
    };
  }

  /** The engine's state for the worker status, or null before any use. */
  status(): LocalLlmStatus | null {
    return this.current ? { ...this.current.status } : null;
  }

  private load(modelId: string, warning: string | undefined): Entry {
    const status: LocalLlmStatus = { provider: 'webllm', model: modelId, state: 'loading', progress: 0, users: 0, ...(warning ? { warning } : {}) };
    const control: LoadControl = { cancelled: false };
    const previous = this.unloading;
    const ready = (async () => {
      await previous;
      const engine = await this.factory((report) => {
        status.progress = Math.max(0, Math.min(1, report.progress));
        status.text = report.text;
      });
      control.engine = engine;
      if (control.cancelled) throw cancelledError(modelId);
      await engine.reload(modelId);
      // WebLLM's reload returns quietly when unload() aborted it.
      if (control.cancelled) throw cancelledError(modelId);
      status.state = 'ready';
      status.progress = 1;
      return engine;
    })().catch((e: unknown) => {
      const error = control.cancelled ? cancelledError(modelId) : webLlmLoadError(modelId, e);
      // Whatever a failed load put on the GPU is freed now, not when the next model comes.
      this.unload(control);
      status.state = 'failed';
      status.error = error.message;
      throw error;
    });
    // Runs see a failure through their lease; nothing else has to handle it.
    ready.catch(() => undefined);
    return { modelId, users: 0, status, control, ready };
  }

  /** Stops using an entry: cancels its load or unloads its model. */
  private drop(entry: Entry): void {
    entry.control.cancelled = true;
    if (this.current === entry) this.current = undefined;
    this.unload(entry.control);
  }

  private unload(control: LoadControl): void {
    const engine = control.engine;
    if (!engine) return;
    control.engine = undefined;
    this.unloading = this.unloading.then(() => engine.unload()).catch(() => undefined);
  }
}

function cancelledError(modelId: string): LlmError {
  return new LlmError('aborted', `Loading ${modelId} was cancelled: no run needs it any more.`);
}
