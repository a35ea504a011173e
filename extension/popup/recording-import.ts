// "Learn from a recording": a Chrome DevTools Recorder export, chosen in the popup, is
// checked whole (every problem listed by step), then performed on the tab step by step
// by the extension and learned as a demonstration of the task typed above it. A step
// that cannot be performed stops it with the step's number and the reason; nothing is
// stored from a failed import.
import type { RecordedStep } from '../../shared/model';
import { parseRecording } from '../../shared/recording';
import type { WorkerApi } from '../../shared/worker-api';
import { sendToBackground } from '../lib/messaging';
import { byId, errorText } from './inspector/dom';

export function setUpRecordingImport(worker: WorkerApi, tabId: () => Promise<number | undefined>, learned: (runId: string) => void): void {
  const file = byId<HTMLInputElement>('recording-file');
  const task = byId<HTMLTextAreaElement>('demo-task');
  const problems = byId<HTMLUListElement>('recording-problems');
  const status = byId('record-status');
  const say = (text: string, state: string) => {
    status.textContent = text;
    status.dataset.state = state;
    status.classList.toggle('error', state === 'error');
  };
  const list = (items: string[]) => {
    problems.replaceChildren(...items.map((p) => Object.assign(document.createElement('li'), { textContent: p })));
    problems.hidden = items.length === 0;
  };

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    list([]);
    if (!chosen) return;
    const what = task.value.trim();
    if (!what) return say('Say first what the recording does: it becomes the task Waymark learns.', 'error');
    const tab = await tabId();
    if (tab === undefined) return say('No tab to perform the recording on.', 'error');
    const parsed = parseRecording(await chosen.text());
    if (!parsed.ok) {
      list(parsed.problems);
      return say(`${chosen.name} cannot be learned from; nothing was stored.`, 'error');
    }
    const { steps, numbers } = parsed.recording;
    const recorded: RecordedStep[] = [];
    file.disabled = true;
    try {
      for (const [i, step] of steps.entries()) {
        say(`Performing step ${numbers[i]} of the recording (${step.type})…`, 'recording');
        try {
          const { recorded: r } = await sendToBackground('bg.performRecordingStep', { tabId: tab, step });
          if (r) recorded.push(r);
        } catch (e) {
          // The message without the protocol's own prefix ("content.performRecordingStep failed: ").
          return say(`Step ${numbers[i]} (${step.type}) could not be performed: ${errorText(e).replace(/^(?:[\w.]+ failed: )+/, '')}. Nothing was stored.`, 'error');
        }
      }
      if (recorded.length === 0) return say('The recording did nothing on the page; nothing was stored.', 'error');
      const result = await worker.learnFromDemonstration({ task: what, steps: recorded });
      say(`Learned from “${parsed.recording.title}” (${recorded.length} steps) as “${what}”: ${result.written.map((w) => w.kind).join(', ') || 'nothing new'}.`, 'learned');
      status.dataset.run = result.runId;
      learned(result.runId);
    } catch (e) {
      say(`Could not learn from the recording: ${errorText(e)}`, 'error');
    } finally {
      file.disabled = false;
    }
  });
}
