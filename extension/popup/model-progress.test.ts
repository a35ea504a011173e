import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalLlmStatus, WorkerStatusReport } from '../../shared/worker-api';
import { describeModelProgress, entryFor, keepPolling, MODEL_POLL_MS, ModelProgress, type ModelProgressView, PICK_ANOTHER_HINT } from './model-progress';

const WEBLLM = { kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f32_1-MLC' } as const;
const PROMPT_API = { kind: 'prompt-api' } as const;

function webllm(over: Partial<LocalLlmStatus> = {}): LocalLlmStatus {
  return { provider: 'webllm', model: WEBLLM.model, state: 'loading', progress: 0, users: 1, ...over };
}

// WebLLM's own progress words (tvmjs fetchTensorCache and shader loading).
const FETCHING = 'Fetching param cache[3/20]: 120MB fetched. 15% completed, 12 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.';
const NO_NETWORK =
  'Could not download the model SmolLM2-360M-Instruct-q4f32_1-MLC (huggingface.co: no network connection to it): WebLLM needs network access the first time it loads a model. Connect and try again, or choose another policy (offline, or an OpenAI-compatible endpoint).';

describe('describeModelProgress', () => {
  it('before the worker has an entry: preparing, indeterminate', () => {
    expect(describeModelProgress(WEBLLM, undefined)).toEqual({ state: 'preparing', label: `Preparing ${WEBLLM.model} (WebLLM)…`, value: null, detail: '' });
  });

  it('loading before any report (config and library being fetched): indeterminate, not a fake 0 %', () => {
    const view = describeModelProgress(WEBLLM, webllm());
    expect(view).toMatchObject({ state: 'loading', value: null, detail: 'Starting the download…' });
    expect(view.label).toBe(`Downloading and loading ${WEBLLM.model} (WebLLM)…`);
  });

  it("loading with WebLLM's report: its fraction and its own words", () => {
    expect(describeModelProgress(WEBLLM, webllm({ progress: 0.15, text: FETCHING }))).toMatchObject({ state: 'loading', value: 0.15, detail: FETCHING });
  });

  it('loading with a fraction and no words (the Prompt API reports bytes only): the percentage, rounded down', () => {
    const view = describeModelProgress(PROMPT_API, { provider: 'prompt-api', model: 'Gemini Nano', state: 'loading', progress: 0.999, users: 1 });
    expect(view).toMatchObject({ state: 'loading', label: "Downloading and loading Chrome's built-in model…", value: 0.999, detail: '99 %' });
  });

  it('keeps the label the same while the progress moves (the label is a live region)', () => {
    const labels = [0, 0.2, 0.7].map((progress) => describeModelProgress(WEBLLM, webllm({ progress, text: `at ${progress}` })).label);
    expect(new Set(labels).size).toBe(1);
  });

  it('clamps nonsense progress', () => {
    expect(describeModelProgress(WEBLLM, webllm({ progress: 1.7, text: 'x' })).value).toBe(1);
    expect(describeModelProgress(WEBLLM, webllm({ progress: Number.NaN })).value).toBeNull();
  });

  it('ready: "model ready", full bar', () => {
    expect(describeModelProgress(WEBLLM, webllm({ state: 'ready', progress: 1, text: 'Finish loading on WebGPU - swiftshader' }))).toEqual({
      state: 'ready',
      label: `${WEBLLM.model} (WebLLM): model ready`,
      value: 1,
      detail: '',
    });
  });

  it('failed: the worker’s reason, which says what to choose instead', () => {
    expect(describeModelProgress(WEBLLM, webllm({ state: 'failed', error: NO_NETWORK }))).toEqual({
      state: 'failed',
      label: `${WEBLLM.model} (WebLLM) could not be loaded`,
      value: null,
      detail: '',
      error: NO_NETWORK,
    });
  });

  it('failed with a reason that does not say what to do: the hint to pick another policy', () => {
    const error = 'WebLLM could not load the model SmolLM2-360M-Instruct-q4f32_1-MLC: RangeError: Array buffer allocation failed';
    expect(describeModelProgress(WEBLLM, webllm({ state: 'failed', error }))).toMatchObject({ state: 'failed', error, hint: PICK_ANOTHER_HINT });
    expect(describeModelProgress(WEBLLM, webllm({ state: 'failed' }))).toMatchObject({ error: expect.stringMatching(/did not say why/), hint: PICK_ANOTHER_HINT });
  });

  it('carries the warning in every state', () => {
    const warning = 'WebGPU here is a software adapter (no GPU in use): WebLLM works, but every step will be very slow.';
    for (const state of ['loading', 'ready', 'failed'] as const) expect(describeModelProgress(WEBLLM, webllm({ state, warning })).warning).toBe(warning);
  });
});

describe('entryFor', () => {
  it('finds the policy’s model: WebLLM by model id, the Prompt API by provider', () => {
    const other = webllm({ model: 'Qwen2.5-0.5B-Instruct-q4f32_1-MLC' });
    const mine = webllm();
    const chrome: LocalLlmStatus = { provider: 'prompt-api', model: 'Gemini Nano', state: 'ready', progress: 1, users: 0 };
    expect(entryFor(WEBLLM, [other, chrome])).toBeUndefined();
    expect(entryFor(WEBLLM, [other, mine, chrome])).toBe(mine);
    expect(entryFor(PROMPT_API, [mine, chrome])).toBe(chrome);
  });
});

describe('keepPolling', () => {
  it('only while the model is on its way and a run waits for it', () => {
    const view = (state: ModelProgressView['state']): ModelProgressView => ({ state, label: '', value: null, detail: '' });
    expect(keepPolling(view('preparing'), true)).toBe(true);
    expect(keepPolling(view('loading'), true)).toBe(true);
    expect(keepPolling(view('loading'), false)).toBe(false);
    expect(keepPolling(view('ready'), true)).toBe(false);
    expect(keepPolling(view('failed'), true)).toBe(false);
  });
});

describe('ModelProgress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A worker whose status the test sets, counting the calls. */
  function setup() {
    let llm: LocalLlmStatus[] = [];
    let fail = false;
    const calls = { status: 0 };
    const worker = {
      status: async () => {
        calls.status++;
        if (fail) throw new Error('worker gone');
        return { llm } as unknown as WorkerStatusReport;
      },
    };
    const views: (ModelProgressView | null)[] = [];
    const progress = new ModelProgress(worker, (v) => views.push(v));
    return {
      progress,
      calls,
      views,
      last: () => views.at(-1),
      set: (next: LocalLlmStatus[]) => (llm = next),
      failCalls: () => (fail = true),
    };
  }

  it('shows nothing for a policy without an in-browser model, and never asks the worker', async () => {
    const t = setup();
    t.progress.follow({ kind: 'offline' });
    t.progress.track();
    await vi.advanceTimersByTimeAsync(5 * MODEL_POLL_MS);
    expect(t.views).toEqual([null]);
    expect(t.calls.status).toBe(0);
  });

  it('polls while loading, shows each report, and stops once the model is ready', async () => {
    const t = setup();
    t.progress.follow(WEBLLM);
    expect(t.last()?.state).toBe('preparing');
    t.set([webllm()]);
    t.progress.track();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last()).toMatchObject({ state: 'loading', value: null });
    t.set([webllm({ progress: 0.5, text: FETCHING })]);
    await vi.advanceTimersByTimeAsync(MODEL_POLL_MS);
    expect(t.last()).toMatchObject({ state: 'loading', value: 0.5, detail: FETCHING });
    t.set([webllm({ state: 'ready', progress: 1 })]);
    await vi.advanceTimersByTimeAsync(MODEL_POLL_MS);
    expect(t.last()?.state).toBe('ready');
    const calls = t.calls.status;
    await vi.advanceTimersByTimeAsync(20 * MODEL_POLL_MS);
    expect(t.calls.status).toBe(calls);
  });

  it('shows a failed load with its reason and stops polling', async () => {
    const t = setup();
    t.progress.follow(WEBLLM);
    t.set([webllm({ state: 'failed', error: NO_NETWORK })]);
    t.progress.track();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last()).toMatchObject({ state: 'failed', error: NO_NETWORK });
    await vi.advanceTimersByTimeAsync(20 * MODEL_POLL_MS);
    expect(t.calls.status).toBe(1);
  });

  it('when the run ends: one last look, then quiet; a load cancelled with the run shows nothing', async () => {
    const t = setup();
    t.progress.follow(WEBLLM);
    t.set([webllm({ progress: 0.1, text: 'x' })]);
    t.progress.track();
    await vi.advanceTimersByTimeAsync(MODEL_POLL_MS);
    // The user stopped the run: the worker cancelled the load and dropped the entry.
    t.set([]);
    t.progress.runEnded();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last()).toBeNull();
    const calls = t.calls.status;
    await vi.advanceTimersByTimeAsync(20 * MODEL_POLL_MS);
    expect(t.calls.status).toBe(calls);
  });

  it('a worker that does not answer: the last view stays and polling stops', async () => {
    const t = setup();
    t.progress.follow(WEBLLM);
    t.set([webllm({ progress: 0.3, text: 'y' })]);
    t.progress.track();
    await vi.advanceTimersByTimeAsync(0);
    t.failCalls();
    await vi.advanceTimersByTimeAsync(MODEL_POLL_MS);
    expect(t.last()).toMatchObject({ state: 'loading', value: 0.3 });
    const calls = t.calls.status;
    await vi.advanceTimersByTimeAsync(20 * MODEL_POLL_MS);
    expect(t.calls.status).toBe(calls);
  });

  it('a new run drops answers meant for the one before', async () => {
    const t = setup();
    let answer!: (r: WorkerStatusReport) => void;
    const slow = { status: () => new Promise<WorkerStatusReport>((r) => (answer = r)) };
    const views: (ModelProgressView | null)[] = [];
    const progress = new ModelProgress(slow, (v) => views.push(v));
    progress.follow(WEBLLM);
    progress.track();
    progress.follow({ kind: 'offline' });
    answer({ llm: [webllm({ state: 'failed', error: 'old' })] } as unknown as WorkerStatusReport);
    await vi.advanceTimersByTimeAsync(0);
    expect(views.at(-1)).toBeNull();
    expect(t.views).toEqual([]);
  });
});
