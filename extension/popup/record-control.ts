// Record mode in the popup ("learn from my demonstration"): the user names the task,
// starts recording, does it on the page, and finishes; the steps become a stored
// successful run the coach learns from. The recording lives in the background, so
// the popup may close while the user works (it does, on the first click in the
// page) and shows the recording again when it is reopened.
import type { RecordedStep } from '../../shared/model';
import type { WorkerApi } from '../../shared/worker-api';
import { sendToBackground } from '../lib/messaging';
import { byId, errorText } from './inspector/dom';

const POLL_MS = 1_000;

const KIND_WORDS: Record<string, string> = { workflow: 'a workflow', insight: 'an insight', episode: 'an episode', keyframe: 'a key screen' };

/** "a workflow (added), an insight (updated)" for what the coach wrote. */
function describeWritten(written: { kind: string; action: string }[]): string {
  const kept = written.filter((w) => w.action !== 'no-op');
  if (kept.length === 0) return 'nothing new (memory already held it)';
  return kept.map((w) => `${KIND_WORDS[w.kind] ?? w.kind} (${w.action === 'add' ? 'added' : w.action === 'update' ? 'updated' : 'superseded an older one'})`).join(', ');
}

export function setUpRecordControl(worker: WorkerApi, tabId: () => Promise<number | undefined>, learned: (runId: string) => void): void {
  const form = byId<HTMLFormElement>('record-form');
  const task = byId<HTMLTextAreaElement>('demo-task');
  const start = byId<HTMLButtonElement>('record-start');
  const finish = byId<HTMLButtonElement>('record-stop');
  const discard = byId<HTMLButtonElement>('record-discard');
  const status = byId('record-status');
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A demonstration whose learning failed: kept so "Finish and learn" can try again.
  let pending: { steps: RecordedStep[]; task: string | null } | null = null;

  const say = (text: string, state: string) => {
    status.textContent = text;
    status.dataset.state = state;
    status.classList.toggle('error', state === 'error');
  };
  const showRecording = (on: boolean) => {
    start.hidden = on;
    finish.hidden = discard.hidden = !on;
    task.readOnly = on;
  };

  const refresh = async () => {
    clearTimeout(timer);
    const tab = await tabId();
    if (tab === undefined) return;
    const s = await sendToBackground('bg.recordStatus', { tabId: tab }).catch(() => null);
    if (!s || pending) return;
    showRecording(s.recording);
    if (!s.recording) return;
    if (s.task && !task.value) task.value = s.task;
    say(`Recording: ${s.steps} step${s.steps === 1 ? '' : 's'} so far. Do the task on the page, then press “Finish and learn”.`, 'recording');
    timer = setTimeout(() => void refresh(), POLL_MS);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const tab = await tabId();
    const what = task.value.trim();
    if (tab === undefined) return say('No tab to record on.', 'error');
    if (!what) return say('Say first what you are about to do: it becomes the task Waymark learns.', 'error');
    start.disabled = true;
    try {
      await sendToBackground('bg.recordStart', { tabId: tab, task: what });
      await refresh();
    } catch (e) {
      say(`Could not start recording: ${errorText(e)}`, 'error');
    } finally {
      start.disabled = false;
    }
  });

  const stop = async (learn: boolean) => {
    const tab = await tabId();
    if (tab === undefined) return;
    clearTimeout(timer);
    finish.disabled = discard.disabled = true;
    try {
      const recorded = pending ?? (await sendToBackground('bg.recordStop', { tabId: tab }));
      const { steps, task: recordedTask } = recorded;
      pending = null;
      showRecording(false);
      if (!learn) return say(`Recording discarded (${steps.length} step${steps.length === 1 ? '' : 's'}); nothing was learned.`, 'discarded');
      if (steps.length === 0) return say('Nothing was recorded: no clicks or typing on the page while recording.', 'error');
      const what = recordedTask ?? task.value.trim();
      say(`Learning from ${steps.length} steps…`, 'learning');
      const result = await worker.learnFromDemonstration({ task: what, steps }).catch((e: unknown) => {
        pending = recorded;
        showRecording(true);
        throw e;
      });
      say(`Learned from your ${steps.length} steps of “${what}”: ${describeWritten(result.written)}.`, 'learned');
      status.dataset.run = result.runId;
      task.value = '';
      learned(result.runId);
    } catch (e) {
      say(`Could not learn from the demonstration: ${errorText(e)}${pending ? ' The steps are kept: “Finish and learn” tries again.' : ''}`, 'error');
    } finally {
      finish.disabled = discard.disabled = false;
    }
  };
  finish.addEventListener('click', () => void stop(true));
  discard.addEventListener('click', () => void stop(false));
  void refresh();
}
