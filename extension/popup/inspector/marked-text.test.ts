import { describe, expect, it } from 'vitest';
import { markUntrusted } from '../../../shared/untrusted';
import { fromEditable, plainText, segments, toEditable } from './marked-text';

const text = `Do not click ${markUntrusted('Special offers')} — use ${markUntrusted('Join')}.`;

describe('marked text', () => {
  it('splits Waymark’s words from page-derived spans, never keeping a mark', () => {
    expect(segments(text)).toEqual([
      { text: 'Do not click ', fromPage: false },
      { text: 'Special offers', fromPage: true },
      { text: ' — use ', fromPage: false },
      { text: 'Join', fromPage: true },
      { text: '.', fromPage: false },
    ]);
    expect(segments('a\uE000open to the end')).toEqual([
      { text: 'a', fromPage: false },
      { text: 'open to the end', fromPage: true },
    ]);
    expect(segments('stray\uE001 close')).toEqual([{ text: 'stray close', fromPage: false }]);
    expect(plainText(text)).toBe('Do not click Special offers — use Join.');
  });

  it('round-trips through the edit box’s ⟦ … ⟧', () => {
    expect(toEditable(text)).toBe('Do not click ⟦Special offers⟧ — use ⟦Join⟧.');
    expect(fromEditable(toEditable(text))).toBe(text);
    expect(fromEditable('now ⟦quoted⟧ and ⟦unclosed')).toBe('now \uE000quoted\uE001 and \uE000unclosed\uE001');
    expect(fromEditable('stray ⟧ and pasted \uE000marks')).toBe('stray  and pasted marks');
  });
});
