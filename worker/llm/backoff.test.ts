import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff';

describe('backoffDelayMs', () => {
  it('doubles per retry, jittered within the upper half of the step', () => {
    expect(backoffDelayMs(0, 500, () => 0)).toBe(250);
    expect(backoffDelayMs(0, 500, () => 1)).toBe(500);
    expect(backoffDelayMs(2, 500, () => 0)).toBe(1000);
    expect(backoffDelayMs(2, 500, () => 1)).toBe(2000);
  });

  it('is capped at 8 s', () => {
    expect(backoffDelayMs(20, 500, () => 1)).toBe(8000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['0.25', 250],
    ['Wed, 01 Jan 2025 00:00:05 GMT', 5000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
  ])('%j → %d ms', (header, ms) => {
    expect(parseRetryAfterMs(header, now)).toBe(ms);
  });

  it.each([null, '', 'soon', '-1'])('%j → undefined', (header) => {
    expect(parseRetryAfterMs(header, now)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = sleep(5_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
