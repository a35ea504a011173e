import { describe, expect, it } from 'vitest';
import { nextIndex, scrollToReveal, windowFor } from './virtual-list-window';

describe('windowFor', () => {
  it('renders only the rows in view, plus the overscan, out of 10,000', () => {
    expect(windowFor(0, 400, 40, 10_000, 4)).toEqual({ start: 0, end: 14, total: 400_000 });
    expect(windowFor(200_000, 400, 40, 10_000, 4)).toEqual({ start: 4_996, end: 5_014, total: 400_000 });
    const w = windowFor(123_456, 600, 56, 10_000);
    expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(600 / 56) + 1 + 8);
  });

  it('ends at the last row however far it is scrolled, and starts at 0 above the top', () => {
    expect(windowFor(10_000_000, 400, 40, 10_000, 2)).toEqual({ start: 9_988, end: 10_000, total: 400_000 });
    expect(windowFor(-50, 400, 40, 100, 0)).toEqual({ start: 0, end: 10, total: 4_000 });
  });

  it('copes with fewer rows than fit, none at all, and a hidden (0 px) viewport', () => {
    expect(windowFor(0, 400, 40, 3)).toEqual({ start: 0, end: 3, total: 120 });
    expect(windowFor(0, 400, 40, 0)).toEqual({ start: 0, end: 0, total: 0 });
    expect(windowFor(0, 0, 40, 50, 0)).toEqual({ start: 0, end: 1, total: 2_000 });
  });
});

describe('scrollToReveal', () => {
  it('leaves a visible row alone and scrolls just enough for one above or below', () => {
    expect(scrollToReveal(5, 0, 400, 40)).toBe(0);
    expect(scrollToReveal(12, 0, 400, 40)).toBe(120);
    expect(scrollToReveal(2, 400, 400, 40)).toBe(80);
  });
});

describe('nextIndex', () => {
  it('moves by one, by a page, to the ends, and stays inside the list', () => {
    expect(nextIndex('ArrowDown', 0, 10, 5)).toBe(1);
    expect(nextIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextIndex('PageDown', 7, 10, 5)).toBe(9);
    expect(nextIndex('PageUp', 7, 10, 5)).toBe(2);
    expect(nextIndex('Home', 7, 10, 5)).toBe(0);
    expect(nextIndex('End', 0, 10, 5)).toBe(9);
    expect(nextIndex('a', 0, 10, 5)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0, 5)).toBeNull();
  });
});
