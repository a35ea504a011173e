import { describe, expect, it } from 'vitest';
import type { PolicyOffer } from '../../shared/worker-api';
import { offerPolicies, type PolicyProbes } from './policy-offers';
import { PROMPT_API_ABSENT, PROMPT_API_UNAVAILABLE, type LanguageModelApi, type PromptApiAvailability } from './prompt-api-client';
import type { WebGpuCapabilities } from './webgpu-capabilities';
import { NO_WEBGPU_MESSAGE, SOFTWARE_ADAPTER_WARNING } from './webllm-errors';
import type { WebLlmModelRecord } from './webllm-models';

const LIST: WebLlmModelRecord[] = [
  { model_id: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC', vram_required_MB: 1888.97, low_resource_required: true, overrides: { context_window_size: 4096 } },
  { model_id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC', vram_required_MB: 1629.75, low_resource_required: true, overrides: { context_window_size: 4096 } },
];

const languageModel = (availability: PromptApiAvailability): LanguageModelApi => ({ availability: async () => availability, create: () => Promise.reject(new Error('not in this test')) });

function probes(over: Partial<PolicyProbes> & { adapter?: Partial<WebGpuCapabilities> } = {}): PolicyProbes & { listAsked: () => number } {
  let listAsked = 0;
  return {
    webGpu: async () => ({ kind: 'none', features: [], limits: {}, ...over.adapter }),
    webLlmModelList: async () => (listAsked++, LIST),
    promptApi: () => undefined,
    ...over,
    listAsked: () => listAsked,
  };
}
const offer = (offers: PolicyOffer[], kind: PolicyOffer['kind']) => offers.find((o) => o.kind === kind);

describe('offerPolicies', () => {
  it('always offers the offline policy and OpenAI-compatible endpoints', async () => {
    const offers = await offerPolicies(probes());
    expect(offers.map((o) => o.kind)).toEqual(['offline', 'openai', 'webllm', 'prompt-api']);
    expect(offer(offers, 'offline')).toEqual({ kind: 'offline', offered: true });
    expect(offer(offers, 'openai')).toEqual({ kind: 'openai', offered: true });
  });

  it('does not offer WebLLM without a WebGPU adapter, and does not load WebLLM to say so', async () => {
    const p = probes();
    expect(offer(await offerPolicies(p), 'webllm')).toEqual({ kind: 'webllm', offered: false, reason: NO_WEBGPU_MESSAGE });
    expect(p.listAsked()).toBe(0);
    expect(offer(await offerPolicies(probes({ webGpu: () => Promise.reject(new Error('gpu process crashed')) })), 'webllm')).toMatchObject({ offered: false, reason: NO_WEBGPU_MESSAGE });
  });

  it('offers WebLLM on a software adapter with the models it can run and a warning', async () => {
    const webllm = offer(await offerPolicies(probes({ adapter: { kind: 'software', features: [] } })), 'webllm');
    expect(webllm).toEqual({
      kind: 'webllm',
      offered: true,
      warning: SOFTWARE_ADAPTER_WARNING,
      models: [{ id: 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC', vramMB: 1889, contextWindow: 4096, lowResource: true }],
    });
  });

  it('offers f16 models too on a GPU with shader-f16, without the warning', async () => {
    const webllm = offer(await offerPolicies(probes({ adapter: { kind: 'hardware', features: ['shader-f16'] } })), 'webllm');
    expect(webllm?.warning).toBeUndefined();
    expect(webllm?.models?.map((m) => m.id)).toEqual(['Qwen2.5-1.5B-Instruct-q4f16_1-MLC', 'Qwen2.5-1.5B-Instruct-q4f32_1-MLC']);
  });

  it('does not offer WebLLM when no model fits the adapter or WebLLM cannot be loaded', async () => {
    const tiny = offer(await offerPolicies(probes({ adapter: { kind: 'hardware', limits: { maxStorageBuffersPerShaderStage: 8 } } })), 'webllm');
    expect(tiny).toMatchObject({ offered: false, reason: expect.stringMatching(/maxStorageBuffersPerShaderStage is 8/) });
    const broken = offer(await offerPolicies(probes({ adapter: { kind: 'hardware' }, webLlmModelList: () => Promise.reject(new Error('WebLLM could not be loaded in this worker: 404')) })), 'webllm');
    expect(broken).toEqual({ kind: 'webllm', offered: false, reason: 'WebLLM could not be loaded in this worker: 404' });
  });

  it("offers the Prompt API only when the browser has it and its model isn't unavailable", async () => {
    const withApi = async (availability: PromptApiAvailability) => offer(await offerPolicies(probes({ promptApi: () => languageModel(availability) })), 'prompt-api');
    expect(offer(await offerPolicies(probes()), 'prompt-api')).toEqual({ kind: 'prompt-api', offered: false, reason: PROMPT_API_ABSENT });
    expect(await withApi('unavailable')).toEqual({ kind: 'prompt-api', offered: false, reason: PROMPT_API_UNAVAILABLE });
    expect(await withApi('downloadable')).toMatchObject({ offered: true, warning: expect.stringContaining('downloads its built-in model') });
    expect(await withApi('downloading')).toMatchObject({ offered: true });
    expect(await withApi('available')).toEqual({ kind: 'prompt-api', offered: true });
  });
});
