// The download/load progress of the in-browser model a run uses (WebLLM, Chrome's
// Prompt API), read from the worker's status while the popup is open: polled while the
// model loads and a run waits for it, and no longer once it is ready or has failed.
import type { LocalLlmStatus, PolicyConfig, WorkerApi } from '../../shared/worker-api';

export const MODEL_POLL_MS = 500;

/** The policies whose model runs in this browser and has to be downloaded and loaded first. */
export type InBrowserPolicy = Extract<PolicyConfig, { kind: 'webllm' | 'prompt-api' }>;

export function isInBrowser(policy: PolicyConfig): policy is InBrowserPolicy {
  return policy.kind === 'webllm' || policy.kind === 'prompt-api';
}

export const PICK_ANOTHER_HINT = 'Pick another policy or model above: the list shows what this browser can run.';

/** The worker's load errors mostly say what to choose instead; the hint is added when one does not. */
const SAYS_WHAT_TO_DO = /\b(choose|pick)\b/i;

/** What the popup shows of one model's state. */
export interface ModelProgressView {
  /** `preparing`: the run is starting and the worker has not begun loading the model yet. */
  state: 'preparing' | LocalLlmStatus['state'];
  /** The progress bar's label; it changes only with the state (it is announced). */
  label: string;
  /** 0–1, or null while there is nothing to measure yet (an indeterminate bar). */
  value: number | null;
  /** The provider's own words (e.g. "Fetching param cache[3/20]: 120MB fetched…"), or the percentage. */
  detail: string;
  warning?: string;
  error?: string;
  /** With an error that does not say so itself: what the user can do instead. */
  hint?: string;
}

function modelName(policy: InBrowserPolicy): string {
  return policy.kind === 'webllm' ? `${policy.model} (WebLLM)` : "Chrome's built-in model";
}

/** The worker's status entry for the policy's model, if it has one. */
export function entryFor(policy: InBrowserPolicy, llm: readonly LocalLlmStatus[]): LocalLlmStatus | undefined {
  return llm.find((l) => l.provider === policy.kind && (policy.kind !== 'webllm' || l.model === policy.model));
}

/** How a model's status reads in the popup; `entry` is absent before the worker has one. */
export function describeModelProgress(policy: InBrowserPolicy, entry: LocalLlmStatus | undefined): ModelProgressView {
  const name = modelName(policy);
  const warning = entry?.warning ? { warning: entry.warning } : {};
  if (!entry) return { state: 'preparing', label: `Preparing ${name}…`, value: null, detail: '' };
  const progress = Math.max(0, Math.min(1, Number.isFinite(entry.progress) ? entry.progress : 0));
  switch (entry.state) {
    case 'ready':
      return { state: 'ready', label: `${name}: model ready`, value: 1, detail: '', ...warning };
    case 'failed': {
      const error = entry.error?.trim() || 'Loading the model failed, and the worker did not say why.';
      return {
        state: 'failed',
        label: `${name} could not be loaded`,
        value: null,
        detail: '',
        error,
        ...(SAYS_WHAT_TO_DO.test(error) ? {} : { hint: PICK_ANOTHER_HINT }),
        ...warning,
      };
    }
    case 'loading': {
      // Nothing measured yet (WebLLM first fetches the model's config and library): no fake 0 %.
      const measured = progress > 0 || Boolean(entry.text);
      const percent = `${Math.floor(progress * 100)} %`;
      return {
        state: 'loading',
        label: `Downloading and loading ${name}…`,
        value: measured ? progress : null,
        detail: entry.text?.trim() || (measured ? percent : 'Starting the download…'),
        ...warning,
      };
    }
  }
}

/** Whether to ask the worker again: while the model is on its way and a run (or its start) waits for it. */
export function keepPolling(view: ModelProgressView, runActive: boolean): boolean {
  return runActive && (view.state === 'preparing' || view.state === 'loading');
}

/**
 * Follows one run's in-browser model: `follow` when the run is being started, `track`
 * once it has started (the worker has begun loading), `runEnded` when it is over (one
 * last look, then quiet), `clear` to show nothing.
 */
export class ModelProgress {
  private policy: InBrowserPolicy | undefined;
  private runActive = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts follows, so an answer for an earlier run is dropped. */
  private generation = 0;

  constructor(
    private readonly worker: Pick<WorkerApi, 'status'>,
    private readonly render: (view: ModelProgressView | null) => void,
    private readonly pollMs = MODEL_POLL_MS,
  ) {}

  /** A run with `policy` is starting: shows "Preparing…" for an in-browser model, nothing otherwise. */
  follow(policy: PolicyConfig): void {
    this.stopTimer();
    this.generation++;
    this.policy = isInBrowser(policy) ? policy : undefined;
    this.runActive = this.policy !== undefined;
    this.render(this.policy ? describeModelProgress(this.policy, undefined) : null);
  }

  /** The run has started (or was found running): polls the worker until the model is ready or failed. */
  track(): void {
    if (!this.policy) return;
    this.runActive = true;
    this.stopTimer();
    void this.refresh(this.generation);
  }

  /** The run is over: one last look (failed, ready, or nothing when its load was cancelled), then no more polling. */
  runEnded(): void {
    if (!this.policy || !this.runActive) return;
    this.runActive = false;
    this.stopTimer();
    void this.refresh(this.generation);
  }

  clear(): void {
    this.stopTimer();
    this.generation++;
    this.policy = undefined;
    this.runActive = false;
    this.render(null);
  }

  private async refresh(generation: number): Promise<void> {
    const policy = this.policy;
    if (!policy) return;
    const report = await this.worker.status().catch(() => null);
    // The worker did not answer (its host restarting?): the last view stays, like the run's status.
    if (generation !== this.generation || !report) return;
    const entry = entryFor(policy, report.llm);
    // A run that ended with its model never loaded or dropped (stopped mid-download): nothing to show.
    if (!entry && !this.runActive) return this.render(null);
    const view = describeModelProgress(policy, entry);
    this.render(view);
    this.stopTimer();
    if (keepPolling(view, this.runActive)) this.timer = setTimeout(() => void this.refresh(generation), this.pollMs);
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export interface ModelProgressElements {
  box: HTMLElement;
  label: HTMLElement;
  bar: HTMLProgressElement;
  detail: HTMLElement;
  warning: HTMLElement;
  error: HTMLElement;
}

/** Shows a view in the popup's elements; text is set only when it changes (live regions stay quiet). */
export function renderModelProgress(el: ModelProgressElements, view: ModelProgressView | null): void {
  el.box.hidden = view === null;
  if (!view) return;
  const set = (node: HTMLElement, text: string) => {
    if (node.textContent !== text) node.textContent = text;
    node.hidden = text === '';
  };
  el.box.dataset.state = view.state;
  set(el.label, view.label);
  el.bar.hidden = view.state === 'failed';
  if (view.value === null) el.bar.removeAttribute('value');
  else el.bar.value = view.value;
  set(el.detail, view.detail);
  set(el.warning, view.warning ?? '');
  set(el.error, view.error ? `${view.error} ${view.hint ?? ''}`.trim() : '');
}
