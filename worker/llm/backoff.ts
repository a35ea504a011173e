// Waiting between retries of an HTTP request: exponential backoff with jitter (so
// clients that failed together do not retry together), and the server's Retry-After.

/** Longest wait between two attempts when the server does not say. */
const MAX_BACKOFF_MS = 8_000;

/**
 * Delay before retry number `retry` (0 for the first retry): `baseMs · 2^retry`, capped,
 * of which the upper half is random ("equal jitter": never shorter than half the step).
 */
export function backoffDelayMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/**
 * A Retry-After header in milliseconds: delay-seconds (fractions accepted, some servers send
 * them) or an HTTP date. undefined when absent or unreadable, so the caller backs off itself.
 */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its month; Date.parse alone would take '-1' for a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
