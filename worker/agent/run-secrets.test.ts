// Secrets in a run (issue 16): what is typed into a password field, or a field the user
// marked sensitive, and the same value in the task sentence, are kept nowhere in the
// clear — not in the stored task, steps or outcome, not in what hooks see — while the
// live policy still has them, and a workflow learned from the run has a variable where
// the secret was.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Action, ActionResult } from '../../shared/actions';
import type { TabBridge } from '../../shared/browser-bridge';
import type { AgentOutput, Step } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { REDACTED, sensitivePatterns } from '../../shared/redact';
import { bindWorkflow } from '../../shared/workflow';
import { condense } from '../coach/condenser';
import { openWaymarkDb } from '../store/database';
import { RunStore } from '../store/run-store';
import { HookSet } from './hooks';
import type { Policy } from './policy';
import { runAgent } from './run-agent';

const field = (index: number, name: string, type = 'text'): ObservedElement => ({ index, tag: 'input', role: 'textbox', name, attrs: { type }, text: '', inViewport: true, disabled: false, isNew: false, box: { x: 0, y: index * 30, width: 100, height: 20 }, context: 'document' });
const button = (index: number, name: string): ObservedElement => ({ ...field(index, name), tag: 'button', role: 'button', attrs: { type: 'submit' }, text: name });

/** A sign-in page; a password field reads back redacted, as the content script reads it. */
class SignInPage implements TabBridge {
  elements = [field(0, 'User name'), field(1, 'Password', 'password'), field(2, 'Member number'), button(3, 'Sign in')];
  async observe(): Promise<Observation> {
    return { id: 'o', url: 'https://club.example/login', title: 'Sign in', elements: this.elements, text: '', scroll: { x: 0, y: 0, viewportWidth: 800, viewportHeight: 600, pageHeight: 600 }, timestamp: 0, tookMs: 1 };
  }
  async act(_tab: number, action: Action): Promise<ActionResult> {
    const ok: ActionResult = { ok: true, navigated: false, pageChanged: false, tookMs: 1 };
    if (action.kind === 'type') return { ...ok, value: action.index === 1 ? REDACTED : action.text };
    if (action.kind === 'done') return { ...ok, extracted: action.text };
    return { ...ok, pageChanged: true };
  }
  async screenshot(): Promise<never> {
    throw new Error('no screenshots here');
  }
}

function scripted(outputs: AgentOutput[]): Policy & { tasks: string[]; histories: Step[][] } {
  const tasks: string[] = [];
  const histories: Step[][] = [];
  return {
    id: 'scripted',
    tasks,
    histories,
    async next(input) {
      tasks.push(input.task);
      histories.push(structuredClone([...input.history]));
      return { output: outputs.shift()! };
    },
    async dispose() {},
  };
}

async function signIn(task: string, typed: { user: string; password: string; member?: string }, sensitive: RegExp[] = []) {
  const runs = new RunStore(await openWaymarkDb(`secrets-${Math.random()}`));
  const hookErrors: unknown[] = [];
  const hooks = new HookSet((_hook, e) => hookErrors.push(e));
  const seen: string[] = [];
  hooks.add({ afterStep: (_run, step) => void seen.push(JSON.stringify(step.record)), beforeRun: (run) => void seen.push(run.secrets.redact(run.task)) });
  const actions: Action[] = [
    { kind: 'type', index: 0, text: typed.user },
    { kind: 'type', index: 1, text: typed.password, intent: `type "${typed.password}" into the password` },
    ...(typed.member ? [{ kind: 'type', index: 2, text: typed.member } as Action] : []),
    { kind: 'click', index: 3 },
  ];
  const policy = scripted([
    { evaluation: '', nextGoal: `Sign in with ${typed.password}`, actions },
    { evaluation: `Typed ${typed.password}.`, nextGoal: 'Done', actions: [{ kind: 'done', success: true, text: `Signed in (password ${typed.password})` }] },
  ]);
  const result = await runAgent({ runId: 'r1', task, tabId: 1, maxSteps: 4, policy, bridge: new SignInPage(), runs, hooks, signal: new AbortController().signal, sensitive });
  expect(hookErrors).toEqual([]);
  return { result, run: (await runs.get('r1'))!, policy, seen };
}

describe('secrets in a run', () => {
  it('keeps the password out of the stored task, steps, outcome and what hooks see; the live policy has it', async () => {
    const { result, run, policy, seen } = await signIn('Sign in as "ada" with the password "hunter2!"', { user: 'ada', password: 'hunter2!' });
    const kept = JSON.stringify({ run, result, seen });
    expect(kept).not.toContain('hunter2!');
    expect(run.task).toBe('Sign in as "ada" with the password "[redacted]"');
    expect(run.steps[0]!.output.actions[1]).toMatchObject({ kind: 'type', text: '[redacted]' });
    expect(run.steps[0]!.output.nextGoal).toBe('Sign in with [redacted]');
    // The policy worked with the real task and the real history.
    expect(policy.tasks[0]).toContain('hunter2!');
    expect(JSON.stringify(policy.histories[1])).toContain('hunter2!');
  });

  it('learns a secret typed without the task naming it, and redacts what was kept before it', async () => {
    const { run } = await signIn('Sign in to the club as "ada" (my usual password is pa55-word)', { user: 'ada', password: 'pa55-word' });
    expect(JSON.stringify(run)).not.toContain('pa55-word');
    expect(run.task).toBe('Sign in to the club as "ada" (my usual password is [redacted])');
  });

  it('treats a field the user marked sensitive like a password field', async () => {
    const { patterns } = sensitivePatterns(['member number']);
    const { run } = await signIn('Sign in as "ada" with the password "hunter2!" and member number "M-88231"', { user: 'ada', password: 'hunter2!', member: 'M-88231' }, patterns);
    expect(JSON.stringify(run)).not.toContain('M-88231');
    expect(run.task).toBe('Sign in as "ada" with the password "[redacted]" and member number "[redacted 2]"');
  });

  it('takes an option chosen in a payment-card field for a secret too', async () => {
    const runs = new RunStore(await openWaymarkDb(`secrets-${Math.random()}`));
    const page = new SignInPage();
    page.elements = [{ ...field(0, 'Expiry year'), tag: 'select', role: 'combobox', attrs: { autocomplete: 'cc-exp-year' } }, button(1, 'Pay')];
    const policy = scripted([
      { evaluation: '', nextGoal: 'Choose 2031', actions: [{ kind: 'select', index: 0, option: '2031' }, { kind: 'click', index: 1 }] },
      { evaluation: 'Chose 2031.', nextGoal: 'Done', actions: [{ kind: 'done', success: true, text: 'Paid with the card expiring 2031' }] },
    ]);
    await runAgent({ runId: 'r1', task: 'Pay with the saved card', tabId: 1, maxSteps: 4, policy, bridge: page, runs, hooks: new HookSet(() => undefined), signal: new AbortController().signal });
    const run = (await runs.get('r1'))!;
    expect(JSON.stringify(run)).not.toContain('2031');
    expect(run.steps[0]!.output.actions[0]).toMatchObject({ kind: 'select', option: '[redacted]' });
  });

  it('learns a workflow with a variable where the secret was; a new task brings its own', async () => {
    const { run } = await signIn('Sign in as "ada" with the password "hunter2!"', { user: 'ada', password: 'hunter2!' });
    const workflow = condense({ ...run, outcome: { status: 'success', judgedBy: 'check', reason: 'signed in' } }).workflow!;
    expect(JSON.stringify(workflow)).not.toContain('hunter2!');
    const typedPassword = workflow.steps.find((s) => s.kind === 'type' && s.target.name === 'Password');
    expect(typedPassword).toMatchObject({ text: '{text2}' });
    const bound = bindWorkflow(workflow, 'Sign in as "bob" with the password "Tr0ub4dor&3"');
    expect(bound).toEqual({ text: 'bob', text2: 'Tr0ub4dor&3' });
  });
});
