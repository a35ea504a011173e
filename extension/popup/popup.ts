// The popup (and the same page opened as a tab, `?tab=ID`): run control and record
// mode on a tab, and the inspector's views of what Waymark learned — Memory, Runs,
// Learning, Settings — each loaded the first time it is shown.
import browser from 'webextension-polyfill';
import { sendToBackground } from '../lib/messaging';
import type { WorkerApi } from '../../shared/worker-api';
import { pageWorkerApi } from '../lib/worker-client';
import { LearningView } from './inspector/learning-view';
import { MemoryView } from './inspector/memory-view';
import { RunReplay } from './inspector/run-replay';
import { RunsView } from './inspector/runs-view';
import { SettingsView } from './inspector/settings-view';
import { setUpTabs } from './inspector/tabs';
import { setUpRecordControl } from './record-control';
import { setUpRecordingImport } from './recording-import';
import { setUpRunControl } from './run-control';

const workerStatus = document.getElementById('worker-status')!;
const tabStatus = document.getElementById('tab-status')!;

function show(el: HTMLElement, text: string, error = false): void {
  el.textContent = text;
  el.classList.toggle('error', error);
}

async function showWorker(): Promise<void> {
  try {
    const s = await sendToBackground('bg.workerStatus', {});
    show(workerStatus, `Worker ${s.version} answers (host: ${s.host}, up ${Math.round(s.uptimeMs / 1000)} s).`);
  } catch (e) {
    show(workerStatus, `The worker does not answer: ${e instanceof Error ? e.message : String(e)}`, true);
  }
}

/** The tab the popup is about: ?tab=ID when opened as a page, else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function showTab(): Promise<void> {
  show(tabStatus, 'Observing…');
  const tabId = await targetTabId();
  if (tabId === undefined) return show(tabStatus, 'No tab to observe.', true);
  try {
    const o = await sendToBackground('bg.observe', { tabId });
    const inView = o.elements.filter((e) => e.inViewport).length;
    tabStatus.dataset.elements = String(o.elements.length);
    show(tabStatus, `${o.elements.length} interactive elements (${inView} in view) on “${o.title || o.url}”, observed in ${o.tookMs.toFixed(1)} ms.`);
  } catch (e) {
    show(tabStatus, `Cannot observe this tab: ${e instanceof Error ? e.message : String(e)}`, true);
  }
}

document.getElementById('refresh')!.addEventListener('click', () => void showTab());
void showWorker();
void showTab();

const stale = new Set<string>();
/** Memory changed (a run ended, a demonstration, an import): its views load again when next shown. */
function memoryChanged(): void {
  for (const view of ['memory', 'runs', 'learning']) stale.add(view);
}

const worker: WorkerApi = pageWorkerApi(() => sendToBackground('bg.workerStatus', {}));
// Automated runs and tests drive the worker API from this page (?control=1).
if (new URLSearchParams(location.search).has('control')) {
  (globalThis as { waymarkWorker?: WorkerApi }).waymarkWorker = worker;
}
setUpRunControl(worker, targetTabId, memoryChanged);

// The inspector. Views that show memory load again after it changed elsewhere.
const replay = new RunReplay(worker, document.getElementById('replay') as HTMLDialogElement, (id) => {
  tabs.show('memory');
  void memory.load().then(() => memory.open(id));
});
const openRun = (runId: string) => void replay.open(runId);
const memory = new MemoryView(worker, openRun);
const runs = new RunsView(worker, openRun);
const learning = new LearningView(worker);
const settings = new SettingsView(worker, memoryChanged);
const views: Record<string, { load: (force?: boolean) => Promise<void> } | undefined> = { memory, runs, learning, settings };
const tabs = setUpTabs(document.getElementById('views')!, {
  onShow: (name) => {
    void views[name]?.load(stale.delete(name));
  },
});
setUpRecordControl(worker, targetTabId, memoryChanged);
setUpRecordingImport(worker, targetTabId, memoryChanged);

// In the toolbar popup (no ?tab), the same page can open as a tab, for room.
const asTab = new URLSearchParams(location.search).has('tab');
document.body.classList.toggle('as-tab', asTab);
const openTab = document.getElementById('open-tab')!;
openTab.hidden = asTab;
openTab.addEventListener('click', async () => {
  const tabId = await targetTabId();
  await browser.tabs.create({ url: browser.runtime.getURL(`popup/popup.html${tabId === undefined ? '' : `?tab=${tabId}`}${location.hash}`) });
  window.close();
});
