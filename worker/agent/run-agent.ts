// The run loop: observe → beforeStep hooks → policy → act → record the step → repeat,
// until `done`, the step limit, a stop from the user, or an error it cannot get past.
// Every step is persisted before the next begins.
import { type ActionResult, actionFailure, describeAction, targetsElement } from '../../shared/actions';
import type { TabBridge } from '../../shared/browser-bridge';
import type { Outcome, Step } from '../../shared/model';
import type { AgentActivity, AgentRunResult, RunMemoryOptions } from '../../shared/worker-api';
import { descriptorOf, type Observation, type ObservedElement } from '../../shared/observation';
import { isSensitiveField, REDACTED } from '../../shared/redact';
import { RunSecrets, secretsInTask } from '../../shared/secrets';
import { normalizeText } from '../../shared/words';
import type { RunStore } from '../store/run-store';
import type { HookSet, RunInfo } from './hooks';
import { LoopDetector } from './loop-detector';
import type { Policy } from './policy';

export type { AgentActivity, AgentRunResult };

export interface AgentRunOptions {
  runId: string;
  task: string;
  tabId: number;
  maxSteps: number;
  policy: Policy;
  bridge: TabBridge;
  runs: RunStore;
  hooks: HookSet;
  signal: AbortSignal;
  memory?: RunMemoryOptions;
  /** Keeps a screenshot of the screen a step starts from (for the replay); null when none was taken. */
  captureScreen?: (stepIndex: number) => Promise<string | null>;
  /** Live progress for the UI (ephemeral; the persisted record is the step). */
  onActivity?: (activity: AgentActivity) => void;
  /** The user's own sensitive-field patterns (Settings): what is typed into such a field is a secret too. */
  sensitive?: readonly RegExp[];
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runAgent(o: AgentRunOptions): Promise<AgentRunResult> {
  const first = await o.bridge.observe(o.tabId);
  // What the run keeps is redacted; the live run (the policy, the coach's advice) has the task as given.
  const secrets = new RunSecrets(secretsInTask(o.task));
  const info: RunInfo = { runId: o.runId, task: o.task, secrets, tabId: o.tabId, origin: originOf(first.url), maxSteps: o.maxSteps, policy: o.policy.id, ...(o.memory ? { memory: o.memory } : {}), ...(o.policy.llm ? { llm: o.policy.llm } : {}) };
  const existing = await o.runs.header(o.runId);
  if (!existing) await o.runs.start({ id: o.runId, task: secrets.redact(o.task), origin: info.origin, startedAt: Date.now(), source: 'agent' });
  const history: Step[] = existing ? ((await o.runs.get(o.runId))?.steps ?? []) : [];
  await o.hooks.beforeRun(info);

  const loops = new LoopDetector();
  let observation: Observation | null = first;
  let answer: string | undefined;
  let outcome: Outcome | null = null;

  for (let index = history.length; index < o.maxSteps && !outcome; index++) {
    if (o.signal.aborted) {
      outcome = { status: 'interrupted', judgedBy: 'user', reason: 'stopped by the user' };
      break;
    }
    const startedAt = Date.now();
    o.onActivity?.({ type: 'observing', step: index });
    observation ??= await o.bridge.observe(o.tabId);
    const seen: Observation = observation;
    // Taken while the policy thinks; a screenshot that fails leaves the step without one.
    const shot = o.captureScreen ? o.captureScreen(index).catch(() => null) : Promise.resolve(null);
    const context = await o.hooks.beforeStep(info, { index, observation, history });
    o.onActivity?.({ type: 'thinking', step: index });
    let decision;
    try {
      decision = await o.policy.next({ task: o.task, observation, history, context, step: index, maxSteps: o.maxSteps, notes: history.at(-1)?.output.notes }, o.signal);
    } catch (e) {
      outcome = o.signal.aborted
        ? { status: 'interrupted', judgedBy: 'user', reason: 'stopped by the user' }
        : { status: 'failure', judgedBy: 'none', reason: `the policy could not decide: ${errorText(e)}` };
      break;
    }
    const screenshotKey = await shot;
    if (decision.repairs?.length) o.onActivity?.({ type: 'repaired', step: index, repairs: decision.repairs });
    const results = await actAll(o, index, observation, decision.output.actions);
    const record: Step = {
      index,
      observation: { url: observation.url, title: observation.title, elementCount: observation.elements.length, ...(screenshotKey ? { screenshotKey } : {}) },
      output: decision.output,
      results,
      targets: decision.output.actions.map((a) => {
        const e = 'index' in a && a.index !== undefined ? seen.elements.find((x) => x.index === a.index) : undefined;
        return e ? descriptorOf(e, seen.elements) : null;
      }),
      ...(decision.purposes ? { purposes: decision.output.actions.map((_, i) => decision.purposes![i] ?? null) } : {}),
      adviceIds: context.flatMap((c) => c.memoryIds ?? []),
      ...(decision.repairs?.length ? { repairs: decision.repairs.slice(0, 50).map((r) => r.slice(0, 500)) } : {}),
      startedAt,
      tookMs: Date.now() - startedAt,
    };
    // A value typed into a secret field is a secret from now on, and out of what was kept before.
    const known = secrets.size;
    noteSecrets(secrets, seen, decision.output.actions, results, o.sensitive ?? []);
    if (secrets.size > known) await o.runs.redact(o.runId, (x) => secrets.redactDeep(x));
    const kept = secrets.redactDeep(record);
    await o.runs.appendStep(o.runId, kept);
    history.push(record);
    const loop = loops.observe(observation, decision.output.actions.slice(0, results.length));
    if (loop) o.onActivity?.({ type: 'loop', step: index, ...loop });
    await o.hooks.afterStep(info, loop ? { record: kept, loop } : { record: kept });

    const last = results.at(-1);
    const finished = decision.output.actions[results.length - 1];
    if (last?.extracted !== undefined) answer = last.extracted;
    if (finished?.kind === 'done' && last?.ok) {
      // The agent's own word is not a verdict: the judge decides later.
      outcome = { status: 'unknown', judgedBy: 'none', reason: `the agent finished: ${finished.success ? 'reports success' : 'reports failure'}${answer ? ` (${answer.slice(0, 200)})` : ''}` };
    }
    observation = null;
  }
  outcome ??= { status: 'failure', judgedBy: 'none', reason: `step limit of ${o.maxSteps} reached without finishing` };
  if (outcome.status === 'unknown') outcome = await judged(o, history, outcome, answer);
  outcome = secrets.redactDeep(outcome);
  if (answer !== undefined) answer = secrets.redact(answer);
  await o.runs.finish(o.runId, outcome);
  await o.hooks.afterRun(info, { outcome, steps: history.length });
  return { runId: o.runId, outcome, steps: history.length, ...(answer !== undefined ? { answer } : {}) };
}

/** The policy's judge decides a finished run, when it has one; otherwise it stays unknown. */
async function judged(o: AgentRunOptions, history: Step[], finished: Outcome, answer: string | undefined): Promise<Outcome> {
  if (!o.policy.judge) return finished;
  try {
    const finalObservation = await o.bridge.observe(o.tabId);
    const verdict = await o.policy.judge({ task: o.task, steps: history, finalObservation, ...(answer !== undefined ? { answer } : {}) }, o.signal);
    return { status: verdict.success ? 'success' : 'failure', judgedBy: 'llm', reason: verdict.reason };
  } catch (e) {
    return { ...finished, reason: `${finished.reason}; the judge could not be asked: ${errorText(e)}` };
  }
}

/**
 * Runs a step's actions in order. Stops after a failed action, a navigation, or when
 * new elements appeared under the step (its later indices may point elsewhere now);
 * before an action on an element, when the page changed under the step, checks that the
 * element at its index is still the one planned. Stop ends the step at once, a `wait`
 * included.
 */
async function actAll(o: AgentRunOptions, step: number, observation: Observation, actions: Step['output']['actions']): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  // The page as the content script now numbers it: re-read after an action that changed it.
  let current = observation;
  for (const [i, action] of actions.entries()) {
    if (o.signal.aborted) break;
    const moved = current !== observation && targetsElement(action) ? movedElement(observation, current, action.index) : null;
    if (moved) {
      results.push(actionFailure('stale_index', moved));
      break;
    }
    const described = describeAction(action);
    o.onActivity?.({ type: 'acting', step, action: described, ...(action.intent ? { intent: action.intent } : {}) });
    let result: ActionResult;
    try {
      result = await untilStopped(o.bridge.act(o.tabId, action), o.signal);
    } catch (e) {
      result = actionFailure('detached', `the page could not be reached: ${errorText(e)}`);
    }
    results.push(result);
    o.onActivity?.({ type: 'acted', step, action: described, result });
    const more = i < actions.length - 1;
    if (!result.ok || result.navigated || !more) break;
    // The field did not take what was typed (a mask, a length limit, a format it refuses):
    // what the step planned next (a submit) assumed it had.
    if (action.kind === 'type' && action.clear !== false && !tookText(result, action.text)) break;
    if (result.pageChanged) {
      const now = await o.bridge.observe(o.tabId).catch(() => null);
      if (!now || now.url !== observation.url || now.elements.some((e) => e.isNew)) break;
      current = now;
    }
  }
  return results;
}

/** Why the element at `index` is not the one planned (another one took its place, or none); null when it is. */
function movedElement(planned: Observation, now: Observation, index: number): string | null {
  const was = planned.elements.find((e) => e.index === index);
  const is = now.elements.find((e) => e.index === index);
  if (!was) return null;
  const same = (a: ObservedElement, b: ObservedElement) => a.tag === b.tag && a.role === b.role && normalizeText(a.name) === normalizeText(b.name) && (a.attrs.type ?? '') === (b.attrs.type ?? '');
  if (is && same(was, is)) return null;
  const say = (e: ObservedElement) => `<${e.tag}> "${e.name.slice(0, 60)}"`;
  return `the page changed under the step: [${index}] is ${is ? `now ${say(is)}` : 'gone'}, not the planned ${say(was)}; the step stops here`;
}

/** The action's result, or an "interrupted" failure as soon as Stop is pressed (a 30 s wait does not hold Stop up). */
function untilStopped(acting: Promise<ActionResult>, signal: AbortSignal): Promise<ActionResult> {
  if (signal.aborted) return Promise.resolve(actionFailure('interrupted', 'stopped by the user'));
  return new Promise((resolve, reject) => {
    const stop = () => resolve(actionFailure('interrupted', 'stopped by the user'));
    signal.addEventListener('abort', stop, { once: true });
    acting.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * Adds to the run's secrets what this step typed into a secret field: one the page
 * redacted when read back (a password, a card number, a one-time code), or one the
 * user's own patterns name.
 */
function noteSecrets(secrets: RunSecrets, seen: Observation, actions: Step['output']['actions'], results: readonly ActionResult[], sensitive: readonly RegExp[]): void {
  results.forEach((result, i) => {
    const action = actions[i];
    // What goes into a sensitive field is a secret: typed, or chosen (a card's expiry in a select).
    if (action?.kind !== 'type' && action?.kind !== 'select') return;
    const e = seen.elements.find((x) => x.index === action.index);
    const facts = e ? { tag: e.tag, type: e.attrs.type ?? null, autocomplete: e.attrs.autocomplete ?? null, name: e.locator?.name ?? null, id: e.locator?.id ?? null, label: e.name } : null;
    if (!(result.value === REDACTED || (facts && isSensitiveField(facts, sensitive)))) return;
    secrets.add(action.kind === 'type' ? action.text : action.option);
    if (action.kind === 'select' && result.value !== undefined && result.value !== REDACTED) secrets.add(result.value);
  });
}

function tookText(result: ActionResult, text: string): boolean {
  if (result.value === undefined || result.value === REDACTED) return true;
  return normalizeText(result.value) === normalizeText(text);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
