import { describe, expect, it } from 'vitest';
import type { Action } from './actions';
import { Advice, AgentOutput, MemoryDesign, MemoryItem, RecordedStep, Step, Trajectory } from './model';

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

const click: Action = { kind: 'click', index: 1 };

const output = {
  evaluation: 'The search box is visible.',
  notes: 'Budget is 50 EUR.',
  nextGoal: 'Search for red shoes',
  actions: [
    { kind: 'type', index: 3, text: 'red shoes', enter: true },
    { kind: 'wait', seconds: 1 },
  ],
};

const step = {
  index: 0,
  observation: { url: 'https://shop.test/', title: 'Shop', elementCount: 42, screenshotKey: 'shot-0' },
  output,
  results: [
    { ok: true, navigated: false, pageChanged: true, tookMs: 120 },
    { ok: false, error: { code: 'timeout', message: 'page never settled' }, navigated: false, pageChanged: false, tookMs: 1000 },
  ],
  adviceIds: ['mem-1'],
  startedAt: 1_700_000_000_000,
  tookMs: 1500,
};

const trajectory = {
  id: 'run-1',
  task: 'Buy red shoes under 50 EUR',
  origin: 'https://shop.test',
  startedAt: 1_700_000_000_000,
  endedAt: 1_700_000_060_000,
  steps: [step],
  outcome: { status: 'success', judgedBy: 'check', reason: 'order confirmation page reached' },
  screenshots: { '0': 'shot-0' },
  source: 'agent',
};

const memory = {
  id: 'mem-1',
  kind: 'insight',
  title: 'Search first',
  text: 'On shop.test the search box finds products faster than the menu.',
  whenToUse: 'Looking for a product on shop.test',
  scope: { origin: 'https://shop.test' },
  provenance: ['run-1'],
  counters: { retrieved: 3, helped: 2, hurt: 0 },
  utility: 0.4,
  pinned: false,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_100_000,
  version: 1,
  data: { steps: [{ kind: 'click', index: 1 }] },
};

describe('AgentOutput', () => {
  it('accepts a valid output unchanged', () => {
    expect(AgentOutput.parse(output)).toEqual(output);
  });

  it('requires at least one action', () => {
    expect(paths(AgentOutput.safeParse({ ...output, actions: [] }))).toEqual(['actions']);
    expect(AgentOutput.safeParse({ ...output, actions: [click] }).success).toBe(true);
  });

  it('allows at most six actions', () => {
    expect(AgentOutput.safeParse({ ...output, actions: Array(6).fill(click) }).success).toBe(true);
    expect(paths(AgentOutput.safeParse({ ...output, actions: Array(7).fill(click) }))).toEqual(['actions']);
  });

  it('validates every action and names the failing one', () => {
    const r = AgentOutput.safeParse({ ...output, actions: [click, { kind: 'click', index: -2 }] });
    expect(paths(r)).toEqual(['actions.1.index']);
    expect(paths(AgentOutput.safeParse({ ...output, actions: [{ kind: 'fly' }] }))).toEqual(['actions.0.kind']);
  });

  it('requires evaluation and nextGoal, and notes is optional', () => {
    const { evaluation: _e, nextGoal: _g, notes: _n, ...rest } = output;
    expect(paths(AgentOutput.safeParse(rest)).sort()).toEqual(['evaluation', 'nextGoal']);
    expect(AgentOutput.safeParse({ ...rest, evaluation: '', nextGoal: 'x' }).success).toBe(true);
  });

  it('bounds the text fields', () => {
    expect(paths(AgentOutput.safeParse({ ...output, evaluation: 'e'.repeat(2_001) }))).toEqual(['evaluation']);
    expect(paths(AgentOutput.safeParse({ ...output, notes: 'n'.repeat(4_001) }))).toEqual(['notes']);
    expect(paths(AgentOutput.safeParse({ ...output, nextGoal: 'g'.repeat(1_001) }))).toEqual(['nextGoal']);
    expect(AgentOutput.safeParse({ ...output, evaluation: 'e'.repeat(2_000), notes: 'n'.repeat(4_000), nextGoal: 'g'.repeat(1_000) }).success).toBe(true);
  });
});

describe('Step', () => {
  it('accepts a valid step and rejects a negative index or duration', () => {
    expect(Step.parse(step)).toEqual(step);
    expect(paths(Step.safeParse({ ...step, index: -1 }))).toEqual(['index']);
    expect(paths(Step.safeParse({ ...step, tookMs: -1 }))).toEqual(['tookMs']);
    expect(paths(Step.safeParse({ ...step, observation: { ...step.observation, elementCount: 1.5 } }))).toEqual(['observation.elementCount']);
  });
});

describe('Trajectory', () => {
  it('parses a valid run unchanged', () => {
    expect(Trajectory.parse(trajectory)).toEqual(trajectory);
  });

  it('survives a JSON round trip (as stored)', () => {
    expect(Trajectory.parse(JSON.parse(JSON.stringify(trajectory)))).toEqual(trajectory);
  });

  it('accepts a run in progress: no end, no outcome, no steps', () => {
    const { endedAt: _end, outcome: _outcome, ...running } = trajectory;
    const fresh = { ...running, steps: [], screenshots: {}, source: 'demonstration' };
    expect(Trajectory.parse(fresh)).toEqual(fresh);
  });

  it('accepts every outcome status and judge', () => {
    for (const status of ['success', 'failure', 'unknown', 'interrupted']) {
      for (const judgedBy of ['check', 'llm', 'user', 'none']) {
        expect(Trajectory.safeParse({ ...trajectory, outcome: { status, judgedBy, reason: '' } }).success, `${status}/${judgedBy}`).toBe(true);
      }
    }
  });

  it('rejects invalid runs, naming the field', () => {
    expect(paths(Trajectory.safeParse({ ...trajectory, outcome: { ...trajectory.outcome, status: 'maybe' } }))).toEqual(['outcome.status']);
    expect(paths(Trajectory.safeParse({ ...trajectory, outcome: { ...trajectory.outcome, judgedBy: 'agent' } }))).toEqual(['outcome.judgedBy']);
    expect(paths(Trajectory.safeParse({ ...trajectory, source: 'human' }))).toEqual(['source']);
    expect(paths(Trajectory.safeParse({ ...trajectory, screenshots: { '0': 7 } }))).toEqual(['screenshots.0']);
    expect(paths(Trajectory.safeParse({ ...trajectory, steps: [{ ...step, output: { ...output, actions: [] } }] }))).toEqual([
      'steps.0.output.actions',
    ]);
    const { task: _task, ...noTask } = trajectory;
    expect(paths(Trajectory.safeParse(noTask))).toEqual(['task']);
  });
});

describe('MemoryItem', () => {
  it('parses a valid item unchanged, and without optional data', () => {
    expect(MemoryItem.parse(memory)).toEqual(memory);
    const { data: _data, ...plain } = memory;
    expect(MemoryItem.parse({ ...plain, scope: {} })).toEqual({ ...plain, scope: {} });
  });

  it('accepts every memory kind and rejects others', () => {
    for (const kind of ['episode', 'workflow', 'insight', 'keyframe']) {
      expect(MemoryItem.safeParse({ ...memory, kind }).success, kind).toBe(true);
    }
    expect(paths(MemoryItem.safeParse({ ...memory, kind: 'note' }))).toEqual(['kind']);
  });

  it('rejects negative or fractional counters and a version below 1', () => {
    expect(paths(MemoryItem.safeParse({ ...memory, counters: { ...memory.counters, hurt: -1 } }))).toEqual(['counters.hurt']);
    expect(paths(MemoryItem.safeParse({ ...memory, counters: { ...memory.counters, helped: 0.5 } }))).toEqual(['counters.helped']);
    expect(paths(MemoryItem.safeParse({ ...memory, version: 0 }))).toEqual(['version']);
    expect(paths(MemoryItem.safeParse({ ...memory, version: 1.5 }))).toEqual(['version']);
  });

  it('rejects missing fields and wrong types', () => {
    const { whenToUse: _w, ...noWhen } = memory;
    expect(paths(MemoryItem.safeParse(noWhen))).toEqual(['whenToUse']);
    expect(paths(MemoryItem.safeParse({ ...memory, pinned: 'no' }))).toEqual(['pinned']);
    expect(paths(MemoryItem.safeParse({ ...memory, provenance: 'run-1' }))).toEqual(['provenance']);
    expect(paths(MemoryItem.safeParse({ ...memory, utility: Number.NaN }))).toEqual(['utility']);
  });
});

describe('MemoryDesign, Advice and RecordedStep', () => {
  const design = {
    name: 'insights-on-signal',
    writes: ['insight', 'workflow'],
    retrieval: { k: 3, floor: 0.3, weights: { similarity: 0.6, recency: 0.1, utility: 0.3 } },
    speak: 'on-signal',
    minConfidence: 0.5,
  };

  it('MemoryDesign parses a valid design and bounds k, floor, speak and the confidence it speaks at', () => {
    expect(MemoryDesign.parse(design)).toEqual(design);
    expect(paths(MemoryDesign.safeParse({ ...design, retrieval: { ...design.retrieval, k: 0 } }))).toEqual(['retrieval.k']);
    expect(paths(MemoryDesign.safeParse({ ...design, retrieval: { ...design.retrieval, floor: 1.5 } }))).toEqual(['retrieval.floor']);
    expect(paths(MemoryDesign.safeParse({ ...design, speak: 'always' }))).toEqual(['speak']);
    expect(paths(MemoryDesign.safeParse({ ...design, writes: ['diary'] }))).toEqual(['writes.0']);
    expect(paths(MemoryDesign.safeParse({ ...design, minConfidence: 1.5 }))).toEqual(['minConfidence']);
    expect(MemoryDesign.parse({ ...design, speak: 'never' }).speak).toBe('never');
  });

  it('Advice parses valid advice and bounds confidence and hint actions', () => {
    const advice = { text: 'Use the search box.', hints: { try: [click], avoid: [{ kind: 'back' }] }, sources: ['mem-1'], confidence: 0.8 };
    expect(Advice.parse(advice)).toEqual(advice);
    expect(paths(Advice.safeParse({ ...advice, confidence: 1.2 }))).toEqual(['confidence']);
    expect(paths(Advice.safeParse({ ...advice, hints: { try: [{ kind: 'click' }], avoid: [] } }))).toEqual(['hints.try.0.index']);
  });

  it('RecordedStep parses a step with and without a target', () => {
    const rec = {
      action: { kind: 'type', index: 2, text: '[redacted]' },
      target: { tag: 'input', role: 'textbox', name: 'Card number', type: 'text', box: { x: 1, y: 2, width: 3, height: 4 } },
      url: 'https://shop.test/pay',
      timestamp: 5,
    };
    expect(RecordedStep.parse(rec)).toEqual(rec);
    const { target: _t, ...bare } = rec;
    expect(RecordedStep.parse(bare)).toEqual(bare);
    expect(paths(RecordedStep.safeParse({ ...rec, target: { ...rec.target, box: { x: 1 } } })).sort()).toEqual([
      'target.box.height',
      'target.box.width',
      'target.box.y',
    ]);
  });
});
