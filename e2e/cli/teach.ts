// Teaching Waymark from a recorded browser flow (Chrome DevTools Recorder's JSON): the
// recording is performed in the browser with the driver's real input while Waymark's
// record mode captures it exactly as it captures a person, then it is learned as a
// successful demonstration of the task (a stored run and a workflow bound to the
// task's values). A recording that is not one, or a step that cannot be performed,
// stops it with the step and the reason; nothing is stored then.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ParsedRecording, parseRecording, type RecordingStep } from '../../shared/recording';
import type { DemonstrationResult } from '../../shared/worker-api';
import type { TeachOptions } from './args';
import { type BrowserSession, RecordingStepFailed } from './browser-session';
import { SetupError } from './errors';
import { pageValueSource } from './page-scripts';
import { startPracticeServer, taskUrl } from './practice-server';
import { openSession } from './session';
import type { Task } from './task-file';

/** A recording that could not be learned from: what is wrong with it, step by step. */
export class TeachRefused extends Error {
  override name = 'TeachRefused';
}

export function readRecording(file: string): ParsedRecording {
  const path = resolve(file);
  if (!existsSync(path)) throw new SetupError(`no recording at ${path}`);
  const parsed = parseRecording(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new TeachRefused(`${path} cannot be learned from; nothing was stored. Problems:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  return parsed.recording;
}

function describe(s: RecordingStep): string {
  const selectors = (s as { selectors?: (string | string[])[] }).selectors;
  if (selectors?.[0] !== undefined) return `${s.type} on ${[selectors[0]].flat().join(' >> ')}`;
  if (s.type === 'navigate') return `navigate to ${s.url}`;
  if (s.type === 'keyDown' || s.type === 'keyUp') return `${s.type} ${s.key}`;
  return s.type;
}

/**
 * Performs the recording in a new tab under record mode and learns from what was
 * recorded as a demonstration of `task`. `task` may be a function of the page the
 * recording starts on (a task the page draws itself).
 */
export async function teach(session: BrowserSession, recording: { steps: RecordingStep[]; numbers?: number[] }, task: string | ((evaluate: (source: string) => Promise<unknown>) => Promise<string>)): Promise<DemonstrationResult & { task: string }> {
  const [first, ...rest] = recording.steps;
  const numberOf = (i: number) => recording.numbers?.[i] ?? i + 1;
  if (first?.type !== 'navigate') throw new TeachRefused('the recording must start with a navigate step: the page the flow starts on');
  const tab = await session.newTab();
  let recording_ = false;
  try {
    await tab.perform(first).catch((e: unknown) => {
      throw new TeachRefused(`step ${numberOf(0)} (${describe(first)}) could not be performed: ${(e as Error).message}; nothing was stored`);
    });
    const text = typeof task === 'string' ? task : await task((source) => tab.evaluate(source));
    await session.message('bg.recordStart', { tabId: tab.tabId, task: text });
    recording_ = true;
    for (const [i, step] of rest.entries()) {
      try {
        await tab.perform(step);
      } catch (e) {
        if (!(e instanceof RecordingStepFailed)) throw e;
        throw new TeachRefused(`step ${numberOf(i + 1)} (${describe(step)}) could not be performed: ${e.message}; nothing was stored`);
      }
    }
    // What the page did with the last step (a navigation, a re-render) is settled first.
    await tab.settle().catch(() => undefined);
    const { steps } = await session.message('bg.recordStop', { tabId: tab.tabId });
    recording_ = false;
    if (steps.length === 0) throw new TeachRefused('performing the recording recorded no action (did it only navigate?); nothing was stored');
    const learned = await session.call('learnFromDemonstration', { task: text, steps });
    return { ...learned, task: text };
  } finally {
    // A failed teach leaves nothing recorded behind.
    if (recording_) await session.message('bg.recordStop', { tabId: tab.tabId }).catch(() => undefined);
    await tab.close().catch(() => undefined);
  }
}

export async function teachVerb(options: TeachOptions): Promise<void> {
  const recording = readRecording(options.recordingFile);
  // Paths in a recording ("/shop/index.html") are on the practice suite, served as `run` serves it.
  const practice = recording.steps.some((s) => s.type === 'navigate' && !/^[a-z][a-z0-9+.-]*:/i.test(s.url)) ? await startPracticeServer(options.sitesPort, (w) => console.error(w)) : null;
  const { session, profileDir } = await openSession({ browser: options.browser, profileDir: options.profileDir, headed: options.headed, onWarning: (w) => console.error(w) });
  try {
    for (const s of recording.skipped) console.error(`note: ${s}`);
    const steps = recording.steps.map((s) => (s.type === 'navigate' ? { ...s, url: taskUrl(s.url, practice?.origin ?? null) } : s));
    const learned = await teach(session, { steps, numbers: recording.numbers }, options.task);
    console.log(`Learned from "${recording.title}" as a demonstration of: ${learned.task}`);
    console.log(`Run ${learned.runId}; memory: ${learned.written.map((w) => `${w.kind} (${w.action})`).join(', ') || 'nothing new (a site never recorded?)'}; profile ${profileDir}`);
  } finally {
    await session.close();
    await practice?.close();
  }
}

/** The task file's demonstrations, each taught once before its task's first attempt. A recording that fails is reported, and the task runs without it. */
export async function teachDemonstrations(session: BrowserSession, tasks: readonly Task[], tasksFile: string, practiceOrigin: string | null, note: (text: string) => void): Promise<void> {
  for (const task of tasks) {
    if (!task.demonstration) continue;
    const spec = typeof task.demonstration === 'string' ? { recording: task.demonstration } : task.demonstration;
    const file = resolve(dirname(resolve(tasksFile)), spec.recording);
    try {
      const recording = readRecording(file);
      const steps = recording.steps.map((s) => (s.type === 'navigate' ? { ...s, url: taskUrl(s.url, practiceOrigin) } : s));
      // The demonstration's task: given with it, the line's own text, or drawn by the page the recording starts on.
      const text = spec.task ?? task.instruction ?? (async (evaluate: (source: string) => Promise<unknown>) => {
        if (task.setup_js) await evaluate(pageValueSource(task.setup_js)).catch(() => undefined);
        const value = (await evaluate(pageValueSource(task.instruction_js!))) as { text?: string };
        if (!value.text?.trim()) throw new TeachRefused(`instruction_js gave no task text on the recording's first page`);
        return value.text.trim();
      });
      const learned = await teach(session, { steps, numbers: recording.numbers }, text);
      note(`Taught ${task.id} from ${spec.recording}: ${learned.written.map((w) => `${w.kind} (${w.action})`).join(', ') || 'nothing new'}`);
    } catch (e) {
      note(`Could not teach ${task.id} from ${spec.recording}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
