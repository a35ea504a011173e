import { describe, expect, it } from 'vitest';
import { familyTable, type Row, summarize } from './learning-report';

const row = (family: string, condition: string, successes: number, extra: Partial<Row> = {}): Row => ({
  suite: 'heldout',
  heldOut: true,
  family,
  condition,
  seed: 1,
  attempts: 6,
  successes,
  steps: 30,
  advised: 0,
  errors: 0,
  ...extra,
});

describe('learning report', () => {
  it('lists the families where memory lost and checks the held-out gain', () => {
    const rows = [row('a', 'off', 3), row('a', 'learned', 6), row('b', 'off', 5), row('b', 'learned', 4)];
    const s = summarize(rows, ['off', 'learned']);
    expect(s.losses).toEqual([{ suite: 'heldout', family: 'b', seed: 1, off: 5, learned: 4 }]);
    expect(s.checks.noFamilyLosesOnAnyOrder).toBe(false);
    // 8/12 against 10/12: 16.7 points.
    expect(s.checks.heldOutMemoryBeatsOffBy10).toBe(true);
    expect(s.checks.taughtFamiliesAt90).toBeNull();
  });

  it('judges the taught condition only on the families that were taught', () => {
    const rows = [row('a', 'taught', 6, { demonstrated: true }), row('b', 'taught', 5, { demonstrated: true }), row('c', 'taught', 0)];
    const s = summarize(rows, ['taught']);
    expect(s.taught.map((t) => t.key)).toEqual(['heldout|a', 'heldout|b']);
    expect(s.checks.taughtFamiliesAt90).toBe(false);
    expect(summarize(rows.slice(0, 1), ['taught']).checks.taughtFamiliesAt90).toBe(true);
    expect(familyTable(rows, ['taught'])).toContain('| heldout (held out) | b | 83.3% (5/6) 5.0 st |');
  });
});
