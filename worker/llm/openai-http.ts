// HTTP for the OpenAI-compatible client: one exchange under a timeout that the caller
// can also abort, and the retry loop around it. Status codes are judged elsewhere
// (openai-errors.ts); here only "worth another try?" is decided.
import { backoffDelayMs, parseRetryAfterMs, sleep } from './backoff';
import { LlmError } from './llm-client';

/** A whole HTTP answer: the body is read inside the timeout too (a model can stall mid-answer). */
export interface HttpReply {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

export interface ExchangeOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** The caller's signal: aborting it ends the request with LlmError('aborted'). */
  signal?: AbortSignal;
  /** The base URL, for messages. */
  baseUrl: string;
}

/** One request and its whole answer. Throws LlmError 'aborted', 'timeout' or 'unreachable'. */
export async function exchange(url: string, init: RequestInit, options: ExchangeOptions): Promise<HttpReply> {
  const { signal, baseUrl, timeoutMs } = options;
  if (signal?.aborted) throw abortedError(baseUrl);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let response: Response | undefined;
  try {
    response = await options.fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, headers: response.headers, text };
  } catch (e) {
    if (signal?.aborted) throw abortedError(baseUrl);
    if (timedOut) {
      throw new LlmError(
        'timeout',
        `No answer from ${baseUrl} within ${formatSeconds(timeoutMs)}: the model may still be loading or be too slow for this machine. Raise the timeout or pick a smaller model.`,
      );
    }
    throw unreachableError(baseUrl, e, response !== undefined);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff step; doubled on each retry, with jitter. */
  baseDelayMs: number;
  /** A 429 asking to wait longer than this is reported at once instead of waited out. */
  maxRetryAfterMs: number;
}

export interface RetriedReply {
  reply: HttpReply;
  attempts: number;
}

/**
 * Sends until the answer is not worth retrying or the retries are spent, and returns the last
 * answer (which may still be a 429 or 5xx for the caller to report). Retried: network errors,
 * 429 (after Retry-After when the server gives one) and 5xx. Never retried: other statuses,
 * timeouts (a model too slow once is as slow again) and aborts.
 */
export async function sendWithRetries(send: () => Promise<HttpReply>, policy: RetryPolicy, options: { signal?: AbortSignal; baseUrl: string }): Promise<RetriedReply> {
  for (let attempt = 1; ; attempt++) {
    const retriesLeft = attempt <= policy.retries;
    let reply: HttpReply;
    try {
      reply = await send();
    } catch (e) {
      if (!(e instanceof LlmError && e.code === 'unreachable' && retriesLeft)) throw e;
      await pause(backoffDelayMs(attempt - 1, policy.baseDelayMs), options);
      continue;
    }
    if (!isRetryableStatus(reply.status) || !retriesLeft) return { reply, attempts: attempt };
    let delay = backoffDelayMs(attempt - 1, policy.baseDelayMs);
    if (reply.status === 429) {
      const asked = parseRetryAfterMs(reply.headers.get('retry-after'));
      if (asked !== undefined && asked > policy.maxRetryAfterMs) return { reply, attempts: attempt };
      if (asked !== undefined) delay = asked;
    }
    await pause(delay, options);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

async function pause(ms: number, options: { signal?: AbortSignal; baseUrl: string }): Promise<void> {
  try {
    await sleep(ms, options.signal);
  } catch {
    throw abortedError(options.baseUrl);
  }
}

export function abortedError(baseUrl: string): LlmError {
  return new LlmError('aborted', `The request to ${baseUrl} was stopped.`);
}

function unreachableError(baseUrl: string, e: unknown, duringBody: boolean): LlmError {
  const detail = networkErrorDetail(e);
  if (duringBody) return new LlmError('unreachable', `The connection to ${baseUrl} broke off during the answer${detail ? ` (${detail})` : ''}.`);
  // Node's fetch names the cause (ECONNREFUSED, ENOTFOUND); a browser only says "Failed to
  // fetch", which is also what a server without CORS headers looks like.
  const hint = detail ? ` (${detail})` : ' If it is, it may not accept requests from the extension (CORS).';
  return new LlmError('unreachable', `Could not reach ${baseUrl}: is the server running?${hint}`);
}

function networkErrorDetail(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.message === 'string' && cause.message) return cause.message;
  if (cause && typeof cause.code === 'string') return cause.code;
  return '';
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
