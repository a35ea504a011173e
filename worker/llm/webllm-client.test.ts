import type { ChatCompletion, ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import type { CompletionRequest } from '../../shared/llm';
import type { WebGpuCapabilities } from './webgpu-capabilities';
import { createWebLlmClient } from './webllm-client';
import { type ChatEngine, WebLlmEngines } from './webllm-engines';
import { NO_WEBGPU_MESSAGE, SOFTWARE_ADAPTER_WARNING } from './webllm-errors';
import type { WebLlmModelRecord } from './webllm-models';

const LIST: WebLlmModelRecord[] = [
  { model_id: 'SmolLM2-360M-Instruct-q4f32_1-MLC', vram_required_MB: 579.61, overrides: { context_window_size: 4096 } },
  { model_id: 'SmolLM2-360M-Instruct-q4f16_1-MLC', vram_required_MB: 376.06, required_features: ['shader-f16'], overrides: { context_window_size: 4096 } },
  { model_id: 'Qwen3-1.7B-q4f32_1-MLC', vram_required_MB: 2635.44, overrides: { context_window_size: 4096 } },
];
const SMOL = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const adapter = (kind: WebGpuCapabilities['kind'], features: string[] = []) => async (): Promise<WebGpuCapabilities> => ({ kind, features, limits: {} });
const reply = (content: string, finish: 'stop' | 'length' | 'abort' = 'stop'): ChatCompletion => ({
  id: 'x',
  object: 'chat.completion',
  created: 0,
  model: SMOL,
  choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', content }, logprobs: null }],
  usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18, extra: {} as never },
});

/** A loaded engine that answers with `answer(request)` and records what it was asked. */
function engineAnswering(answer: (request: ChatCompletionRequestNonStreaming) => Promise<ChatCompletion>) {
  const requests: ChatCompletionRequestNonStreaming[] = [];
  let interrupted = 0;
  let failLoad: Error | undefined;
  const engine: ChatEngine = {
    reload: async () => {
      if (failLoad) throw failLoad;
    },
    unload: async () => undefined,
    interruptGenerate: () => interrupted++,
    chat: { completions: { create: async (request) => (requests.push(request), answer(request)) } },
  };
  return { engines: new WebLlmEngines(async () => engine), requests, interrupted: () => interrupted, failLoadWith: (e: Error) => (failLoad = e) };
}

const SCHEMA = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
const REQUEST: CompletionRequest = { messages: [{ role: 'system', content: 'rules' }, { role: 'user', content: 'page' }], jsonSchema: SCHEMA, maxTokens: 800, temperature: 0 };

describe('createWebLlmClient', () => {
  it('refuses at once without a WebGPU adapter, with the message the UI shows', async () => {
    const { engines } = engineAnswering(async () => reply('{}'));
    await expect(createWebLlmClient({ model: SMOL, capabilities: adapter('none'), modelList: async () => LIST, engines })).rejects.toMatchObject({ code: 'unavailable', message: NO_WEBGPU_MESSAGE });
    expect(engines.status()).toBeNull();
  });

  it('refuses a model that is not in the filtered list, naming the choices', async () => {
    const { engines } = engineAnswering(async () => reply('{}'));
    const options = { capabilities: adapter('hardware'), modelList: async () => LIST, engines };
    await expect(createWebLlmClient({ model: 'Nope-7B', ...options })).rejects.toMatchObject({
      code: 'model_not_found',
      message: 'WebLLM has no model Nope-7B. Models this browser can run: SmolLM2-360M-Instruct-q4f32_1-MLC (580 MB), Qwen3-1.7B-q4f32_1-MLC (2635 MB).',
    });
    await expect(createWebLlmClient({ model: 'SmolLM2-360M-Instruct-q4f16_1-MLC', ...options })).rejects.toMatchObject({ message: expect.stringMatching(/cannot run here: it is an f16 model .*no shader-f16/) });
    // With shader-f16 the same model is fine.
    await expect(createWebLlmClient({ model: 'SmolLM2-360M-Instruct-q4f16_1-MLC', ...options, capabilities: adapter('hardware', ['shader-f16']) })).resolves.toBeDefined();
  });

  it('asks for JSON constrained by the schema and answers with the text', async () => {
    const { engines, requests } = engineAnswering(async () => reply('{"a":"b"}'));
    const client = await createWebLlmClient({ model: SMOL, capabilities: adapter('hardware'), modelList: async () => LIST, engines });
    expect(client.id).toBe(`webllm:${SMOL}`);
    const completion = await client.complete(REQUEST);
    expect(completion).toEqual({ text: '{"a":"b"}', constrained: 'json_schema', usage: { promptTokens: 11, completionTokens: 7 } });
    const sent = requests[0]!;
    expect(sent).toMatchObject({ stream: false, max_tokens: 800, temperature: 0, messages: REQUEST.messages });
    expect(sent.response_format?.type).toBe('json_object');
    expect(JSON.parse(sent.response_format!.schema!)).toEqual({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] });
    expect(sent.extra_body).toBeUndefined();
  });

  it('turns off thinking for Qwen3 models', async () => {
    const { engines, requests } = engineAnswering(async () => reply('{"a":"b"}'));
    const client = await createWebLlmClient({ model: 'Qwen3-1.7B-q4f32_1-MLC', capabilities: adapter('hardware'), modelList: async () => LIST, engines });
    await client.complete(REQUEST);
    expect(requests[0]!.extra_body).toEqual({ enable_thinking: false });
  });

  it('falls back to plain JSON mode once WebLLM refuses the schema, and remembers', async () => {
    const refusal = Object.assign(new Error('Invalid schema'), { name: 'InvalidResponseFormatGrammarError' });
    const { engines, requests } = engineAnswering(async (r) => (r.response_format?.schema ? Promise.reject(refusal) : reply('{"a":"b"}')));
    const client = await createWebLlmClient({ model: SMOL, capabilities: adapter('hardware'), modelList: async () => LIST, engines });
    expect((await client.complete(REQUEST)).constrained).toBe('json_object');
    expect((await client.complete(REQUEST)).constrained).toBe('json_object');
    expect(requests.map((r) => r.response_format)).toEqual([{ type: 'json_object', schema: expect.any(String) }, { type: 'json_object' }, { type: 'json_object' }]);
  });

  it('a download that fails fails the first step with the reason, and dispose lets the engine go', async () => {
    const { engines, failLoadWith } = engineAnswering(async () => reply('{}'));
    failLoadWith(new Error(`Failed to store https://huggingface.co/mlc-ai/${SMOL}/resolve/main/mlc-chat-config.json with error: TypeError: Failed to fetch`));
    const client = await createWebLlmClient({ model: SMOL, capabilities: adapter('software'), modelList: async () => LIST, engines });
    await expect(client.complete(REQUEST)).rejects.toMatchObject({ code: 'unreachable', message: expect.stringMatching(/^Could not download the model SmolLM2-360M-Instruct-q4f32_1-MLC \(huggingface\.co: .*WebLLM needs network access the first time/) });
    expect(engines.status()).toMatchObject({ state: 'failed', users: 1, warning: SOFTWARE_ADAPTER_WARNING });
    await client.dispose();
    expect(engines.status()).toMatchObject({ users: 0 });
    await expect(client.complete(REQUEST)).rejects.toMatchObject({ code: 'aborted' });
  });

  it('stops a generation when the run is stopped', async () => {
    let release: () => void = () => undefined;
    const { engines, interrupted } = engineAnswering(() => new Promise((resolve) => (release = () => resolve(reply('{"a":', 'abort')))));
    const client = await createWebLlmClient({ model: SMOL, capabilities: adapter('hardware'), modelList: async () => LIST, engines });
    const controller = new AbortController();
    const pending = client.complete(REQUEST, controller.signal);
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    release();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(interrupted()).toBe(1);
  });

  it('reports empty and cut-off answers as bad responses', async () => {
    const { engines } = engineAnswering(async () => reply('', 'length'));
    const client = await createWebLlmClient({ model: SMOL, capabilities: adapter('hardware'), modelList: async () => LIST, engines });
    await expect(client.complete(REQUEST)).rejects.toMatchObject({ code: 'bad_response', message: expect.stringContaining('ran out of tokens') });
  });
});
