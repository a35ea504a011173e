// Run control in the popup: type a task, start it on the tab, watch each action with
// its intent as it happens, stop it. The endpoint settings stay in this browser
// (storage.local); the run itself lives in the worker and survives the popup closing.
import browser from 'webextension-polyfill';
import type { AgentActivity, AgentRunStatus, PolicyConfig, PolicyOffer, WorkerApi } from '../../shared/worker-api';
import { isInBrowser, ModelProgress, renderModelProgress } from './model-progress';

const SETTINGS_KEY = 'runControl.policy';
const RUN_KEY = 'runControl.runId';
const POLL_MS = 400;

const POLICY_LABELS: Record<PolicyConfig['kind'], string> = {
  offline: 'Offline (no model)',
  openai: 'OpenAI-compatible endpoint',
  webllm: 'WebLLM (in this browser)',
  'prompt-api': "Chrome's built-in model",
};

/** The log's lines: each action with the intent the agent gave for it, and loops. */
function logLines(activity: AgentActivity[]): { text: string; failed: boolean }[] {
  const lines: { text: string; failed: boolean }[] = [];
  let intent: string | undefined;
  for (const a of activity) {
    if (a.type === 'acting') intent = a.intent;
    if (a.type === 'acted') {
      const why = intent ? ` (${intent})` : '';
      lines.push({ text: `Step ${a.step + 1}: ${a.action}${why}${a.result.ok ? '' : ` — failed: ${a.result.error?.message ?? 'error'}`}`, failed: !a.result.ok });
      intent = undefined;
    }
    if (a.type === 'repaired') lines.push({ text: `Step ${a.step + 1}: the model's reply was mended — ${a.repairs.join('; ')}`, failed: false });
    if (a.type === 'loop') lines.push({ text: `Step ${a.step + 1}: the same action again on the same screen (${a.repeats}×)`, failed: true });
  }
  return lines;
}

/** `ended`: a run was seen to end (the coach has learned from it: memory changed). */
export function setUpRunControl(worker: WorkerApi, tabId: () => Promise<number | undefined>, ended: () => void = () => undefined): void {
  const form = document.getElementById('run-form') as HTMLFormElement;
  const stop = document.getElementById('stop') as HTMLButtonElement;
  const start = document.getElementById('start') as HTMLButtonElement;
  const status = document.getElementById('run-status')!;
  const log = document.getElementById('run-log')!;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  let current: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const policySelect = document.getElementById('policy') as HTMLSelectElement;
  const policyNote = document.getElementById('policy-note')!;
  const endpoint = document.getElementById('endpoint') as HTMLFieldSetElement;
  const webllmModel = document.getElementById('webllm-model') as HTMLSelectElement;
  const webllmLabel = document.getElementById('webllm-model-label')!;
  let offers: PolicyOffer[] = [];
  const byId = (id: string) => document.getElementById(id)!;
  const modelElements = {
    box: byId('model-progress'),
    label: byId('model-progress-label'),
    bar: byId('model-progress-bar') as HTMLProgressElement,
    detail: byId('model-progress-detail'),
    warning: byId('model-progress-warning'),
    error: byId('model-progress-error'),
  };
  // The software-adapter warning is shown under the picker already: not twice.
  const model = new ModelProgress(worker, (view) =>
    renderModelProgress(modelElements, view?.warning && view.warning === policyNote.textContent ? { ...view, warning: undefined } : view),
  );

  /** Shows the fields the chosen policy needs; the endpoint's are required only for it. */
  const showPolicyFields = () => {
    const kind = policySelect.value as PolicyConfig['kind'];
    const offer = offers.find((o) => o.kind === kind);
    endpoint.hidden = kind !== 'openai';
    for (const name of ['baseUrl', 'model']) field(name).required = kind === 'openai';
    webllmModel.hidden = webllmLabel.hidden = kind !== 'webllm';
    policyNote.textContent = offer?.warning ?? '';
  };

  /** The policies this browser can run; the others are listed with the reason they are not. */
  const offerPolicies = async () => {
    offers = await worker.availablePolicies().catch(() => []);
    if (offers.length === 0) return;
    const chosen = policySelect.value;
    policySelect.replaceChildren(
      ...offers.map((o) => {
        const option = new Option(o.offered ? POLICY_LABELS[o.kind] : `${POLICY_LABELS[o.kind]} — not available`, o.kind);
        option.disabled = !o.offered;
        if (o.reason) option.title = o.reason;
        return option;
      }),
    );
    if (offers.some((o) => o.kind === chosen && o.offered)) policySelect.value = chosen;
    const models = offers.find((o) => o.kind === 'webllm')?.models ?? [];
    webllmModel.replaceChildren(...models.map((m) => new Option(`${m.id} (${Math.round(m.vramMB)} MB)`, m.id)));
    showPolicyFields();
  };
  policySelect.addEventListener('change', showPolicyFields);

  const show = (s: AgentRunStatus) => {
    log.replaceChildren(
      ...logLines(s.activity).map((line) => {
        const li = document.createElement('li');
        li.textContent = line.text;
        if (line.failed) li.classList.add('failed');
        return li;
      }),
    );
    const outcome = s.result?.outcome;
    status.textContent = s.running ? `Running… (step ${(s.activity.at(-1)?.step ?? 0) + 1})` : outcome ? `Finished: ${outcome.status} — ${outcome.reason}` : `Stopped: ${s.error ?? 'unknown reason'}`;
    status.dataset.state = s.running ? 'running' : (outcome?.status ?? 'error');
    stop.disabled = !s.running;
    start.disabled = s.running;
  };

  const poll = async () => {
    if (!current) return;
    const s = await worker.agentRunStatus(current).catch(() => null);
    if (s) show(s);
    if (s?.running) timer = setTimeout(() => void poll(), POLL_MS);
    else if (s) {
      model.runEnded();
      ended();
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tab = await tabId();
    if (tab === undefined) {
      status.textContent = 'No tab to run on.';
      return;
    }
    const kind = policySelect.value as PolicyConfig['kind'];
    const policy: PolicyConfig =
      kind === 'openai'
        ? {
            kind,
            baseUrl: field('baseUrl').value.trim(),
            model: field('model').value.trim(),
            ...(field('apiKey').value ? { apiKey: field('apiKey').value } : {}),
            ...(field('timeoutSeconds').valueAsNumber > 0 ? { timeoutSeconds: field('timeoutSeconds').valueAsNumber } : {}),
          }
        : kind === 'webllm'
          ? { kind, model: webllmModel.value }
          : { kind };
    await browser.storage.local.set({ [SETTINGS_KEY]: policy });
    start.disabled = true;
    status.textContent = 'Starting…';
    model.follow(policy);
    try {
      const { runId } = await worker.startAgentRun({ task: field('task').value.trim(), tabId: tab, maxSteps: Number(field('maxSteps').value) || 25, policy });
      current = runId;
      await browser.storage.session.set({ [RUN_KEY]: runId });
      clearTimeout(timer);
      model.track();
      void poll();
    } catch (e) {
      model.clear();
      status.textContent = `Could not start: ${e instanceof Error ? e.message : String(e)}`;
      status.dataset.state = 'error';
      start.disabled = false;
    }
  });

  stop.addEventListener('click', async () => {
    if (current) await worker.stopAgentRun(current);
    status.textContent = 'Stopping after the current action…';
  });

  // Settings from last time, and the run that may still be going.
  void (async () => {
    const saved = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as PolicyConfig | undefined;
    if (saved) policySelect.value = saved.kind;
    if (saved?.kind === 'openai') {
      field('baseUrl').value = saved.baseUrl;
      field('model').value = saved.model;
      field('apiKey').value = saved.apiKey ?? '';
      field('timeoutSeconds').value = saved.timeoutSeconds ? String(saved.timeoutSeconds) : '';
    }
    showPolicyFields();
    await offerPolicies();
    if (saved?.kind === 'webllm') webllmModel.value = saved.model;
    current = (await browser.storage.session.get(RUN_KEY))[RUN_KEY] as string | undefined;
    // A run still going with an in-browser model (started with the saved policy): its model's progress too.
    if (current && saved && isInBrowser(saved) && (await worker.agentRunStatus(current).catch(() => null))?.running) {
      model.follow(saved);
      model.track();
    }
    void poll();
  })();
}
