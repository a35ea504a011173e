// The LLM provider that runs the model in the worker itself, on WebGPU, with WebLLM.
// The worker is a dedicated worker, so it uses WebLLM's MLCEngine directly. WebLLM
// (~6 MB) is its own chunk, fetched the first time a WebLLM policy or model list is
// asked for. The engine is shared by every run (see webllm-engines.ts).
import type { ChatCompletion, ChatCompletionRequestNonStreaming } from '@mlc-ai/web-llm';
import type { Completion, CompletionRequest } from '../../shared/llm';
import type { LocalLlmStatus } from '../../shared/worker-api';
import { type LlmClient, LlmError } from './llm-client';
import { webGpuCapabilities, type WebGpuCapabilities } from './webgpu-capabilities';
import { type EngineLease, WebLlmEngines } from './webllm-engines';
import { adapterTooSmallError, noWebGpuError, rejectsSchema, SOFTWARE_ADAPTER_WARNING, unknownModelError, webLlmGenerationError } from './webllm-errors';
import { supportedWebLlmModels, type WebLlmModelRecord, webLlmAdapterShortfall, whyModelUnsupported } from './webllm-models';

type WebLlmModule = typeof import('@mlc-ai/web-llm');

let webLlmModule: Promise<WebLlmModule> | undefined;

/** WebLLM's module, imported on first use (a failed import is tried again next time). */
function loadWebLlm(): Promise<WebLlmModule> {
  webLlmModule ??= import('@mlc-ai/web-llm').catch((e: unknown) => {
    webLlmModule = undefined;
    throw new LlmError('unavailable', `WebLLM could not be loaded in this worker: ${e instanceof Error ? e.message : String(e)}`);
  });
  return webLlmModule;
}

/** WebLLM's prebuilt model list, unfiltered. */
export async function webLlmModelList(): Promise<readonly WebLlmModelRecord[]> {
  return (await loadWebLlm()).prebuiltAppConfig.model_list;
}

/** The worker's one engine cache, on the real WebLLM. */
const sharedEngines = new WebLlmEngines(async (onProgress) => {
  const webLlm = await loadWebLlm();
  return new webLlm.MLCEngine({
    // The Cache API refuses requests from chrome-extension:// pages and their workers; IndexedDB does not.
    appConfig: { ...webLlm.prebuiltAppConfig, cacheBackend: 'indexeddb' },
    initProgressCallback: onProgress,
    logLevel: 'WARN',
  });
});

/** The WebLLM engine's download/load state for the worker status, or null before first use. */
export function webLlmStatus(): LocalLlmStatus | null {
  return sharedEngines.status();
}

export interface WebLlmClientOptions {
  /** An id from WebLLM's prebuilt list, e.g. `Qwen2.5-1.5B-Instruct-q4f32_1-MLC`. */
  model: string;
  /** Default: the worker's shared engines. */
  engines?: WebLlmEngines;
  /** Default: this context's WebGPU adapter. */
  capabilities?: () => Promise<WebGpuCapabilities>;
  /** Default: WebLLM's prebuilt list. */
  modelList?: () => Promise<readonly WebLlmModelRecord[]>;
}

type OutputFormat = Completion['constrained'];

/**
 * Checks that the model can run here (WebGPU adapter, model in the filtered list) and
 * starts loading it; resolves at once, before the download. A download that fails
 * makes the first `complete` fail with the reason.
 */
export async function createWebLlmClient(options: WebLlmClientOptions): Promise<LlmClient> {
  const { model } = options;
  const adapter = await (options.capabilities ?? webGpuCapabilities)();
  if (adapter.kind === 'none') throw noWebGpuError();
  const shortfall = webLlmAdapterShortfall(adapter);
  if (shortfall) throw adapterTooSmallError(shortfall);
  const list = await (options.modelList ?? webLlmModelList)();
  const choices = supportedWebLlmModels(list, adapter);
  if (!choices.some((m) => m.id === model)) {
    const known = list.find((r) => r.model_id === model);
    throw unknownModelError(model, choices, known && whyModelUnsupported(known, adapter));
  }
  const lease = (options.engines ?? sharedEngines).acquire(model, adapter.kind === 'software' ? { warning: SOFTWARE_ADAPTER_WARNING } : {});
  /** Set once WebLLM refused the schema as a grammar: plain JSON mode from then on. */
  let schemaRefused = false;
  let disposed = false;

  async function generate(request: CompletionRequest, signal: AbortSignal | undefined): Promise<Completion> {
    const engine = await untilLoadedOrAborted(lease, signal);
    let format: OutputFormat = request.jsonSchema ? (schemaRefused ? 'json_object' : 'json_schema') : 'none';
    // WebLLM stops generating on interruptGenerate and answers with finish_reason 'abort'.
    const interrupt = () => void engine.interruptGenerate();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      let reply: ChatCompletion;
      try {
        reply = await engine.chat.completions.create(requestBody(model, request, format));
      } catch (e) {
        if (format !== 'json_schema' || !rejectsSchema(e)) throw e;
        schemaRefused = true;
        format = 'json_object';
        reply = await engine.chat.completions.create(requestBody(model, request, format));
      }
      if (signal?.aborted) throw abortedError(model);
      return completionOf(reply, format, model);
    } catch (e) {
      if (signal?.aborted) throw abortedError(model);
      throw webLlmGenerationError(model, e);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }

  return {
    id: `webllm:${model}`,
    async complete(request, signal) {
      if (disposed) throw new LlmError('aborted', `The WebLLM client for ${model} was closed.`);
      if (signal?.aborted) throw abortedError(model);
      return generate(request, signal);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      lease.release();
    },
  };
}

/** The loaded engine, or an 'aborted' error as soon as the signal fires (the load goes on for other runs). */
function untilLoadedOrAborted(lease: EngineLease, signal: AbortSignal | undefined) {
  if (!signal) return lease.ready;
  return new Promise<Awaited<EngineLease['ready']>>((resolve, reject) => {
    const onAbort = () => reject(abortedError(lease.modelId, true));
    signal.addEventListener('abort', onAbort, { once: true });
    lease.ready.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * `response_format` as WebLLM takes it: JSON mode, with the schema as a string when it
 * is to be enforced (WebLLM compiles it to a grammar).
 */
function requestBody(model: string, request: CompletionRequest, format: OutputFormat): ChatCompletionRequestNonStreaming {
  const body: ChatCompletionRequestNonStreaming = {
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: false,
  };
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (format === 'json_schema' && request.jsonSchema) {
    // `$schema` is metadata that schema-to-grammar converters may not know.
    const { $schema: _metadata, ...schema } = request.jsonSchema;
    body.response_format = { type: 'json_object', schema: JSON.stringify(schema) };
  } else if (format === 'json_object') {
    body.response_format = { type: 'json_object' };
  }
  // Qwen3 models think aloud first unless told not to; WebLLM allows this switch only for them.
  if (/^Qwen3/i.test(model)) body.extra_body = { enable_thinking: false };
  return body;
}

function completionOf(reply: ChatCompletion, constrained: OutputFormat, model: string): Completion {
  const choice = reply.choices[0];
  if (choice?.finish_reason === 'abort') throw abortedError(model);
  const text = choice?.message.content ?? '';
  if (!text.trim()) {
    const why = choice?.finish_reason === 'length' ? ': it ran out of tokens before writing anything' : '';
    throw new LlmError('bad_response', `${model} answered with empty text${why}.`);
  }
  const completion: Completion = { text, constrained };
  if (reply.usage) completion.usage = { promptTokens: reply.usage.prompt_tokens, completionTokens: reply.usage.completion_tokens };
  return completion;
}

function abortedError(model: string, whileLoading = false): LlmError {
  return new LlmError('aborted', whileLoading ? `Stopped while WebLLM was loading ${model}.` : `Stopped before ${model} answered.`);
}
