// The learner chooses a memory design per task cluster: the safe default with no
// history, a requested or pinned design when there is one, otherwise a seeded
// Thompson sample that converges on the design that works and starts a new cluster
// from what worked in others.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN, MEMORY_DESIGNS } from '../../shared/memory-designs';
import type { Outcome } from '../../shared/model';
import { openWaymarkDb } from '../store/database';
import { KeyValueStore } from '../store/key-value-store';
import { Learner, rewardOf } from './learner';

let n = 0;
async function learner(): Promise<Learner> {
  return new Learner(new KeyValueStore(await openWaymarkDb(`learner-test-${++n}`), 'learner'));
}

const outcome = (status: Outcome['status']): Outcome => ({ status, judgedBy: 'check', reason: 'the check' });
const CLUSTER = 'subscribe {name} ({email}) to the newsletter';

describe('rewardOf', () => {
  it('gives 1 for an instant success, down to 0.75 for one that used every step, 0 for a failure', () => {
    expect(rewardOf(outcome('success'), 0, 8)).toBe(1);
    expect(rewardOf(outcome('success'), 4, 8)).toBe(0.875);
    expect(rewardOf(outcome('success'), 8, 8)).toBe(0.75);
    expect(rewardOf(outcome('success'), 20, 8)).toBe(0.75);
    expect(rewardOf(outcome('failure'), 3, 8)).toBe(0);
  });

  it('gives no reward to a run without a verdict', () => {
    expect(rewardOf(outcome('unknown'), 3, 8)).toBeNull();
    expect(rewardOf(outcome('interrupted'), 3, 8)).toBeNull();
  });
});

describe('Learner', () => {
  it('chooses the safe default when nothing is known here or anywhere, and records the choice', async () => {
    const l = await learner();
    expect(DEFAULT_DESIGN).toBe('balanced');
    const choice = await l.choose(CLUSTER);
    expect(choice).toMatchObject({ design: { name: 'balanced' }, how: 'sampled' });
    expect((await l.record(CLUSTER)).choices).toEqual([expect.objectContaining({ design: 'balanced', how: 'sampled' })]);
  });

  it('uses a requested design, and samples for "auto"', async () => {
    const l = await learner();
    expect(await l.choose(CLUSTER, 'eager')).toMatchObject({ design: { name: 'eager' }, how: 'requested' });
    expect(await l.choose(CLUSTER, 'auto')).toMatchObject({ design: { name: 'balanced' }, how: 'sampled' });
    await expect(l.choose(CLUSTER, 'nonsense')).rejects.toThrow(/No memory design named "nonsense"/);
  });

  it('keeps to a pinned design until it is unpinned; a request still wins over the pin', async () => {
    const l = await learner();
    await l.pin(CLUSTER, 'procedural');
    for (let i = 0; i < 5; i++) await l.update(CLUSTER, 'procedural', outcome('failure'), 3, 8);
    expect(await l.choose(CLUSTER)).toMatchObject({ design: { name: 'procedural' }, how: 'pinned' });
    expect(await l.choose(CLUSTER, 'episodic')).toMatchObject({ design: { name: 'episodic' }, how: 'requested' });
    expect((await l.record('another cluster')).pinned).toBeUndefined();
    await l.pin(CLUSTER, null);
    expect((await l.choose(CLUSTER)).how).toBe('sampled');
    await expect(l.pin(CLUSTER, 'nonsense')).rejects.toThrow(/No memory design/);
  });

  it('adds a judged run to its design’s record and ignores a run without a verdict', async () => {
    const l = await learner();
    await l.update(CLUSTER, 'episodic', outcome('success'), 4, 8);
    await l.update(CLUSTER, 'episodic', outcome('failure'), 8, 8);
    await l.update(CLUSTER, 'episodic', outcome('unknown'), 2, 8);
    expect((await l.record(CLUSTER)).designs).toEqual({ episodic: expect.objectContaining({ runs: 2, successes: 1, reward: 0.875, steps: 12 }) });
  });

  it('makes the same choice from the same history (sampling is seeded)', async () => {
    const a = await learner();
    const b = await learner();
    const choicesA: string[] = [];
    const choicesB: string[] = [];
    // Every design tried with mixed results: a random draw would differ between the two.
    for (let run = 0; run < 25; run++) {
      const design = MEMORY_DESIGNS[run % MEMORY_DESIGNS.length]!.name;
      const status = run % 3 === 0 ? 'failure' : 'success';
      for (const l of [a, b]) await l.update(CLUSTER, design, outcome(status), 1 + (run % 5), 8);
      choicesA.push((await a.choose(CLUSTER)).design.name);
      choicesB.push((await b.choose(CLUSTER)).design.name);
      // Asking again without a new result gives the same answer.
      expect((await a.choose(CLUSTER)).design.name).toBe(choicesA.at(-1));
    }
    expect(choicesB).toEqual(choicesA);
    expect(new Set(choicesA).size).toBeGreaterThan(1);
  });

  it('converges on the one design that succeeds', async () => {
    const l = await learner();
    const chosen: string[] = [];
    for (let run = 0; run < 60; run++) {
      const { design } = await l.choose(CLUSTER);
      chosen.push(design.name);
      await l.update(CLUSTER, design.name, outcome(design.name === 'reflective' ? 'success' : 'failure'), 3, 8);
    }
    const last = chosen.slice(-20);
    expect(last.filter((d) => d === 'reflective').length).toBeGreaterThanOrEqual(16);
    // It had to move off the default to get there.
    expect(chosen[0]).toBe('balanced');
  });

  it('starts a new cluster from what worked in other clusters', async () => {
    const l = await learner();
    for (let i = 0; i < 20; i++) await l.update('book a table for {number}', 'episodic', outcome('success'), 2, 8);
    for (const d of MEMORY_DESIGNS.filter((x) => x.name !== 'episodic')) for (let i = 0; i < 10; i++) await l.update('book a table for {number}', d.name, outcome('failure'), 8, 8);
    const fresh = await learner();
    const pooled: string[] = [];
    const alone: string[] = [];
    for (let c = 0; c < 20; c++) {
      pooled.push((await l.choose(`new cluster ${c}`)).design.name);
      alone.push((await fresh.choose(`new cluster ${c}`)).design.name);
    }
    expect(pooled.filter((d) => d === 'episodic').length).toBeGreaterThanOrEqual(14);
    expect(alone.every((d) => d === 'balanced')).toBe(true);
  });

  it('lets a cluster’s own record outweigh what other clusters say', async () => {
    const l = await learner();
    for (let i = 0; i < 20; i++) await l.update('elsewhere', 'episodic', outcome('success'), 2, 8);
    const chosen: string[] = [];
    for (let run = 0; run < 40; run++) {
      const { design } = await l.choose(CLUSTER);
      chosen.push(design.name);
      await l.update(CLUSTER, design.name, outcome(design.name === 'procedural' ? 'success' : 'failure'), 3, 8);
    }
    expect(chosen.slice(-15).filter((d) => d === 'procedural').length).toBeGreaterThanOrEqual(12);
  });
});

describe('Learner: silence', () => {
  /** A cluster where every run the coach spoke in failed, and every run it kept quiet in succeeded. */
  async function adviceAlwaysHurts(cluster: string, runs: number): Promise<string[]> {
    const l = await learner();
    const chosen: string[] = [];
    for (let i = 0; i < runs; i++) {
      const { design } = await l.choose(cluster);
      const speaks = design.speak !== 'never';
      chosen.push(design.name);
      await l.update(cluster, design.name, outcome(speaks ? 'failure' : 'success'), 3, 10, speaks);
    }
    return chosen;
  }

  it('converges on silence where advice always hurts: after 8 runs, at least 10 of the next 12 choices say nothing', async () => {
    for (const cluster of [CLUSTER, 'click the "{text}" button', 'renew every loan due before {date}', 'enter "{text}" into the text field and press submit', 'book a room']) {
      const chosen = await adviceAlwaysHurts(cluster, 20);
      expect(chosen.slice(8).filter((d) => d === 'silent').length, `${cluster}: ${chosen.join(' ')}`).toBeGreaterThanOrEqual(10);
    }
  });

  it('counts a run where the coach showed nothing for silence, whatever design was chosen', async () => {
    const l = await learner();
    await l.update(CLUSTER, 'balanced', outcome('success'), 2, 8, false);
    await l.update(CLUSTER, 'balanced', outcome('failure'), 2, 8, true);
    expect((await l.record(CLUSTER)).designs).toEqual({ silent: expect.objectContaining({ runs: 1, successes: 1 }), balanced: expect.objectContaining({ runs: 1, successes: 0 }) });
  });

  it('keeps speaking where advice helps', async () => {
    const l = await learner();
    const chosen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { design } = await l.choose(CLUSTER);
      const speaks = design.speak !== 'never';
      chosen.push(design.name);
      await l.update(CLUSTER, design.name, outcome(speaks ? 'success' : 'failure'), 3, 10, speaks);
    }
    expect(chosen.slice(8).filter((d) => d !== 'silent').length).toBeGreaterThanOrEqual(10);
  });
});
