import { describe, expect, it } from 'vitest';
import { currentDesign, designRows, successSeries } from './learning-stats';

describe('successSeries', () => {
  it('gives each side a rolling success rate at its own runs, in time order', () => {
    const s = successSeries(
      [
        { at: 3, success: true, memory: true },
        { at: 1, success: false, memory: false },
        { at: 2, success: false, memory: true },
        { at: 4, success: true, memory: true },
        { at: 5, success: true, memory: false },
      ],
      2,
    );
    expect(s.labels).toEqual([1, 2, 3, 4, 5]);
    expect(s.on).toEqual([null, 0, 50, 100, null]);
    expect(s.off).toEqual([0, null, null, null, 50]);
    expect(s.totals).toEqual({ on: { runs: 3, successes: 2 }, off: { runs: 2, successes: 1 } });
  });

  it('is empty without runs', () => expect(successSeries([])).toMatchObject({ labels: [], on: [], off: [] }));
});

describe('design records', () => {
  const record = {
    cluster: 'subscribe {name}',
    designs: {
      balanced: { runs: 4, successes: 3, reward: 2.8, steps: 12, lastUsed: 5 },
      eager: { runs: 1, successes: 0, reward: 0, steps: 6, lastUsed: 3 },
    },
    choices: [
      { design: 'eager', at: 3, how: 'sampled' as const },
      { design: 'balanced', at: 5, how: 'sampled' as const },
    ],
  };

  it('rows per design, most runs first, with means', () => {
    expect(designRows(record)).toEqual([
      { design: 'balanced', runs: 4, successes: 3, meanReward: 0.7, meanSteps: 3 },
      { design: 'eager', runs: 1, successes: 0, meanReward: 0, meanSteps: 6 },
    ]);
  });

  it('the current design: the pin, else the last choice, else the default', () => {
    expect(currentDesign(record, 'balanced')).toEqual({ design: 'balanced', how: 'sampled' });
    expect(currentDesign({ ...record, pinned: 'eager' }, 'balanced')).toEqual({ design: 'eager', how: 'pinned' });
    expect(currentDesign({ ...record, choices: [] }, 'balanced')).toEqual({ design: 'balanced', how: 'default' });
  });
});
