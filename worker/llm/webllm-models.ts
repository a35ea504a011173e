// Which of WebLLM's prebuilt models can run on a WebGPU adapter, and why the others
// cannot. Pure functions over the model list, so they are tested without a GPU.
import { DEFAULT_PROMPT_BUDGET } from '../../shared/prompt';
import type { WebLlmModelInfo } from '../../shared/worker-api';
import type { WebGpuCapabilities, WebGpuLimitName } from './webgpu-capabilities';

/** The fields of WebLLM's `ModelRecord` that decide whether a model runs here. */
export interface WebLlmModelRecord {
  model_id: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  /** The `maxStorageBufferBindingSize` the model needs. */
  buffer_size_required_bytes?: number;
  required_features?: string[];
  /** 0 or absent: chat LLM; 1: embedding; 2: vision-language. */
  model_type?: number;
  overrides?: { context_window_size?: number };
}

export type AdapterCapabilities = Pick<WebGpuCapabilities, 'features' | 'limits'>;

/**
 * The agent's prompt budget plus room for its reply (the LLM policy asks for at most
 * 800 tokens) and the chat template: a model with a smaller context cannot take a step.
 */
export const AGENT_CONTEXT_TOKENS = DEFAULT_PROMPT_BUDGET + 1_000;

const MiB = 1 << 20;
/** The least WebLLM asks of any adapter before it loads a model (its detectGPUDevice). */
export const WEBLLM_MINIMUM_LIMITS: Record<WebGpuLimitName, number> = {
  maxBufferSize: 256 * MiB,
  maxStorageBufferBindingSize: 128 * MiB,
  maxComputeWorkgroupStorageSize: 32 * 1024,
  maxStorageBuffersPerShaderStage: 10,
};

/** Why WebLLM cannot run on this adapter at all, or undefined when it can (unknown limits pass). */
export function webLlmAdapterShortfall(adapter: AdapterCapabilities): string | undefined {
  const short = (Object.keys(WEBLLM_MINIMUM_LIMITS) as WebGpuLimitName[]).filter((name) => {
    const value = adapter.limits[name];
    return value !== undefined && value < WEBLLM_MINIMUM_LIMITS[name];
  });
  if (short.length === 0) return undefined;
  return `its ${short.map((name) => `${name} is ${adapter.limits[name]} (WebLLM needs ${WEBLLM_MINIMUM_LIMITS[name]})`).join(', ')}`;
}

/**
 * f16 models need the `shader-f16` feature. WebLLM's list marks only some of them
 * with `required_features`, so the quantisation in the id (`q4f16_1`, `q0f16`) counts too.
 */
export function needsShaderF16(record: WebLlmModelRecord): boolean {
  return (record.required_features ?? []).includes('shader-f16') || /(^|-)q\d+f16(_\d+)?(-|$)/i.test(record.model_id);
}

export function contextWindowOf(record: WebLlmModelRecord): number | null {
  return record.overrides?.context_window_size ?? null;
}

/** Why this model cannot be the agent's policy on this adapter, or undefined when it can. */
export function whyModelUnsupported(record: WebLlmModelRecord, adapter: AdapterCapabilities, minContext = AGENT_CONTEXT_TOKENS): string | undefined {
  if (record.model_type !== undefined && record.model_type !== 0) return record.model_type === 1 ? 'it is an embedding model, not a chat model' : 'it is a vision model (the agent prompts with text)';
  if (needsShaderF16(record) && !adapter.features.includes('shader-f16')) return 'it is an f16 model and this WebGPU adapter has no shader-f16 (pick a q4f32 variant)';
  for (const feature of record.required_features ?? []) {
    if (!adapter.features.includes(feature)) return `it needs the WebGPU feature ${feature}, which this adapter lacks`;
  }
  const binding = adapter.limits.maxStorageBufferBindingSize;
  if (record.buffer_size_required_bytes !== undefined && binding !== undefined && binding < record.buffer_size_required_bytes) {
    return `it needs buffers of ${Math.ceil(record.buffer_size_required_bytes / MiB)} MB and this adapter allows ${Math.floor(binding / MiB)} MB`;
  }
  const context = contextWindowOf(record);
  if (context !== null && context < minContext) return `its context window (${context} tokens) is smaller than the agent's prompt needs (${minContext})`;
  return undefined;
}

/** The models the agent can use on this adapter, least GPU memory first. */
export function supportedWebLlmModels(list: readonly WebLlmModelRecord[], adapter: AdapterCapabilities, minContext = AGENT_CONTEXT_TOKENS): WebLlmModelInfo[] {
  if (webLlmAdapterShortfall(adapter)) return [];
  return list
    .filter((record) => whyModelUnsupported(record, adapter, minContext) === undefined)
    .map((record) => ({
      id: record.model_id,
      vramMB: Math.round(record.vram_required_MB ?? 0),
      contextWindow: contextWindowOf(record),
      lowResource: record.low_resource_required === true,
    }))
    .sort((a, b) => a.vramMB - b.vramMB || a.id.localeCompare(b.id));
}
