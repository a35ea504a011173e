import { describe, expect, it } from 'vitest';
import type { CompletionRequest } from '../../shared/llm';
import { createPromptApiClient, type LanguageModelApi, type LanguageModelSession, PROMPT_API_ABSENT, PROMPT_API_UNAVAILABLE, promptApiAvailability, promptApiError, promptApiIn, promptApiStatus, type PromptApiAvailability } from './prompt-api-client';

type Prompted = { input: Parameters<LanguageModelSession['prompt']>[0]; options: Parameters<LanguageModelSession['prompt']>[1] };

/** A `LanguageModel` like Chrome's, with sessions that answer with `answer`. */
function fakeLanguageModel(availability: PromptApiAvailability, answer: (p: Prompted) => Promise<string> = async () => '{"a":"b"}') {
  const created: Record<string, unknown>[] = [];
  const prompts: Prompted[] = [];
  let destroyed = 0;
  let clones = 0;
  const session = (): LanguageModelSession => ({
    prompt: async (input, options) => {
      prompts.push({ input, options });
      return answer({ input, options });
    },
    clone: async () => (clones++, session()),
    destroy: () => void destroyed++,
  });
  const api: LanguageModelApi = {
    availability: async () => availability,
    create: async (options = {}) => {
      created.push(options);
      const monitor = options.monitor as ((m: EventTarget) => void) | undefined;
      if (monitor && availability !== 'available') {
        const target = new EventTarget();
        monitor(target);
        target.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded: 0.5 }));
      }
      return session();
    },
  };
  return { api, created, prompts, destroyed: () => destroyed, clones: () => clones };
}

const SCHEMA = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } } };
const request = (system: string, user = 'page'): CompletionRequest => ({ messages: [{ role: 'system', content: system }, { role: 'user', content: user }], jsonSchema: SCHEMA });

describe('Prompt API availability', () => {
  it("is 'unavailable' when the browser has no LanguageModel", async () => {
    expect(promptApiIn({})).toBeUndefined();
    expect(await promptApiAvailability(undefined)).toBe('unavailable');
    await expect(createPromptApiClient(undefined)).rejects.toMatchObject({ code: 'unavailable', message: PROMPT_API_ABSENT });
  });

  it('says what the browser says, and unavailable when asking fails', async () => {
    expect(await promptApiAvailability(fakeLanguageModel('downloadable').api)).toBe('downloadable');
    const broken: LanguageModelApi = { availability: () => Promise.reject(new Error('nope')), create: () => Promise.reject(new Error('nope')) };
    expect(await promptApiAvailability(broken)).toBe('unavailable');
    expect(promptApiIn({ LanguageModel: fakeLanguageModel('available').api })).toBeDefined();
  });

  it('refuses a client when Chrome says its model cannot run here', async () => {
    await expect(createPromptApiClient(fakeLanguageModel('unavailable').api)).rejects.toMatchObject({ code: 'unavailable', message: PROMPT_API_UNAVAILABLE });
  });
});

describe('createPromptApiClient', () => {
  it('puts the system prompt in the session and constrains the answer by the schema', async () => {
    const fake = fakeLanguageModel('available');
    const client = await createPromptApiClient(fake.api);
    expect(await client.complete(request('rules'))).toEqual({ text: '{"a":"b"}', constrained: 'json_schema' });
    expect(fake.created[0]).toMatchObject({ initialPrompts: [{ role: 'system', content: 'rules' }], expectedOutputs: [{ type: 'text', languages: ['en'] }] });
    expect(fake.prompts[0]).toMatchObject({ input: [{ role: 'user', content: 'page' }], options: { responseConstraint: { type: 'object', properties: { a: { type: 'string' } } } } });
    expect(fake.prompts[0]!.options!.responseConstraint).not.toHaveProperty('$schema');
  });

  it('answers each request in a fresh clone of one session per system prompt', async () => {
    const fake = fakeLanguageModel('available');
    const client = await createPromptApiClient(fake.api);
    await client.complete(request('rules', 'one'));
    await client.complete(request('rules', 'two'));
    expect(fake.created).toHaveLength(1);
    expect(fake.clones()).toBe(2);
    expect(fake.destroyed()).toBe(2);
    await client.complete(request('other rules'));
    expect(fake.created).toHaveLength(2);
    await client.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.destroyed()).toBe(5); // three clones, two base sessions
  });

  it('drops the constraint for good once the model refuses it', async () => {
    const refusal = new DOMException('The response constraint is not supported', 'NotSupportedError');
    const fake = fakeLanguageModel('available', async ({ options }) => (options?.responseConstraint ? Promise.reject(refusal) : '{"a":"b"}'));
    const client = await createPromptApiClient(fake.api);
    expect((await client.complete(request('rules'))).constrained).toBe('none');
    expect((await client.complete(request('rules'))).constrained).toBe('none');
    expect(fake.prompts.map((p) => p.options?.responseConstraint !== undefined)).toEqual([true, false, false]);
  });

  it('shows the download of the model in the status', async () => {
    const fake = fakeLanguageModel('downloadable');
    const client = await createPromptApiClient(fake.api);
    expect(promptApiStatus()).toMatchObject({ provider: 'prompt-api', state: 'loading' });
    await client.complete(request('rules'));
    expect(promptApiStatus()).toMatchObject({ state: 'ready', progress: 1 });
    await client.dispose();
  });

  it('stops when the run is stopped', async () => {
    const fake = fakeLanguageModel('available', ({ options }) => new Promise((_resolve, reject) => options?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    const client = await createPromptApiClient(fake.api);
    const controller = new AbortController();
    const pending = client.complete(request('rules'), controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('promptApiError', () => {
  it.each([
    ['AbortError', 'aborted'],
    ['QuotaExceededError', 'bad_response'],
    ['NotAllowedError', 'unavailable'],
    ['NotSupportedError', 'unavailable'],
    ['NetworkError', 'unreachable'],
    ['InvalidStateError', 'unavailable'],
    ['UnknownError', 'server_error'],
  ])('%s → %s', (name, code) => {
    const error = promptApiError(new DOMException('the reason Chrome gave', name));
    expect(error.code).toBe(code);
    if (code !== 'aborted') expect(error.message).toContain('the reason Chrome gave');
  });
});
