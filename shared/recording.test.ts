import { describe, expect, it } from 'vitest';
import { parseRecording } from './recording';

describe('parseRecording', () => {
  it('reads a Recorder export, leaves out what a flow is not made of, and numbers steps as the file does', () => {
    const r = parseRecording(
      JSON.stringify({
        title: 'Sign in',
        steps: [
          { type: 'setViewport', width: 1280, height: 720, deviceScaleFactor: 1, isMobile: false, hasTouch: false, isLandscape: false },
          { type: 'navigate', url: 'https://x.test/', assertedEvents: [{ type: 'navigation', url: 'https://x.test/', title: 'X' }] },
          { type: 'click', target: 'main', selectors: [['aria/User name'], ['#user'], ['xpath///*[@id="user"]'], ['pierce/#user']], offsetX: 10, offsetY: 5 },
          { type: 'change', value: 'ada', selectors: [['#user']], target: 'main' },
          { type: 'keyDown', target: 'main', key: 'Enter' },
          { type: 'keyUp', target: 'main', key: 'Enter' },
        ],
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.recording.steps.map((s) => s.type)).toEqual(['navigate', 'click', 'change', 'keyDown', 'keyUp']);
    expect(r.recording.numbers).toEqual([2, 3, 4, 5, 6]);
    expect(r.recording.skipped).toEqual(['step 1 (setViewport): the window size is the browser’s own']);
  });

  it('lists every problem, by step, and reads nothing of a broken file', () => {
    expect(parseRecording('{"steps": [')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not JSON/)] });
    expect(parseRecording('{"title": "x"}')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^not a Chrome DevTools Recorder recording/), expect.any(String)] });
    const r = parseRecording(JSON.stringify({ steps: [{ type: 'navigate', url: '/a' }, { type: 'click' }, { type: 'change', selectors: [['#a']] }, { type: 'waitForExpression', expression: '1' }, { type: 'teleport' }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.stringMatching(/^step 2 \(click\): selectors: /),
      expect.stringMatching(/^step 3 \(change\): value: /),
      'step 4 (waitForExpression): not supported when learning from a recording (a flow is made of navigate, click, change, keys, scroll and waits)',
      expect.stringMatching(/^step 5 \(teleport\): /),
    ]);
    expect(parseRecording(JSON.stringify({ steps: [{ type: 'navigate', url: '/a' }] }))).toMatchObject({ ok: false, problems: ['the recording does nothing on a page (no click, change, key or scroll)'] });
  });
});
