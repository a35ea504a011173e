import type { InitProgressReport } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { type ChatEngine, WebLlmEngines } from './webllm-engines';

/** An engine whose reload waits until the test lets it finish (or fail), like a download. */
class FakeEngine implements ChatEngine {
  loaded: string | null = null;
  unloads = 0;
  private finish?: (error?: Error) => void;
  constructor(
    readonly log: string[],
    readonly onProgress: (r: InitProgressReport) => void,
  ) {}
  reload(modelId: string): Promise<void> {
    this.log.push(`reload ${modelId}`);
    return new Promise<void>((resolve, reject) => {
      this.finish = (error) => {
        if (error) return reject(error);
        this.loaded = modelId;
        resolve();
      };
    });
  }
  /** Like WebLLM: unload during a reload aborts it, and reload then returns quietly. */
  async unload(): Promise<void> {
    this.log.push(`unload ${this.loaded ?? '(loading)'}`);
    this.unloads++;
    this.finish?.();
    this.loaded = null;
  }
  interruptGenerate() {}
  chat = { completions: { create: async () => ({ id: '', choices: [], model: '', object: 'chat.completion' as const, created: 0 }) } };
  done(error?: Error) {
    this.finish?.(error);
  }
}

function setup() {
  const log: string[] = [];
  const engines: FakeEngine[] = [];
  const cache = new WebLlmEngines(async (onProgress) => {
    const engine = new FakeEngine(log, onProgress);
    engines.push(engine);
    return engine;
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { cache, log, engines, settle };
}

describe('WebLlmEngines', () => {
  it('loads a model once for every run that uses it, and keeps it after they end', async () => {
    const { cache, engines, settle } = setup();
    const a = cache.acquire('m1');
    const b = cache.acquire('m1');
    await settle();
    engines[0]!.done();
    expect(await a.ready).toBe(await b.ready);
    a.release();
    b.release();
    expect(engines).toHaveLength(1);
    expect(engines[0]!.unloads).toBe(0);
    expect(cache.status()).toMatchObject({ provider: 'webllm', model: 'm1', state: 'ready', progress: 1, users: 0 });
    // The next run gets the loaded engine at once.
    expect(await cache.acquire('m1').ready).toBe(engines[0]);
    expect(engines).toHaveLength(1);
  });

  it('reports load progress in its status', async () => {
    const { cache, engines, settle } = setup();
    cache.acquire('m1', { warning: 'slow' });
    await settle();
    engines[0]!.onProgress({ progress: 0.25, timeElapsed: 1, text: 'Fetching param cache[1/4]' });
    expect(cache.status()).toEqual({ provider: 'webllm', model: 'm1', state: 'loading', progress: 0.25, text: 'Fetching param cache[1/4]', users: 1, warning: 'slow' });
  });

  it('refuses another model while a run uses the current one', async () => {
    const { cache } = setup();
    const lease = cache.acquire('m1');
    expect(() => cache.acquire('m2')).toThrow(/WebLLM is running m1 for another run/);
    lease.release();
  });

  it('unloads the old model before it loads another', async () => {
    const { cache, log, engines, settle } = setup();
    const first = cache.acquire('m1');
    await settle();
    engines[0]!.done();
    await first.ready;
    first.release();
    const second = cache.acquire('m2');
    await settle();
    engines[1]!.done();
    await second.ready;
    expect(log).toEqual(['reload m1', 'unload m1', 'reload m2']);
  });

  it('cancels a load that no run waits for any more', async () => {
    const { cache, engines, settle } = setup();
    const lease = cache.acquire('m1');
    await settle();
    lease.release();
    lease.release(); // twice is once
    await expect(lease.ready).rejects.toMatchObject({ code: 'aborted' });
    expect(engines[0]!.unloads).toBe(1);
    expect(cache.status()).toBeNull();
    // A new run starts over (WebLLM's cache keeps what was downloaded).
    const again = cache.acquire('m1');
    await settle();
    engines[1]!.done();
    await expect(again.ready).resolves.toBe(engines[1]);
  });

  it('keeps a failed load in the status, frees it, and tries again for the next run', async () => {
    const { cache, engines, settle } = setup();
    const lease = cache.acquire('m1');
    await settle();
    engines[0]!.done(new Error('Failed to store https://huggingface.co/mlc-ai/m1/resolve/main/mlc-chat-config.json with error: TypeError: Failed to fetch'));
    await expect(lease.ready).rejects.toMatchObject({ code: 'unreachable', message: expect.stringContaining('Could not download the model m1') });
    expect(cache.status()).toMatchObject({ state: 'failed', error: expect.stringContaining('Could not download the model m1') });
    await settle();
    expect(engines[0]!.unloads).toBe(1);
    // Another model may load even before the failed run let go.
    const other = cache.acquire('m2');
    await settle();
    engines[1]!.done();
    await expect(other.ready).resolves.toBe(engines[1]);
    lease.release();
    expect(cache.status()).toMatchObject({ model: 'm2', state: 'ready', users: 1 });
  });
});
