import { describe, expect, it } from 'vitest';
import type { Observation, ObservedElement } from '../../shared/observation';
import { confirmationOn, pageIsAbout, problemOn } from './page-evidence';

const link = (index: number, name: string): ObservedElement => ({ index, tag: 'a', role: 'link', name, attrs: {}, text: name, inViewport: true, disabled: false, isNew: false, box: { x: 0, y: index * 20, width: 100, height: 18 }, context: 'document' });
const page = (title: string, text: string, elements: ObservedElement[] = []): Observation => ({ id: '1', url: 'https://docs.example/', title, elements, text, scroll: { x: 0, y: 0, viewportWidth: 800, viewportHeight: 600, pageHeight: 600 }, timestamp: 0, tookMs: 1 });

describe('whether a page is the target’s own page', () => {
  it('a list that links to the target near its top is not the target’s page', () => {
    const index = page('Acme Cloud Handbook', 'Acme Cloud Handbook Popular: Rotating API keys Custom domains', [link(0, 'Rotating API keys'), link(1, 'Custom domains')]);
    expect(pageIsAbout('Rotating API keys', index)).toBe(false);
  });
  it('the article itself is, by its title or its opening words', () => {
    expect(pageIsAbout('Rotating API keys', page('Rotating API keys — Acme Cloud Handbook', 'Rotating API keys. Keys can be rotated…'))).toBe(true);
    expect(pageIsAbout('Rotating API keys', page('Acme Cloud Handbook', 'Rotating API keys. Keys can be rotated…', [link(0, 'Back to the handbook')]))).toBe(true);
  });
});

describe('what the page says of a submit', () => {
  it('does not read the task’s own values shown back as an error or a confirmation', () => {
    const created = page('Ticket #1101', 'Ticket #1101 created. We emailed ana@example.com a copy. Subject: Sync shows wrong times');
    expect(problemOn(created)?.text).toContain('wrong times');
    expect(problemOn(created, ['Sync shows wrong times', 'ana@example.com'])).toBeUndefined();
    const echoed = page('Outbox', 'Queued. Body: Thanks a lot');
    expect(confirmationOn(echoed)).toBeDefined();
    expect(confirmationOn(echoed, ['Thanks a lot'])).toBeUndefined();
  });
});

describe('a caution is not a problem', () => {
  it('reads "if … wrong" and "make sure …" as advice, an error after them still as an error', () => {
    const review = page('Check your transfer', 'Check your transfer. To: Jo Bloggs. Amount: 20.00. If the money goes to the wrong account we may not get it back. Make sure the sort code is not invalid.');
    expect(problemOn(review)).toBeUndefined();
    const failedAfter = page('Check your transfer', 'If the money goes to the wrong account we may not get it back. Error: the amount is too large.');
    expect(problemOn(failedAfter)?.text).toContain('Error: the amount');
  });
});
