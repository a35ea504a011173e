// The LLM provider for Chrome's built-in model through the Prompt API (`LanguageModel`).
// Chrome exposes `LanguageModel` to extension workers as well as windows (it turns on
// AIPromptAPIForWorkers in extension processes; checked in Chromium 156: present in the
// worker, the offscreen document and the service worker), so it runs here in the
// worker like the other providers. Browsers without it (Firefox) do not offer it.
import type { ChatMessage, Completion } from '../../shared/llm';
import type { LocalLlmStatus } from '../../shared/worker-api';
import { type LlmClient, LlmError } from './llm-client';

export type PromptApiAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** The part of a Prompt API session used here. */
export interface LanguageModelSession {
  prompt(input: { role: 'user' | 'assistant'; content: string }[], options?: { responseConstraint?: Record<string, unknown>; signal?: AbortSignal }): Promise<string>;
  clone(options?: { signal?: AbortSignal }): Promise<LanguageModelSession>;
  destroy(): void;
}

interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: Event & { loaded?: number }) => void): void;
}

/** The `LanguageModel` global, as far as it is used here. */
export interface LanguageModelApi {
  availability(options?: Record<string, unknown>): Promise<PromptApiAvailability>;
  create(options?: Record<string, unknown>): Promise<LanguageModelSession>;
}

/** The agent prompts and answers in English; Chrome asks to be told (it warns otherwise). */
const LANGUAGES = { expectedInputs: [{ type: 'text', languages: ['en'] }], expectedOutputs: [{ type: 'text', languages: ['en'] }] };

const MODEL_NAME = "Chrome's built-in model";
const OTHER_POLICIES = 'Choose another policy (offline, WebLLM, or an OpenAI-compatible endpoint).';

export const PROMPT_API_ABSENT = `This browser has no built-in Prompt API (LanguageModel): it is in desktop Chrome only. ${OTHER_POLICIES}`;
export const PROMPT_API_UNAVAILABLE = `Chrome says its built-in model cannot run on this device (it needs desktop Chrome with the on-device model, about 22 GB of free disk and a capable GPU or 16 GB of RAM). ${OTHER_POLICIES}`;

/** The `LanguageModel` global of this context, if the browser has one. */
export function promptApiIn(scope: object = globalThis): LanguageModelApi | undefined {
  const api = (scope as { LanguageModel?: Partial<LanguageModelApi> }).LanguageModel;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? (api as LanguageModelApi) : undefined;
}

/** What the browser says of its model; 'unavailable' when there is no Prompt API at all. */
export async function promptApiAvailability(api: LanguageModelApi | undefined = promptApiIn()): Promise<PromptApiAvailability> {
  if (!api) return 'unavailable';
  try {
    return await api.availability(LANGUAGES);
  } catch {
    return 'unavailable';
  }
}

/** One status for the browser's one model, shared by every client. */
let status: LocalLlmStatus | null = null;

/** The built-in model's download/use state for the worker status, or null before first use. */
export function promptApiStatus(): LocalLlmStatus | null {
  return status ? { ...status } : null;
}

/** The shared status, brought in line with what Chrome says now. */
function statusFor(availability: PromptApiAvailability): LocalLlmStatus {
  status ??= { provider: 'prompt-api', model: MODEL_NAME, state: 'loading', progress: 0, users: 0 };
  if (availability === 'available') Object.assign(status, { state: 'ready', progress: 1 });
  else Object.assign(status, { state: 'loading', progress: status.state === 'loading' ? status.progress : 0 });
  delete status.error;
  return status;
}

export async function createPromptApiClient(api: LanguageModelApi | undefined = promptApiIn()): Promise<LlmClient> {
  if (!api) throw new LlmError('unavailable', PROMPT_API_ABSENT);
  const languageModel = api;
  const availability = await promptApiAvailability(languageModel);
  if (availability === 'unavailable') throw new LlmError('unavailable', PROMPT_API_UNAVAILABLE);
  const current = statusFor(availability);
  current.users++;
  /** A session with the system prompt, cloned for each request (each request is a fresh conversation). */
  let base: { system: string; session: Promise<LanguageModelSession> } | undefined;
  /** Set once the model refused the JSON Schema: unconstrained from then on. */
  let constraintRefused = false;
  let disposed = false;

  function baseSession(system: string): Promise<LanguageModelSession> {
    if (base?.system === system) return base.session;
    base?.session.then((s) => s.destroy(), () => undefined);
    const session = languageModel
      .create({
        ...LANGUAGES,
        ...(system ? { initialPrompts: [{ role: 'system', content: system }] } : {}),
        // The first create downloads the model when Chrome has not yet.
        monitor(m: DownloadMonitor) {
          m.addEventListener('downloadprogress', (e) => {
            if (typeof e.loaded === 'number') current.progress = Math.max(0, Math.min(1, e.loaded));
          });
        },
      })
      .then(
        (s) => {
          Object.assign(current, { state: 'ready', progress: 1 });
          delete current.error;
          return s;
        },
        (e: unknown) => {
          if (base?.session === session) base = undefined;
          const error = promptApiError(e);
          current.state = 'failed';
          current.error = error.message;
          throw error;
        },
      );
    base = { system, session };
    return session;
  }

  async function ask(messages: ChatMessage[], schema: Record<string, unknown> | undefined, signal: AbortSignal | undefined): Promise<Completion> {
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
    const turns = messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
    const session = await (await baseSession(system)).clone(signal ? { signal } : {});
    try {
      const constraint = schema && !constraintRefused ? withoutMetadata(schema) : undefined;
      try {
        const text = await session.prompt(turns, { ...(constraint ? { responseConstraint: constraint } : {}), ...(signal ? { signal } : {}) });
        return answer(text, constraint ? 'json_schema' : 'none');
      } catch (e) {
        if (!constraint || !refusesConstraint(e)) throw e;
        constraintRefused = true;
        return answer(await session.prompt(turns, signal ? { signal } : {}), 'none');
      }
    } finally {
      session.destroy();
    }
  }

  return {
    id: 'prompt-api',
    async complete(request, signal) {
      if (disposed) throw new LlmError('aborted', 'The Prompt API client was closed.');
      if (signal?.aborted) throw new LlmError('aborted', 'Stopped before the built-in model answered.');
      try {
        return await ask(request.messages, request.jsonSchema, signal);
      } catch (e) {
        throw promptApiError(e);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      current.users = Math.max(0, current.users - 1);
      base?.session.then((s) => s.destroy(), () => undefined);
      base = undefined;
    },
  };
}

function answer(text: string, constrained: Completion['constrained']): Completion {
  if (!text.trim()) throw new LlmError('bad_response', `${MODEL_NAME} answered with empty text.`);
  return { text, constrained };
}

function withoutMetadata(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _metadata, ...rest } = schema;
  return rest;
}

const nameOf = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.name : '');
const messageOf = (e: unknown) => (e instanceof Error || e instanceof DOMException ? e.message : String(e));

/** Chrome refuses a schema it cannot enforce with NotSupportedError. */
function refusesConstraint(e: unknown): boolean {
  return nameOf(e) === 'NotSupportedError' && /constraint|schema/i.test(messageOf(e));
}

/** The Prompt API's DOMExceptions as LlmErrors whose message says what to do. */
export function promptApiError(e: unknown): LlmError {
  if (e instanceof LlmError) return e;
  const name = nameOf(e);
  const text = messageOf(e);
  switch (name) {
    case 'AbortError':
      return new LlmError('aborted', 'Stopped before the built-in model answered.');
    case 'QuotaExceededError':
      return new LlmError('bad_response', `The prompt is longer than ${MODEL_NAME} can take (${text}).`);
    case 'NotAllowedError':
      return new LlmError('unavailable', `Chrome did not allow its built-in model here (${text}): it may be switched off by policy, or need its download started from a page you click in. ${OTHER_POLICIES}`);
    case 'NotSupportedError':
      return new LlmError('unavailable', `${MODEL_NAME} does not support this request (${text}). ${OTHER_POLICIES}`);
    case 'NetworkError':
      return new LlmError('unreachable', `Chrome could not download its built-in model (${text}): it needs network access the first time. ${OTHER_POLICIES}`);
    case 'InvalidStateError':
      return new LlmError('unavailable', `${MODEL_NAME} is not ready (${text}). ${OTHER_POLICIES}`);
    default:
      return new LlmError('server_error', `${MODEL_NAME} failed: ${name ? `${name}: ` : ''}${text}`);
  }
}
