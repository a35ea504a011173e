import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { AGENT_CONTEXT_TOKENS, needsShaderF16, supportedWebLlmModels, webLlmAdapterShortfall, type WebLlmModelRecord, whyModelUnsupported } from './webllm-models';

/** Records as WebLLM 0.2.86's prebuilt list has them (fields that matter here). */
const RECORDS: WebLlmModelRecord[] = [
  { model_id: 'Llama-3.2-1B-Instruct-q4f32_1-MLC', vram_required_MB: 1128.82, low_resource_required: true, overrides: { context_window_size: 4096 } },
  // An f16 model that WebLLM does not mark with required_features.
  { model_id: 'Llama-3.2-1B-Instruct-q4f16_1-MLC', vram_required_MB: 879.04, low_resource_required: true, overrides: { context_window_size: 4096 } },
  { model_id: 'SmolLM2-360M-Instruct-q4f16_1-MLC', vram_required_MB: 376.06, low_resource_required: true, required_features: ['shader-f16'], overrides: { context_window_size: 4096 } },
  { model_id: 'SmolLM2-360M-Instruct-q4f32_1-MLC', vram_required_MB: 579.61, low_resource_required: true, overrides: { context_window_size: 4096 } },
  { model_id: 'Qwen3-0.6B-q0f16-MLC', vram_required_MB: 2220.38, low_resource_required: true, overrides: { context_window_size: 4096 } },
  { model_id: 'Qwen2.5-3B-Instruct-q4f32_1-MLC', vram_required_MB: 2893.64, low_resource_required: true, overrides: { context_window_size: 4096 } },
  { model_id: 'TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC-1k', vram_required_MB: 795.98, low_resource_required: true, overrides: { context_window_size: 1024 } },
  { model_id: 'gemma-2b-it-q4f32_1-MLC', vram_required_MB: 1750.66, buffer_size_required_bytes: 262144000, overrides: { context_window_size: 4096 } },
  { model_id: 'Phi-3.5-vision-instruct-q4f32_1-MLC', vram_required_MB: 7050.65, model_type: 2, overrides: { context_window_size: 4096 } },
  { model_id: 'snowflake-arctic-embed-s-q0f32-MLC-b4', vram_required_MB: 238.71, model_type: 1 },
];

const MiB = 1 << 20;
/** SwiftShader in Chromium 156 with --enable-unsafe-webgpu: no shader-f16. */
const SOFTWARE = { features: ['float32-filterable', 'timestamp-query'], limits: { maxBufferSize: 2048 * MiB, maxStorageBufferBindingSize: 2048 * MiB, maxComputeWorkgroupStorageSize: 32768, maxStorageBuffersPerShaderStage: 10 } };
const F16_GPU = { features: ['shader-f16', 'timestamp-query'], limits: { maxBufferSize: 4096 * MiB, maxStorageBufferBindingSize: 2048 * MiB } };
const ids = (adapter: Parameters<typeof supportedWebLlmModels>[1]) => supportedWebLlmModels(RECORDS, adapter).map((m) => m.id);

describe('supportedWebLlmModels', () => {
  it('leaves out f16 models on an adapter without shader-f16, marked or not', () => {
    expect(ids(SOFTWARE)).toEqual(['SmolLM2-360M-Instruct-q4f32_1-MLC', 'Llama-3.2-1B-Instruct-q4f32_1-MLC', 'gemma-2b-it-q4f32_1-MLC', 'Qwen2.5-3B-Instruct-q4f32_1-MLC']);
  });

  it('offers f16 models when the adapter has shader-f16, least GPU memory first', () => {
    expect(ids(F16_GPU)).toEqual([
      'SmolLM2-360M-Instruct-q4f16_1-MLC',
      'SmolLM2-360M-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-q4f16_1-MLC',
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
      'gemma-2b-it-q4f32_1-MLC',
      'Qwen3-0.6B-q0f16-MLC',
      'Qwen2.5-3B-Instruct-q4f32_1-MLC',
    ]);
  });

  it('says what each model needs', () => {
    expect(supportedWebLlmModels(RECORDS, SOFTWARE)[0]).toEqual({ id: 'SmolLM2-360M-Instruct-q4f32_1-MLC', vramMB: 580, contextWindow: 4096, lowResource: true });
  });

  it('drops models whose buffers the adapter cannot bind, when the limit is known', () => {
    const small = { features: ['shader-f16'], limits: { maxStorageBufferBindingSize: 128 * MiB } };
    expect(ids(small)).not.toContain('gemma-2b-it-q4f32_1-MLC');
    expect(ids({ features: ['shader-f16'], limits: {} })).toContain('gemma-2b-it-q4f32_1-MLC');
    expect(whyModelUnsupported(RECORDS[7]!, small)).toMatch(/buffers of 250 MB and this adapter allows 128 MB/);
  });

  it('offers nothing on an adapter below what WebLLM needs to start', () => {
    const tiny = { features: ['shader-f16'], limits: { maxBufferSize: 128 * MiB, maxStorageBuffersPerShaderStage: 8 } };
    expect(webLlmAdapterShortfall(tiny)).toMatch(/maxBufferSize is 134217728 \(WebLLM needs 268435456\), maxStorageBuffersPerShaderStage is 8/);
    expect(ids(tiny)).toEqual([]);
    expect(webLlmAdapterShortfall(SOFTWARE)).toBeUndefined();
  });

  it('gives the reason a known model is left out', () => {
    const why = (id: string) => whyModelUnsupported(RECORDS.find((r) => r.model_id === id)!, SOFTWARE);
    expect(why('Llama-3.2-1B-Instruct-q4f16_1-MLC')).toMatch(/f16 model .* no shader-f16/);
    expect(why('TinyLlama-1.1B-Chat-v1.0-q4f32_1-MLC-1k')).toMatch(/context window \(1024 tokens\)/);
    expect(why('Phi-3.5-vision-instruct-q4f32_1-MLC')).toMatch(/vision model/);
    expect(why('snowflake-arctic-embed-s-q0f32-MLC-b4')).toMatch(/embedding model/);
    expect(why('Qwen2.5-3B-Instruct-q4f32_1-MLC')).toBeUndefined();
  });
});

describe('needsShaderF16', () => {
  it.each([
    ['Llama-3.2-1B-Instruct-q4f16_1-MLC', true],
    ['Qwen3-0.6B-q0f16-MLC', true],
    ['Llama-3.1-70B-Instruct-q3f16_1-MLC', true],
    ['Llama-3.2-1B-Instruct-q4f32_1-MLC', false],
    ['SmolLM2-135M-Instruct-q0f32-MLC', false],
    ['Ministral-3-3B-Instruct-2512-BF16-q4f32_1-MLC', false],
  ])('%s: %s', (id, expected) => {
    expect(needsShaderF16({ model_id: id })).toBe(expected);
  });
});

describe("WebLLM's own prebuilt list", () => {
  const list = prebuiltAppConfig.model_list;

  it('still has the fields the filter reads', () => {
    const llms = list.filter((r) => r.model_type === undefined);
    expect(llms.length).toBeGreaterThan(50);
    expect(llms.every((r) => typeof r.vram_required_MB === 'number' && typeof r.overrides?.context_window_size === 'number')).toBe(true);
  });

  it('without shader-f16: only f32 chat models with room for the agent, sorted by GPU memory', () => {
    const models = supportedWebLlmModels(list, SOFTWARE);
    expect(models.length).toBeGreaterThan(20);
    expect(models.some((m) => /f16/i.test(m.id.replace(/BF16/, '')))).toBe(false);
    expect(models.every((m) => m.contextWindow !== null && m.contextWindow >= AGENT_CONTEXT_TOKENS)).toBe(true);
    expect(models.map((m) => m.vramMB)).toEqual([...models.map((m) => m.vramMB)].sort((a, b) => a - b));
    expect(models.map((m) => m.id)).toContain('Qwen2.5-1.5B-Instruct-q4f32_1-MLC');
    expect(models.map((m) => m.id)).not.toContain('snowflake-arctic-embed-m-q0f32-MLC-b32');
  });

  it('with shader-f16: the f16 variants too', () => {
    const withF16 = supportedWebLlmModels(list, F16_GPU).map((m) => m.id);
    expect(withF16).toContain('Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
    expect(withF16.length).toBeGreaterThan(supportedWebLlmModels(list, SOFTWARE).length);
  });
});
