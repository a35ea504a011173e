import { describe, expect, it } from 'vitest';
import { contentWords, stem } from './words';

describe('stem', () => {
  it('meets a word in its usual forms: plural, -ing, -ed, -ly', () => {
    expect(['subscribe', 'subscribing', 'subscribed', 'Subscribes'].map(stem)).toEqual(Array(4).fill('subscrib'));
    expect(['month', 'months', 'monthly'].map(stem)).toEqual(['month', 'month', 'month']);
    expect(stem('weekly')).toBe(stem('week'));
    // Short words ending in -ly keep it: "reply" is not "rep", "daily" not "dai".
    expect(['reply', 'daily', 'only', 'apply'].map(stem)).toEqual(['reply', 'daily', 'only', 'apply']);
    expect(stem('replying')).toBe(stem('reply'));
  });

  it('keeps "unsubscribe" apart from "subscribe" and drops stop words', () => {
    expect(stem('unsubscribe')).not.toBe(stem('subscribe'));
    expect(contentWords('Set a monthly limit of £250 on the card')).toEqual(['set', 'month', 'limit', '250', 'card']);
  });
});
