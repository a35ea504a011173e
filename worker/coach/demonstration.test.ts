import { describe, expect, it } from 'vitest';
import { type ElementDescriptor, type RecordedStep, Trajectory } from '../../shared/model';
import { condense } from './condenser';
import { DemonstrationRefused, type DemonstrationDeps, demonstrationToTrajectory, learnFromDemonstration, originOf } from './demonstration';

const box = { x: 10, y: 10, width: 120, height: 24 };
const field = (name: string): ElementDescriptor => ({ tag: 'input', role: 'textbox', name, type: 'text', box });
const PAGE = 'http://127.0.0.1:8080/club/index.html';
const WELCOME = 'http://127.0.0.1:8080/club/welcome.html?name=Ada';

const steps: RecordedStep[] = [
  { action: { kind: 'type', index: 0, text: 'Ada Lovelace' }, target: field('Your name'), url: PAGE, timestamp: 1_000 },
  { action: { kind: 'type', index: 1, text: 'ada@example.com' }, target: { ...field('Email address'), type: 'email' }, url: PAGE, timestamp: 2_000 },
  { action: { kind: 'click', index: 3 }, target: { tag: 'button', role: 'button', name: 'Join', type: 'submit', box }, url: PAGE, timestamp: 3_500 },
  { action: { kind: 'navigate', url: 'http://127.0.0.1:8080/club/offers.html' }, url: WELCOME, timestamp: 5_000 },
];
const task = 'Subscribe Ada Lovelace (ada@example.com) to the newsletter';

describe('demonstrationToTrajectory', () => {
  const run = demonstrationToTrajectory({ task, steps }, 'demo-1', 9_000);

  it('is a finished, user-judged successful run from the demonstration', () => {
    expect(Trajectory.parse(run)).toEqual(run);
    expect(run).toMatchObject({ id: 'demo-1', task, origin: 'http://127.0.0.1:8080', source: 'demonstration', startedAt: 1_000, endedAt: 5_000 });
    expect(run.outcome).toMatchObject({ status: 'success', judgedBy: 'user' });
  });

  it('has one step per recorded action, with its target and the page it was on', () => {
    expect(run.steps.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(run.steps.map((s) => s.output.actions)).toEqual(steps.map((s) => [s.action]));
    expect(run.steps.map((s) => s.targets)).toEqual([[steps[0]!.target], [steps[1]!.target], [steps[2]!.target], [null]]);
    expect(run.steps.map((s) => s.observation.url)).toEqual([PAGE, PAGE, PAGE, WELCOME]);
  });

  it('marks the actions after which the tab was on another page as navigations', () => {
    expect(run.steps.map((s) => s.results[0]!.navigated)).toEqual([false, false, true, true]);
    expect(run.steps[2]!.results[0]!.url).toBe(WELCOME);
    expect(run.steps.every((s) => s.results[0]!.ok && s.results[0]!.pageChanged)).toBe(true);
    expect(run.steps[1]!.results[0]!.tookMs).toBe(1_500);
  });

  it('condenses into a workflow with the task’s values as variables', () => {
    const condensed = condense(run);
    expect(condensed.workflow?.task).toBe('Subscribe {name} ({email}) to the newsletter');
    expect(condensed.workflow?.steps.map((s) => s.kind)).toEqual(['type', 'type', 'click', 'navigate']);
    expect(condensed.workflow?.steps[0]).toMatchObject({ kind: 'type', text: '{name}', target: { name: 'Your name' } });
    expect(condensed.workflow?.steps[2]).toMatchObject({ kind: 'click', target: { name: 'Join' } });
  });

  it('trims the task and takes the time of a demonstration without timestamps’ end from the clock', () => {
    const one = demonstrationToTrajectory({ task: '  Join the club ', steps: [steps[2]!] }, 'demo-2', 9_000);
    expect(one.task).toBe('Join the club');
    expect(one.endedAt).toBe(3_500);
    expect(one.steps[0]!.results[0]!.navigated).toBe(false);
  });
});

describe('originOf', () => {
  it('gives a URL’s origin, and file pages the scheme', () => {
    expect(originOf('https://shop.example/cart?x=1')).toBe('https://shop.example');
    expect(originOf('file:///home/ada/page.html')).toBe('file://');
    expect(originOf('not a url')).toBe('not a url');
  });
});

describe('learnFromDemonstration', () => {
  function fakes(neverRecorded: string[] = []) {
    const written: string[] = [];
    const deps = {
      runs: async () => ({
        start: async (r: { id: string; source: string }) => void written.push(`start ${r.id} ${r.source}`),
        appendStep: async (id: string, s: { index: number }) => (written.push(`step ${s.index}`), s.index),
        finish: async (id: string, o: { status: string; judgedBy: string }) => void written.push(`finish ${o.status} by ${o.judgedBy}`),
      }),
      learn: async (run: { id: string }) => (written.push(`learn ${run.id}`), { at: 0, outcome: 'success', written: [{ kind: 'workflow', action: 'add' as const, id: 'w1' }], credited: 0, pruned: 0 }),
      neverRecorded: async (origin: string) => neverRecorded.includes(origin),
    };
    return { deps: deps as unknown as DemonstrationDeps, written };
  }

  it('stores the run step by step, finishes it as a success and learns from it', async () => {
    const { deps, written } = fakes();
    const result = await learnFromDemonstration(deps, { task, steps }, 'demo-3');
    expect(result).toEqual({ runId: 'demo-3', written: [{ kind: 'workflow', action: 'add', id: 'w1' }] });
    expect(written).toEqual(['start demo-3 demonstration', 'step 0', 'step 1', 'step 2', 'step 3', 'finish success by user', 'learn demo-3']);
  });

  it('refuses, storing nothing, when any page of it is on a site never recorded', async () => {
    const { deps, written } = fakes(['http://127.0.0.1:8080']);
    await expect(learnFromDemonstration(deps, { task, steps }, 'demo-4')).rejects.toBeInstanceOf(DemonstrationRefused);
    expect(written).toEqual([]);
  });
});
