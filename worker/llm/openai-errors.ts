// What an OpenAI-compatible server's error answers mean. Servers disagree on the error
// body's shape: OpenAI, Ollama and llama.cpp send `{error: {message}}`, LM Studio
// `{error: "…"}`, vLLM `{message}`, FastAPI-based servers `{detail}`.
import { parseRetryAfterMs } from './backoff';
import { LlmError } from './llm-client';
import type { HttpReply } from './openai-http';

const MAX_SERVER_TEXT = 300;

/** The server's own words about an error, shortened; '' when it gave none. */
export function serverMessage(reply: HttpReply): string {
  const body = parseJson(reply.text);
  let text = '';
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const error = b.error;
    if (typeof error === 'string') text = error;
    else if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') text = (error as { message: string }).message;
    else if (typeof b.message === 'string') text = b.message;
    else if (typeof b.detail === 'string') text = b.detail;
    else if (b.detail !== undefined) text = JSON.stringify(b.detail);
  } else if (!/^\s*</.test(reply.text)) {
    // Plain text is worth showing; an HTML error page is not.
    text = reply.text;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_SERVER_TEXT ? `${text.slice(0, MAX_SERVER_TEXT)}…` : text;
}

/** The `code` field of an OpenAI-style error body (e.g. 'model_not_found'). */
function errorCode(reply: HttpReply): string | undefined {
  const body = parseJson(reply.text) as { error?: { code?: unknown } } | undefined;
  const code = body?.error && typeof body.error === 'object' ? body.error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The server refused the `response_format` we sent (older servers know no `json_schema`,
 * LM Studio knows no `json_object`, OpenAI's strict mode refuses some schemas): a 4xx whose
 * message is about the response format. Then the next weaker format is tried.
 */
export function rejectsResponseFormat(reply: HttpReply): boolean {
  if (![400, 415, 422, 501].includes(reply.status)) return false;
  return /response_format|json_schema|json_object|structured output|grammar/i.test(reply.text);
}

/** The answer says the model does not exist (404, or a 4xx naming the model as unknown). */
export function saysModelNotFound(reply: HttpReply, model: string): boolean {
  if (reply.status === 404) return true;
  if (reply.status < 400 || reply.status >= 500) return false;
  if (errorCode(reply) === 'model_not_found') return true;
  const text = serverMessage(reply);
  return mentionsModel(text, model) && /not found|does not exist|unknown model|no such model|not available|invalid model/i.test(text);
}

/** The text names the model as a whole word (quoted, backticked, …): `a` is not named by "chat". */
export function mentionsModel(text: string, model: string): boolean {
  const escaped = model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.:/-])${escaped}($|[^\\w.:/-]|\\.(?!\\w))`, 'i').test(text);
}

/** The server is there but something is wrong with the request's path: the base URL. */
export function wrongBaseUrlError(baseUrl: string, reply: HttpReply): LlmError {
  return new LlmError(
    'unreachable',
    `${baseUrl} does not look like an OpenAI-compatible API (HTTP ${reply.status} for /chat/completions and /models): check the base URL. It is the URL that /chat/completions is appended to, e.g. http://localhost:11434/v1.`,
  );
}

/** The error for a model the server does not have, with the ones it has when they are known. */
export function modelNotFoundError(model: string, baseUrl: string, reply: HttpReply, available: string[] | undefined): LlmError {
  const said = serverMessage(reply);
  if (available?.includes(model)) {
    return new LlmError('model_not_found', `The endpoint ${baseUrl} lists the model "${model}" but could not use it (HTTP ${reply.status}${said ? `: ${said}` : ''}).`);
  }
  let message = `The endpoint ${baseUrl} has no model "${model}"`;
  if (available && available.length > 0) {
    const shown = available.slice(0, 20).join(', ');
    message += `. Available: ${shown}${available.length > 20 ? ` and ${available.length - 20} more` : ''}.`;
  } else if (available) {
    message += ' and lists no models: load or pull one first.';
  } else {
    message += said ? ` (server said: ${said}).` : '.';
  }
  return new LlmError('model_not_found', message);
}

/**
 * The error for an answer that is not a success and not handled specially
 * (format rejection, missing model): auth, rate limits, server failures, other refusals.
 */
export function httpError(reply: HttpReply, context: { baseUrl: string; hasApiKey: boolean; attempts: number }): LlmError {
  const { status } = reply;
  const said = serverMessage(reply);
  const statusText = `HTTP ${status}${reply.statusText ? ` ${reply.statusText}` : ''}`;
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : '';
  if (status === 401 || status === 403) {
    // The server's text is left out: some echo (part of) the key back.
    if (context.hasApiKey) return new LlmError('unauthorized', `The endpoint refused the API key (${statusText}): check the key in the settings.`);
    return new LlmError(
      'unauthorized',
      `The endpoint refused the request (${statusText}): it may need an API key, or it does not accept requests from the extension (for Ollama, start it with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*).`,
    );
  }
  const detail = said ? `: ${said}` : '';
  if (status === 429) {
    const asked = parseRetryAfterMs(reply.headers.get('retry-after'));
    const wait = asked !== undefined && asked >= 1000 ? `Try again in ${Math.ceil(asked / 1000)} s.` : 'Wait a moment and try again.';
    return new LlmError('rate_limited', `The endpoint is limiting requests (${statusText})${tries}${detail}. ${wait}`);
  }
  if (status >= 500) return new LlmError('server_error', `The endpoint failed (${statusText})${tries}${detail}`);
  return new LlmError('server_error', `The endpoint rejected the request (${statusText})${detail}`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
