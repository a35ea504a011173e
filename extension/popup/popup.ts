// First popup: shows that the worker answers and what the current tab's observation holds.
import browser from 'webextension-polyfill';
import { sendToBackground } from '../lib/messaging';
import type { WorkerApi } from '../../shared/worker-api';
import { pageWorkerApi } from '../lib/worker-client';
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

const worker: WorkerApi = pageWorkerApi(() => sendToBackground('bg.workerStatus', {}));
setUpRunControl(worker, targetTabId);

// Automated runs and tests drive the worker API from this page (?control=1).
if (new URLSearchParams(location.search).has('control')) {
  (globalThis as { waymarkWorker?: WorkerApi }).waymarkWorker = worker;
}
