import { describe, expect, it } from 'vitest';
import { throttled } from './agent-service';

describe('throttled step screenshots', () => {
  it('captures at most once per interval; the steps in between keep none', async () => {
    let clock = 0;
    const taken: number[] = [];
    const capture = throttled(async (step) => (taken.push(step), `shot-${step}`), 1_000, () => clock);
    const keys: (string | null)[] = [];
    for (const [step, at] of [[0, 0], [1, 400], [2, 999], [3, 1_000], [4, 1_500], [5, 2_600]] as const) {
      clock = at;
      keys.push(await capture(step));
    }
    expect(keys).toEqual(['shot-0', null, null, 'shot-3', null, 'shot-5']);
    expect(taken).toEqual([0, 3, 5]);
  });
});
