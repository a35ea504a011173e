// Record mode per tab. Steps are kept in storage.session so a restarted service
// worker keeps the recording; navigations the user makes themselves are recorded too.
import browser from 'webextension-polyfill';
import type { RecordedStep } from '../../shared/model';
import { toContent } from './tabs';

const key = (tabId: number) => `recording:${tabId}`;
const taskKey = (tabId: number) => `recording-task:${tabId}`;

async function load(tabId: number): Promise<RecordedStep[] | undefined> {
  const stored = await browser.storage.session.get(key(tabId));
  return stored[key(tabId)] as RecordedStep[] | undefined;
}

async function save(tabId: number, steps: RecordedStep[]): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: steps });
}

// Appends are serialised per tab so concurrent events never overwrite each other.
const queues = new Map<number, Promise<unknown>>();
function serial<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(fn, fn);
  queues.set(tabId, next.catch(() => undefined));
  return next;
}

export function isRecording(tabId: number): Promise<boolean> {
  return load(tabId).then((s) => s !== undefined);
}

export async function recordingStatus(tabId: number): Promise<{ recording: boolean; steps: number; task: string | null }> {
  const [steps, stored] = await Promise.all([load(tabId), browser.storage.session.get(taskKey(tabId))]);
  return { recording: steps !== undefined, steps: steps?.length ?? 0, task: (stored[taskKey(tabId)] as string | undefined) ?? null };
}

export async function startRecording(tabId: number, task?: string): Promise<void> {
  await serial(tabId, async () => {
    await save(tabId, []);
    if (task) await browser.storage.session.set({ [taskKey(tabId)]: task });
    else await browser.storage.session.remove(taskKey(tabId));
  });
  await toContent(tabId, 'content.recordStart', {});
}

export function appendStep(tabId: number, step: RecordedStep): Promise<number> {
  return serial(tabId, async () => {
    const steps = await load(tabId);
    if (!steps) return 0;
    steps.push(step);
    await save(tabId, steps);
    return steps.length;
  });
}

export async function stopRecording(tabId: number): Promise<{ steps: RecordedStep[]; task: string | null }> {
  try {
    await toContent(tabId, 'content.recordStop', {}, 5_000);
  } catch {
    // The page may be gone; what was recorded so far is kept.
  }
  return serial(tabId, async () => {
    const steps = (await load(tabId)) ?? [];
    const task = ((await browser.storage.session.get(taskKey(tabId)))[taskKey(tabId)] as string | undefined) ?? null;
    await browser.storage.session.remove([key(tabId), taskKey(tabId)]);
    return { steps, task };
  });
}

// Navigations the user starts (address bar, bookmarks, back/forward, reload) are
// steps of their own; following a link or submitting a form is the consequence of a
// step already recorded.
const OWN_TRANSITIONS = new Set(['typed', 'auto_bookmark', 'generated', 'start_page', 'keyword', 'keyword_generated', 'reload']);

export function watchNavigations(): void {
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId !== 0 || !/^(https?|file):/.test(details.url)) return;
    const qualifiers = details.transitionQualifiers ?? [];
    const own = OWN_TRANSITIONS.has(details.transitionType ?? '') || qualifiers.includes('forward_back') || qualifiers.includes('from_address_bar');
    if (!own) return;
    const { tabId, url } = details;
    void serial(tabId, async () => {
      const steps = await load(tabId);
      if (!steps) return;
      steps.push({ action: { kind: 'navigate', url }, url, timestamp: Date.now() });
      await save(tabId, steps);
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove([key(tabId), taskKey(tabId)]));
}
