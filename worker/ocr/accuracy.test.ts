import { describe, expect, it } from 'vitest';
import { editDistance, scoreLines } from './accuracy';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Sign in', 'Signin')).toBe(1);
  });
});

describe('scoreLines', () => {
  const truth = [
    { text: 'Sign in', box: { x: 100, y: 10, width: 80, height: 20 } },
    { text: 'Email address', box: { x: 100, y: 50, width: 120, height: 20 } },
    { text: 'Forgot?', box: { x: 100, y: 90, width: 60, height: 20 } },
  ];

  it('matches read lines by position and counts character errors', () => {
    const report = scoreLines(truth, [
      { text: 'address', box: { x: 160, y: 48, width: 62, height: 24 } },
      { text: 'Sign in', box: { x: 98, y: 8, width: 84, height: 24 } },
      { text: 'Email', box: { x: 98, y: 48, width: 55, height: 24 } },
      { text: 'Cookie banner', box: { x: 600, y: 400, width: 100, height: 20 } }, // not in the truth
    ]);
    expect(report.lines.map((l) => l.read)).toEqual(['Sign in', 'Email address', '']);
    expect(report.exactLines).toBe(2);
    const total = 'Sign in'.length + 'Email address'.length + 'Forgot?'.length;
    expect(report.characterAccuracy).toBeCloseTo(1 - 7 / total, 6); // "Forgot?" missed entirely
  });

  it('separates errors that are only spaces', () => {
    const report = scoreLines(truth.slice(0, 2), [
      { text: 'Signin', box: truth[0]!.box },
      { text: 'Email address', box: truth[1]!.box },
    ]);
    expect(report.characterAccuracy).toBeLessThan(1);
    expect(report.characterAccuracyIgnoringSpaces).toBe(1);
  });

  it('ignores a read line that barely touches a known line', () => {
    const report = scoreLines(truth.slice(0, 1), [{ text: 'Sign in', box: { x: 170, y: 25, width: 80, height: 20 } }]);
    expect(report.lines[0]!.read).toBe('');
    expect(report.characterAccuracy).toBe(0);
  });
});
