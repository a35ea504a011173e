// What the CLI needs from a browser with Waymark in it, whichever browser it is: calls
// to the extension's worker (from one of the extension's own pages, as the popup makes
// them) and tabs to run tasks in.
import type { ImportProblem } from '../../shared/memory-export';
import { envelope, type MessageType, type RequestOf, type ResponseOf, unwrapReply } from '../../shared/protocol';
import type { RecordingStep } from '../../shared/recording';
import type { WorkerApi, WorkerMethod, WorkerResults } from '../../shared/worker-api';
import type { BrowserName } from './args';

export interface TaskTab {
  /** The extension's id for the tab (what startAgentRun wants). */
  readonly tabId: number;
  /** Loads `url`; the HTTP status (null where there is none). Throws when the page cannot be reached. */
  open(url: string): Promise<number | null>;
  /** Evaluates JavaScript source in the page (a promise is awaited) and returns its JSON value. */
  evaluate(source: string): Promise<unknown>;
  /** Waits until the page has loaded (after a navigation the page or the agent started). */
  settle(): Promise<void>;
  url(): string;
  /**
   * Performs one step of a Recorder recording with the driver's real input (mouse,
   * keyboard), trying its selectors in order; throws a RecordingStepFailed saying why.
   */
  perform(step: RecordingStep): Promise<void>;
  close(): Promise<void>;
}

/** A recording's step could not be performed (no selector matched, the element would not take it). */
export class RecordingStepFailed extends Error {
  override name = 'RecordingStepFailed';
}

export interface BrowserSession {
  readonly browser: BrowserName;
  call<M extends WorkerMethod>(method: M, ...args: Parameters<WorkerApi[M]>): Promise<WorkerResults[M]>;
  /** Sends one message of the extension's protocol to its background, from an extension page. */
  message<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  newTab(): Promise<TaskTab>;
  close(): Promise<void>;
}

/** A worker call that failed, with the worker's error code (and an import's problems). */
export class WorkerCallFailed extends Error {
  override name = 'WorkerCallFailed';
  constructor(
    readonly method: string,
    message: string,
    readonly code: string | undefined,
    readonly problems: ImportProblem[] | undefined,
  ) {
    super(`${method} failed${code ? ` (${code})` : ''}: ${message}`);
  }
}

/** Evaluates source in an extension page and returns the JSON value it resolves to. */
export type EvaluateSource = (source: string) => Promise<unknown>;

type CallOutcome = { ok: true; value: unknown } | { ok: false; error: { message: string; code?: string; problems?: ImportProblem[] } };

/**
 * Calls the worker through the page's `waymarkWorker` (the popup's Comlink proxy). The
 * call is sent as source text, not a function, so no transpiler helper can leak into it.
 */
export async function callWorkerFrom<M extends WorkerMethod>(evaluate: EvaluateSource, method: M, args: unknown[]): Promise<WorkerResults[M]> {
  const source = `(async () => {
    const api = await globalThis.waymarkWorker;
    try {
      return { ok: true, value: await api[${JSON.stringify(method)}](...${JSON.stringify(args)}) };
    } catch (e) {
      return { ok: false, error: { message: String(e && e.message), code: e && typeof e.code === 'string' ? e.code : undefined, problems: e && Array.isArray(e.problems) ? e.problems : undefined } };
    }
  })()`;
  const out = (await evaluate(source)) as CallOutcome;
  if (!out.ok) throw new WorkerCallFailed(method, out.error.message, out.error.code, out.error.problems);
  return out.value as WorkerResults[M];
}

/** The ids of all tabs, asked from an extension page. */
export async function tabIds(evaluate: EvaluateSource): Promise<number[]> {
  const api = "(globalThis.browser ?? globalThis.chrome)";
  return (await evaluate(`${api}.tabs.query({}).then((tabs) => tabs.map((t) => t.id))`)) as number[];
}

/**
 * Runs `open` (which opens one tab) and finds the new tab's id: the one id that was not
 * there before. Serialised, so tabs opened at the same time cannot be mixed up.
 */
export function tabOpener(evaluate: EvaluateSource): <T>(open: () => Promise<T>) => Promise<{ value: T; tabId: number }> {
  let queue: Promise<unknown> = Promise.resolve();
  const claimed = new Set<number>();
  return (open) => {
    const next = queue.then(async () => {
      const before = new Set(await tabIds(evaluate));
      const value = await open();
      const deadline = Date.now() + 10_000;
      for (;;) {
        const fresh = (await tabIds(evaluate)).filter((id) => !before.has(id) && !claimed.has(id));
        if (fresh.length === 1) {
          claimed.add(fresh[0]!);
          return { value, tabId: fresh[0]! };
        }
        if (Date.now() > deadline) throw new Error(`could not tell the new tab's id (${fresh.length} new tabs)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };
}

/** The first line of an error from the page, without the driver's call-site prefix. */
export function pageErrorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return first.replace(/^(page|frame)\.[a-zA-Z]+: /, '').replace(/^Evaluation failed: /, '').trim();
}

/** Did an evaluation fail only because the page navigated away while it ran? */
export function isNavigationDuringEvaluate(e: unknown): boolean {
  return /Execution context was destroyed|navigat|Inspected target navigated|context.*(discarded|destroyed)/i.test(e instanceof Error ? e.message : String(e));
}

/** Sends a protocol message from an extension page and unwraps its reply. */
export async function messageFrom<T extends MessageType>(evaluate: EvaluateSource, type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const api = '(globalThis.browser ?? globalThis.chrome)';
  const raw = await evaluate(`${api}.runtime.sendMessage(${JSON.stringify(envelope(type, payload))})`);
  return unwrapReply(type, raw);
}
