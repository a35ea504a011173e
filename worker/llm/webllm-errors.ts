// WebLLM's failures as LlmErrors whose message says what to do. WebLLM throws plain
// Errors (and its own classes, told apart by name); the mapping reads names and text.
import type { WebLlmModelInfo } from '../../shared/worker-api';
import { LlmError } from './llm-client';

const CHOOSE_ANOTHER = 'choose another policy (offline, or an OpenAI-compatible endpoint).';
const OTHER_POLICIES = 'Choose another policy (offline, or an OpenAI-compatible endpoint).';

export const NO_WEBGPU_MESSAGE = `WebLLM needs WebGPU, and this browser has no WebGPU adapter. ${OTHER_POLICIES}`;

export const SOFTWARE_ADAPTER_WARNING =
  'WebGPU here is a software adapter (no GPU in use): WebLLM works, but every step will be very slow. A GPU, or an OpenAI-compatible endpoint, is far faster.';

export function noWebGpuError(): LlmError {
  return new LlmError('unavailable', NO_WEBGPU_MESSAGE);
}

export function adapterTooSmallError(shortfall: string): LlmError {
  return new LlmError('unavailable', `WebLLM cannot run on this WebGPU adapter: ${shortfall}. ${OTHER_POLICIES}`);
}

/** A model id that is not among the models this adapter can run; `why` when WebLLM knows it but it cannot run here. */
export function unknownModelError(modelId: string, choices: readonly WebLlmModelInfo[], why?: string): LlmError {
  if (choices.length === 0) return new LlmError('unavailable', `No WebLLM model can run on this WebGPU adapter. ${OTHER_POLICIES}`);
  const shown = choices.slice(0, 8).map((m) => `${m.id} (${m.vramMB} MB)`);
  const more = choices.length > shown.length ? ` and ${choices.length - shown.length} more` : '';
  const head = why ? `WebLLM's model ${modelId} cannot run here: ${why}.` : `WebLLM has no model ${modelId}.`;
  return new LlmError('model_not_found', `${head} Models this browser can run: ${shown.join(', ')}${more}.`);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const nameOf = (e: unknown) => (e instanceof Error ? e.name : '');

/** Fetch failing at the network level, in Chromium, Firefox and Safari words. */
const NETWORK_FAILURE = /Failed to fetch|NetworkError|Load failed|ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_\w+|ADDRESS_UNREACHABLE)|network error/i;
/** WebLLM's caches wrap a failed download as "Failed to store <url> with error: …" or "Cannot fetch <url>". */
const FAILED_URL = /(?:Failed to store|Cannot fetch|failed to fetch:)\s+(https?:\/\/\S+)/i;

/** Where a failed download was going, as a host name. */
function failedHost(text: string): string | undefined {
  const url = FAILED_URL.exec(text)?.[1];
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** A failure while downloading or loading `modelId` (CreateMLCEngine / reload). */
export function webLlmLoadError(modelId: string, e: unknown): LlmError {
  if (e instanceof LlmError) return e;
  const text = message(e);
  const name = nameOf(e);
  const host = failedHost(text);
  if (NETWORK_FAILURE.test(text)) {
    return new LlmError(
      'unreachable',
      `Could not download the model ${modelId} (${host ?? 'the model host'}: no network connection to it): WebLLM needs network access the first time it loads a model, to fetch its weights from huggingface.co and its library from raw.githubusercontent.com; after that it runs offline. Connect and try again, or ${CHOOSE_ANOTHER}`,
    );
  }
  if (host && /Network response was not ok/.test(text)) {
    return new LlmError('unavailable', `Could not download the model ${modelId} (${host} refused the file): the host may be down, or the model moved. Try again later, or ${CHOOSE_ANOTHER}`);
  }
  if (name === 'ShaderF16SupportError' || /shader-f16/.test(text)) {
    return new LlmError('unavailable', `The model ${modelId} needs the WebGPU feature shader-f16, which this browser's adapter lacks: pick a q4f32 model.`);
  }
  if (name === 'DeviceLostError' || /device was lost|Device lost/i.test(text)) {
    return new LlmError('unavailable', `The GPU gave up while loading ${modelId} (out of GPU memory?): pick a smaller model. (${text})`);
  }
  if (/QuotaExceeded|quota/i.test(name + text)) {
    return new LlmError('unavailable', `There is not enough storage to keep the model ${modelId}: free some disk space or pick a smaller model. (${text})`);
  }
  if (/Unable to find a compatible GPU|WebGPU/i.test(text)) {
    return new LlmError('unavailable', `WebLLM could not start WebGPU for ${modelId}: ${text}. ${OTHER_POLICIES}`);
  }
  return new LlmError('unavailable', `WebLLM could not load the model ${modelId}: ${text}`);
}

/** A failure while generating with a loaded model. */
export function webLlmGenerationError(modelId: string, e: unknown): LlmError {
  if (e instanceof LlmError) return e;
  const text = message(e);
  const name = nameOf(e);
  if (name === 'ContextWindowSizeExceededError' || /context window size/i.test(text)) {
    return new LlmError('bad_response', `The prompt is longer than the context window of ${modelId}: ${text}`);
  }
  if (name === 'DeviceLostError' || /device was lost|Device lost/i.test(text)) {
    return new LlmError('unavailable', `The GPU dropped the model ${modelId} (out of GPU memory?): pick a smaller model, or start the run again.`);
  }
  if (/ResponseFormat|Grammar/i.test(name)) {
    return new LlmError('bad_response', `WebLLM could not constrain ${modelId}'s output to the JSON Schema: ${text}`);
  }
  return new LlmError('server_error', `WebLLM failed while generating with ${modelId}: ${text}`);
}

/** Whether WebLLM refused the JSON Schema itself (so plain JSON mode is worth a try). */
export function rejectsSchema(e: unknown): boolean {
  return /ResponseFormat|Grammar/i.test(nameOf(e)) || /json[_ ]?schema|grammar/i.test(message(e));
}
