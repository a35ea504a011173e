// The LLM provider for any OpenAI-compatible server: Ollama, LM Studio, llama.cpp
// server, vLLM, hosted APIs. Plain fetch, so it runs in the extension's worker.
import type { ChatMessage, Completion, CompletionRequest } from '../../shared/llm';
import { type LlmClient, LlmError } from './llm-client';
import { httpError, mentionsModel, modelNotFoundError, parseJson, rejectsResponseFormat, saysModelNotFound, wrongBaseUrlError } from './openai-errors';
import { abortedError, exchange, type HttpReply, type RetryPolicy, sendWithRetries } from './openai-http';
import { normaliseOpenAiBaseUrl, openAiEndpoint } from './openai-url';

export interface OpenAiClientOptions {
  /** The URL that `/chat/completions` is appended to, e.g. `http://localhost:11434/v1` (see normaliseOpenAiBaseUrl). */
  baseUrl: string;
  /** The model's id as the server knows it, e.g. `qwen2.5:3b`. */
  model: string;
  /** Sent as `Authorization: Bearer …`; kept by the caller, never part of a message. */
  apiKey?: string;
  /** Per request, body included. Default 120 s: a local model may load on the first request. */
  timeoutMs?: number;
  /** Retries after network errors, 429 and 5xx. Default 2. */
  retries?: number;
  /** First backoff step, doubled per retry (with jitter). Default 500 ms. */
  retryDelayMs?: number;
  /** A 429 asking to wait longer than this fails at once. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

export interface ListModelsOptions {
  baseUrl: string;
  apiKey?: string;
  /** Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** How the reply is constrained, strongest first; a server that refuses one gets the next. */
type OutputFormat = Completion['constrained'];
const FORMAT_LADDER: OutputFormat[] = ['json_schema', 'json_object', 'none'];

const DEFAULTS = { timeoutMs: 120_000, retries: 2, retryDelayMs: 500, maxRetryAfterMs: 30_000, listTimeoutMs: 10_000 };

export function createOpenAiClient(options: OpenAiClientOptions): LlmClient {
  const baseUrl = normaliseOpenAiBaseUrl(options.baseUrl);
  const { model } = options;
  const apiKey = options.apiKey?.trim() || undefined;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const policy: RetryPolicy = {
    retries: options.retries ?? DEFAULTS.retries,
    baseDelayMs: options.retryDelayMs ?? DEFAULTS.retryDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
  };
  /** The strongest format this server has not refused; remembered so refusals cost one request once. */
  let format: OutputFormat = 'json_schema';
  /** Requests in flight, so dispose() can stop them. */
  const running = new Set<AbortController>();
  let disposed = false;

  async function post(body: Record<string, unknown>, signal: AbortSignal) {
    const init: RequestInit = { method: 'POST', headers: headers(apiKey, true), body: JSON.stringify(body) };
    const url = openAiEndpoint(baseUrl, '/chat/completions');
    return sendWithRetries(() => exchange(url, init, { fetch: fetchFn, timeoutMs, signal, baseUrl }), policy, { signal, baseUrl });
  }

  async function complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    const schema = request.jsonSchema;
    for (;;) {
      const used: OutputFormat = schema ? format : 'none';
      const { reply, attempts } = await post(requestBody(model, request, used), signal);
      if (reply.status >= 200 && reply.status < 300) return parseCompletion(reply, used, baseUrl);
      if (used !== 'none' && rejectsResponseFormat(reply)) {
        format = FORMAT_LADDER[FORMAT_LADDER.indexOf(used) + 1]!;
        continue;
      }
      if (saysModelNotFound(reply, model)) {
        const available = await listModels({ baseUrl, apiKey, fetch: fetchFn, signal, timeoutMs: Math.min(timeoutMs, DEFAULTS.listTimeoutMs) }).catch((e: unknown) => {
          if (e instanceof LlmError && e.code === 'aborted') throw e;
          return undefined;
        });
        if (available === undefined && reply.status === 404 && !serverNamesModel(reply, model)) throw wrongBaseUrlError(baseUrl, reply);
        throw modelNotFoundError(model, baseUrl, reply, available);
      }
      throw httpError(reply, { baseUrl, hasApiKey: apiKey !== undefined, attempts });
    }
  }

  return {
    id: `openai:${model}@${baseUrl}`,
    async complete(request, signal) {
      if (disposed) throw new LlmError('aborted', `The client for ${baseUrl} was closed.`);
      if (signal?.aborted) throw abortedError(baseUrl);
      const controller = new AbortController();
      const forward = () => controller.abort();
      signal?.addEventListener('abort', forward, { once: true });
      running.add(controller);
      try {
        return await complete(request, controller.signal);
      } catch (e) {
        throw withoutKey(e, apiKey);
      } finally {
        running.delete(controller);
        signal?.removeEventListener('abort', forward);
      }
    },
    async dispose() {
      disposed = true;
      for (const controller of running) controller.abort();
    },
  };
}

/** The model ids the server offers (GET `{baseUrl}/models`), in the server's order. */
export async function listModels(options: ListModelsOptions): Promise<string[]> {
  const baseUrl = normaliseOpenAiBaseUrl(options.baseUrl);
  const apiKey = options.apiKey?.trim() || undefined;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  try {
    const reply = await exchange(
      openAiEndpoint(baseUrl, '/models'),
      { method: 'GET', headers: headers(apiKey, false) },
      { fetch: fetchFn, timeoutMs: options.timeoutMs ?? DEFAULTS.listTimeoutMs, signal: options.signal, baseUrl },
    );
    if (reply.status === 404) throw wrongBaseUrlError(baseUrl, reply);
    if (reply.status < 200 || reply.status >= 300) throw httpError(reply, { baseUrl, hasApiKey: apiKey !== undefined, attempts: 1 });
    const body = parseJson(reply.text) as { data?: unknown } | undefined;
    if (!body || !Array.isArray(body.data)) throw new LlmError('bad_response', `${baseUrl}/models did not answer with a list of models: ${describeBody(reply)}`);
    return body.data.map((m: unknown) => (typeof m === 'string' ? m : (m as { id?: unknown } | null)?.id)).filter((id): id is string => typeof id === 'string');
  } catch (e) {
    throw withoutKey(e, apiKey);
  }
}

function headers(apiKey: string | undefined, withBody: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    ...(withBody ? { 'content-type': 'application/json' } : {}),
    ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
  };
}

function requestBody(model: string, request: CompletionRequest, format: OutputFormat): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: request.messages.map((m: ChatMessage) => ({ role: m.role, content: m.content })),
    stream: false,
  };
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (format === 'json_schema' && request.jsonSchema) body.response_format = jsonSchemaFormat(request.jsonSchema);
  if (format === 'json_object') body.response_format = { type: 'json_object' };
  return body;
}

/**
 * `strict: true` makes servers that can enforce the schema do so (local servers always do,
 * via a grammar); a server whose strict mode cannot take the schema refuses it, and the
 * client falls back to `json_object`.
 */
function jsonSchemaFormat(schema: Record<string, unknown>): Record<string, unknown> {
  // `$schema` is metadata; some schema-to-grammar converters stumble on unknown keywords.
  const { $schema: _metadata, ...rest } = schema;
  const title = typeof schema.title === 'string' ? schema.title.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) : '';
  return { type: 'json_schema', json_schema: { name: title || 'response', strict: true, schema: rest } };
}

function parseCompletion(reply: HttpReply, constrained: OutputFormat, baseUrl: string): Completion {
  const body = parseJson(reply.text);
  if (!body || typeof body !== 'object') {
    throw new LlmError('bad_response', `${baseUrl} answered with something that is not JSON (${describeBody(reply)}): is the base URL right?`);
  }
  const { choices, usage, error } = body as { choices?: unknown; usage?: unknown; error?: unknown };
  const choice = Array.isArray(choices) ? (choices[0] as { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown } | undefined) : undefined;
  if (!choice) {
    const said = error ? ` (error: ${typeof error === 'string' ? error : JSON.stringify(error).slice(0, 300)})` : '';
    throw new LlmError('bad_response', `${baseUrl} answered without a completion (no choices)${said}.`);
  }
  const text = contentText(choice.message?.content);
  if (!text.trim()) {
    if (typeof choice.message?.refusal === 'string' && choice.message.refusal) throw new LlmError('bad_response', `The model refused: ${choice.message.refusal}`);
    const why = choice.finish_reason === 'length' ? ': it ran out of tokens before writing anything (raise the token limit)' : '';
    throw new LlmError('bad_response', `The model answered with empty text${why}.`);
  }
  const completion: Completion = { text, constrained };
  const tokens = usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined;
  if (tokens && typeof tokens.prompt_tokens === 'number' && typeof tokens.completion_tokens === 'number') {
    completion.usage = { promptTokens: tokens.prompt_tokens, completionTokens: tokens.completion_tokens };
  }
  return completion;
}

/** Message content is a string, or (some servers) a list of `{type: 'text', text}` parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: unknown) => ((part as { text?: unknown } | null)?.text ?? '')).filter((t): t is string => typeof t === 'string').join('');
  return '';
}

/** A 404 whose text names the model is about the model (Ollama, vLLM, OpenAI), not the path. */
function serverNamesModel(reply: HttpReply, model: string): boolean {
  return mentionsModel(reply.text, model) || /model_not_found/.test(reply.text);
}

function describeBody(reply: HttpReply): string {
  const type = reply.headers.get('content-type')?.split(';')[0] ?? 'no content type';
  const start = reply.text.replace(/\s+/g, ' ').trim().slice(0, 80);
  return start ? `${type}: "${start}${reply.text.length > 80 ? '…' : ''}"` : `${type}, empty body`;
}

/** No message leaves this module with the key in it, whatever a server echoed back. */
function withoutKey(e: unknown, apiKey: string | undefined): unknown {
  if (!apiKey || !(e instanceof LlmError) || !e.message.includes(apiKey)) return e;
  return new LlmError(e.code, e.message.split(apiKey).join('[API key]'));
}
