import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Action, ActionResult } from '../../shared/actions';
import type { TabBridge } from '../../shared/browser-bridge';
import type { AgentOutput } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { openWaymarkDb } from '../store/database';
import { RunStore } from '../store/run-store';
import { HookSet } from './hooks';
import type { Policy, StepInput } from './policy';
import { runAgent } from './run-agent';

function element(index: number, name: string, isNew = false): ObservedElement {
  return { index, tag: 'button', role: 'button', name, attrs: {}, text: name, inViewport: true, disabled: false, isNew, box: { x: 0, y: index * 30, width: 100, height: 20 }, context: 'document' };
}

/** A page in memory: a list of buttons; clicking "Next" goes to another URL. */
class PageInMemory implements TabBridge {
  url = 'https://shop.example/';
  elements = [element(0, 'Search'), element(1, 'Next')];
  acted: Action[] = [];
  async observe(): Promise<Observation> {
    return { id: String(this.acted.length), url: this.url, title: 'Shop', elements: this.elements, text: '', scroll: { x: 0, y: 0, viewportWidth: 800, viewportHeight: 600, pageHeight: 600 }, timestamp: 0, tookMs: 1 };
  }
  async act(_tab: number, action: Action): Promise<ActionResult> {
    this.acted.push(action);
    const ok: ActionResult = { ok: true, navigated: false, pageChanged: false, tookMs: 1 };
    if (action.kind === 'click' && action.index === 1) {
      this.url = 'https://shop.example/page2';
      return { ...ok, navigated: true, pageChanged: true };
    }
    if (action.kind === 'click' && action.index === 0) {
      this.elements = [...this.elements.map((e) => ({ ...e, isNew: false })), element(2, 'Result', true)];
      return { ...ok, pageChanged: true };
    }
    if (action.kind === 'done') return { ...ok, extracted: action.text };
    return ok;
  }
  async screenshot(): Promise<never> {
    throw new Error('no screenshots here');
  }
}

/** Replies with the given outputs in turn, recording what it was shown. */
function scripted(outputs: AgentOutput[]): Policy & { inputs: StepInput[] } {
  const inputs: StepInput[] = [];
  return {
    id: 'scripted',
    inputs,
    async next(input) {
      inputs.push(structuredClone(input));
      const output = outputs.shift();
      if (!output) throw new Error('script ran out');
      return { output };
    },
    async dispose() {},
  };
}

const out = (...actions: Action[]): AgentOutput => ({ evaluation: '', nextGoal: 'go on', actions });

let n = 0;
async function setup() {
  const runs = new RunStore(await openWaymarkDb(`agent-test-${++n}`));
  const errors: string[] = [];
  const hooks = new HookSet((name, e) => errors.push(`${name}: ${String(e)}`));
  return { runs, hooks, errors, page: new PageInMemory() };
}

describe('runAgent', () => {
  it('runs steps until done, persists each, and never judges success on the agent’s word', async () => {
    const { runs, hooks, page } = await setup();
    const policy = scripted([out({ kind: 'click', index: 1 }), out({ kind: 'done', success: true, text: 'found it' })]);
    const result = await runAgent({ runId: 'r1', task: 'find page 2', tabId: 1, maxSteps: 5, policy, bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(result).toMatchObject({ steps: 2, answer: 'found it', outcome: { status: 'unknown', judgedBy: 'none' } });
    const stored = await runs.get('r1');
    expect(stored?.steps.map((s) => s.observation.url)).toEqual(['https://shop.example/', 'https://shop.example/page2']);
    expect(stored?.outcome?.status).toBe('unknown');
  });

  it('keeps the screenshot of each step that got one, and runs on when a capture fails', async () => {
    const { runs, hooks, page } = await setup();
    const policy = scripted([out({ kind: 'click', index: 1 }), out({ kind: 'scroll', direction: 'down' }), out({ kind: 'done', success: true })]);
    const captureScreen = async (step: number) => {
      if (step === 1) throw new Error('capture refused');
      return step === 0 ? 'shot-0' : null;
    };
    const result = await runAgent({ runId: 'r-shots', task: 't', tabId: 1, maxSteps: 5, policy, bridge: page, runs, hooks, signal: new AbortController().signal, captureScreen });
    expect(result.steps).toBe(3);
    expect((await runs.get('r-shots'))?.steps.map((s) => s.observation.screenshotKey ?? null)).toEqual(['shot-0', null, null]);
  });

  it('stops a multi-action step when new elements appear or the page navigates', async () => {
    const { runs, hooks, page } = await setup();
    const policy = scripted([out({ kind: 'click', index: 0 }, { kind: 'click', index: 1 }), out({ kind: 'click', index: 1 }, { kind: 'click', index: 0 }), out({ kind: 'done', success: true })]);
    await runAgent({ runId: 'r2', task: 't', tabId: 1, maxSteps: 5, policy, bridge: page, runs, hooks, signal: new AbortController().signal });
    // Step 1 stopped after the click that added "Result"; step 2 after the navigation.
    expect(page.acted.map((a) => (a.kind === 'click' ? a.index : a.kind))).toEqual([0, 1, 'done']);
    expect((await runs.get('r2'))?.steps.map((s) => s.results.length)).toEqual([1, 1, 1]);
  });

  it('stops a multi-action step before acting on an index that now names another element', async () => {
    const { runs, hooks, page } = await setup();
    // A page where "Dismiss" (index 0) removes itself: what was [1] "Next" is [0] now, and [1] is "Delete all".
    page.elements = [element(0, 'Dismiss'), element(1, 'Next'), element(2, 'Delete all')];
    const act = page.act.bind(page);
    page.act = async (tab, action) => {
      if (action.kind === 'click' && action.index === 0 && page.elements[0]!.name === 'Dismiss') {
        page.acted.push(action);
        page.elements = [element(0, 'Next'), element(1, 'Delete all')];
        return { ok: true, navigated: false, pageChanged: true, tookMs: 1 };
      }
      return act(tab, action);
    };
    const policy = scripted([out({ kind: 'click', index: 0 }, { kind: 'click', index: 1 }), out({ kind: 'done', success: false })]);
    await runAgent({ runId: 'r-moved', task: 't', tabId: 1, maxSteps: 3, policy, bridge: page, runs, hooks, signal: new AbortController().signal });
    // "Delete all" was never pressed; the step says why it stopped.
    expect(page.acted.filter((a) => a.kind === 'click').map((a) => (a as { index: number }).index)).toEqual([0]);
    const first = (await runs.get('r-moved'))!.steps[0]!;
    expect(first.results[1]).toMatchObject({ ok: false, error: { code: 'stale_index', message: expect.stringContaining('now <button> "Delete all", not the planned <button> "Next"') } });
  });

  it('keeps the repairs made to the policy\'s reply with the step, and reports them live', async () => {
    const { runs, hooks, page } = await setup();
    const policy: Policy = { id: 'mended', next: async () => ({ output: out({ kind: 'done', success: true }), repairs: ['renamed "action" to "kind"'] }), dispose: async () => {} };
    const activity: string[] = [];
    await runAgent({ runId: 'r-mended', task: 't', tabId: 1, maxSteps: 2, policy, bridge: page, runs, hooks, signal: new AbortController().signal, onActivity: (a) => void (a.type === 'repaired' && activity.push(...a.repairs)) });
    expect((await runs.get('r-mended'))!.steps[0]!.repairs).toEqual(['renamed "action" to "kind"']);
    expect(activity).toEqual(['renamed "action" to "kind"']);
  });

  it('ends a long wait as soon as the user presses Stop', async () => {
    const { runs, hooks, page } = await setup();
    const stop = new AbortController();
    page.act = (_tab, action) => (action.kind === 'wait' ? new Promise((r) => setTimeout(() => r({ ok: true, navigated: false, pageChanged: false, tookMs: 30_000 }), 30_000)) : Promise.resolve({ ok: true, navigated: false, pageChanged: false, tookMs: 1 }));
    setTimeout(() => stop.abort(), 20);
    const started = Date.now();
    const result = await runAgent({ runId: 'r-wait', task: 't', tabId: 1, maxSteps: 3, policy: scripted([out({ kind: 'wait', seconds: 30 })]), bridge: page, runs, hooks, signal: stop.signal });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.outcome).toMatchObject({ status: 'interrupted', judgedBy: 'user' });
    expect((await runs.get('r-wait'))!.steps[0]!.results[0]).toMatchObject({ ok: false, error: { code: 'interrupted' } });
  });

  it('gives hooks the steps, adds their context to the prompt, reports loops, and survives a failing hook', async () => {
    const { runs, hooks, errors, page } = await setup();
    const loops: number[] = [];
    hooks.add({ beforeStep: (_run, step) => ({ source: 'coach', text: `advice for step ${step.index}`, memoryIds: ['m1'] }) });
    hooks.add({ afterStep: (_run, step) => void (step.loop && loops.push(step.loop.repeats)) });
    hooks.add({ beforeRun: () => { throw new Error('broken hook'); } });
    const same = out({ kind: 'scroll', direction: 'down' });
    const policy = scripted([same, same, same, out({ kind: 'done', success: false })]);
    const result = await runAgent({ runId: 'r3', task: 't', tabId: 1, maxSteps: 10, policy, bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(result.steps).toBe(4);
    expect(policy.inputs[1]!.context).toEqual([{ source: 'coach', text: 'advice for step 1', memoryIds: ['m1'] }]);
    expect(loops).toEqual([2, 3]);
    expect(errors).toEqual(['beforeRun: Error: broken hook']);
    expect((await runs.get('r3'))?.steps[0]!.adviceIds).toEqual(['m1']);
  });

  it('ends with a failure at the step limit and with the reason when the policy cannot decide', async () => {
    const { runs, hooks, page } = await setup();
    const limit = await runAgent({ runId: 'r4', task: 't', tabId: 1, maxSteps: 2, policy: scripted([out({ kind: 'wait', seconds: 0 }), out({ kind: 'wait', seconds: 0 })]), bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(limit.outcome).toMatchObject({ status: 'failure', reason: expect.stringContaining('step limit of 2') });
    const broken = await runAgent({ runId: 'r5', task: 't', tabId: 1, maxSteps: 5, policy: scripted([]), bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(broken.outcome).toMatchObject({ status: 'failure', reason: expect.stringContaining('script ran out') });
  });

  it('stops when the user stops it, keeping the steps taken, and resumes a run from its last step', async () => {
    const { runs, hooks, page } = await setup();
    const stop = new AbortController();
    hooks.add({ afterStep: () => stop.abort() });
    const first = await runAgent({ runId: 'r6', task: 't', tabId: 1, maxSteps: 5, policy: scripted([out({ kind: 'wait', seconds: 0 })]), bridge: page, runs, hooks, signal: stop.signal });
    expect(first).toMatchObject({ steps: 1, outcome: { status: 'interrupted', judgedBy: 'user' } });

    const { hooks: fresh } = await setup();
    await runs.start({ id: 'r7', task: 't', origin: 'https://shop.example', startedAt: 1, source: 'agent' });
    await runs.appendStep('r7', { index: 0, observation: { url: page.url, title: 'Shop', elementCount: 2 }, output: out({ kind: 'wait', seconds: 0 }), results: [{ ok: true, navigated: false, pageChanged: false, tookMs: 1 }], adviceIds: [], startedAt: 1, tookMs: 1 });
    const policy = scripted([out({ kind: 'done', success: true })]);
    const resumed = await runAgent({ runId: 'r7', task: 't', tabId: 1, maxSteps: 5, policy, bridge: page, runs, hooks: fresh, signal: new AbortController().signal });
    expect(resumed.steps).toBe(2);
    expect(policy.inputs[0]!.step).toBe(1);
    expect(policy.inputs[0]!.history).toHaveLength(1);
  });
});

describe('runAgent with a judge', () => {
  it('lets the policy’s judge decide a finished run, and keeps it unknown when the judge fails', async () => {
    const { runs, hooks, page } = await setup();
    const judging = { ...scripted([out({ kind: 'done', success: true })]), judge: async () => ({ success: false, reason: 'no confirmation on the page' }) };
    const judged = await runAgent({ runId: 'j1', task: 't', tabId: 1, maxSteps: 3, policy: judging, bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(judged.outcome).toEqual({ status: 'failure', judgedBy: 'llm', reason: 'no confirmation on the page' });
    const failing = { ...scripted([out({ kind: 'done', success: true })]), judge: async () => { throw new Error('endpoint down'); } };
    const unjudged = await runAgent({ runId: 'j2', task: 't', tabId: 1, maxSteps: 3, policy: failing, bridge: page, runs, hooks, signal: new AbortController().signal });
    expect(unjudged.outcome).toMatchObject({ status: 'unknown', judgedBy: 'none', reason: expect.stringContaining('endpoint down') });
  });
});
