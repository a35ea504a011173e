// Which policies this browser can run, and why not, for the UI's policy picker:
// offline and OpenAI-compatible always; WebLLM only with a WebGPU adapter that can run
// one of its models; the Prompt API only when the browser has it and its model can run.
import type { PolicyOffer } from '../../shared/worker-api';
import { type LanguageModelApi, PROMPT_API_ABSENT, PROMPT_API_UNAVAILABLE, promptApiAvailability } from './prompt-api-client';
import type { WebGpuCapabilities } from './webgpu-capabilities';
import { NO_WEBGPU_MESSAGE, SOFTWARE_ADAPTER_WARNING } from './webllm-errors';
import { supportedWebLlmModels, type WebLlmModelRecord, webLlmAdapterShortfall } from './webllm-models';

export interface PolicyProbes {
  webGpu: () => Promise<WebGpuCapabilities>;
  /** WebLLM's prebuilt list (importing WebLLM); asked only when there is an adapter. */
  webLlmModelList: () => Promise<readonly WebLlmModelRecord[]>;
  /** The `LanguageModel` global, if any. */
  promptApi: () => LanguageModelApi | undefined;
}

export async function offerPolicies(probes: PolicyProbes): Promise<PolicyOffer[]> {
  const [webllm, promptApi] = await Promise.all([offerWebLlm(probes), offerPromptApi(probes)]);
  return [{ kind: 'offline', offered: true }, { kind: 'openai', offered: true }, webllm, promptApi];
}

async function offerWebLlm(probes: PolicyProbes): Promise<PolicyOffer> {
  const adapter = await probes.webGpu().catch(() => null);
  if (!adapter || adapter.kind === 'none') return { kind: 'webllm', offered: false, reason: NO_WEBGPU_MESSAGE };
  const shortfall = webLlmAdapterShortfall(adapter);
  if (shortfall) return { kind: 'webllm', offered: false, reason: `WebLLM cannot run on this WebGPU adapter: ${shortfall}.` };
  let list: readonly WebLlmModelRecord[];
  try {
    list = await probes.webLlmModelList();
  } catch (e) {
    return { kind: 'webllm', offered: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const models = supportedWebLlmModels(list, adapter);
  if (models.length === 0) return { kind: 'webllm', offered: false, reason: 'None of WebLLM\'s models can run on this WebGPU adapter.' };
  return { kind: 'webllm', offered: true, models, ...(adapter.kind === 'software' ? { warning: SOFTWARE_ADAPTER_WARNING } : {}) };
}

async function offerPromptApi(probes: PolicyProbes): Promise<PolicyOffer> {
  const api = probes.promptApi();
  if (!api) return { kind: 'prompt-api', offered: false, reason: PROMPT_API_ABSENT };
  const availability = await promptApiAvailability(api);
  switch (availability) {
    case 'unavailable':
      return { kind: 'prompt-api', offered: false, reason: PROMPT_API_UNAVAILABLE };
    case 'downloadable':
    case 'downloading':
      return { kind: 'prompt-api', offered: true, warning: 'Chrome downloads its built-in model (several GB) the first time it is used.' };
    default:
      return { kind: 'prompt-api', offered: true };
  }
}

