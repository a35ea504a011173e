import { describe, expect, it } from 'vitest';
import { LlmError } from './llm-client';
import { NO_WEBGPU_MESSAGE, noWebGpuError, rejectsSchema, unknownModelError, webLlmGenerationError, webLlmLoadError } from './webllm-errors';

const MODEL = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const CONFIG_URL = `https://huggingface.co/mlc-ai/${MODEL}/resolve/main/mlc-chat-config.json`;
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('webLlmLoadError', () => {
  it.each([
    ['Chromium offline', `Failed to store ${CONFIG_URL} with error: TypeError: Failed to fetch`],
    ['Firefox offline', `Failed to store ${CONFIG_URL} with error: TypeError: NetworkError when attempting to fetch resource.`],
    ['the Cache API backend', `TypeError: Failed to fetch`],
  ])('%s: a download that cannot reach the host says WebLLM needs the network the first time', (_case, text) => {
    const error = webLlmLoadError(MODEL, new Error(text));
    expect(error).toBeInstanceOf(LlmError);
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`^Could not download the model ${MODEL} \\(`));
    expect(error.message).toContain('WebLLM needs network access the first time');
    expect(error.message).toContain('choose another policy (offline, or an OpenAI-compatible endpoint)');
  });

  it('names the host that failed', () => {
    expect(webLlmLoadError(MODEL, new Error(`Failed to store ${CONFIG_URL} with error: TypeError: Failed to fetch`)).message).toContain('(huggingface.co: no network connection to it)');
    const wasm = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/x.wasm';
    expect(webLlmLoadError(MODEL, new Error(`Failed to store ${wasm} with error: TypeError: Failed to fetch`)).message).toContain('(raw.githubusercontent.com:');
  });

  it('a host that answers with an error status is not "offline"', () => {
    const error = webLlmLoadError(MODEL, new Error(`Failed to store ${CONFIG_URL} with error: Error: Network response was not ok`));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(`Could not download the model ${MODEL} (huggingface.co refused the file): the host may be down, or the model moved. Try again later, or choose another policy (offline, or an OpenAI-compatible endpoint).`);
  });

  it('tells GPU problems apart', () => {
    expect(webLlmLoadError(MODEL, named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16')).message).toMatch(/pick a q4f32 model/);
    expect(webLlmLoadError(MODEL, named('DeviceLostError', 'The WebGPU device was lost')).message).toMatch(/smaller model/);
    expect(webLlmLoadError(MODEL, new Error('Unable to find a compatible GPU. This issue might be')).message).toMatch(/could not start WebGPU/);
  });

  it('keeps other failures, with the model named', () => {
    const error = webLlmLoadError(MODEL, new Error('something odd'));
    expect(error).toMatchObject({ code: 'unavailable', message: `WebLLM could not load the model ${MODEL}: something odd` });
  });

  it('passes LlmErrors through', () => {
    const original = new LlmError('aborted', 'x');
    expect(webLlmLoadError(MODEL, original)).toBe(original);
  });
});

describe('webLlmGenerationError', () => {
  it('maps what generation can throw', () => {
    expect(webLlmGenerationError(MODEL, named('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size: 5000 > 4096')).code).toBe('bad_response');
    expect(webLlmGenerationError(MODEL, named('DeviceLostError', 'lost')).code).toBe('unavailable');
    expect(webLlmGenerationError(MODEL, named('InvalidResponseFormatGrammarError', 'bad grammar')).code).toBe('bad_response');
    expect(webLlmGenerationError(MODEL, new Error('boom'))).toMatchObject({ code: 'server_error', message: expect.stringContaining(MODEL) });
  });
});

describe('rejectsSchema', () => {
  it('is true for WebLLM refusing the response format, and only then', () => {
    expect(rejectsSchema(named('InvalidResponseFormatGrammarError', 'x'))).toBe(true);
    expect(rejectsSchema(new Error('Failed to compile the JSON schema into a grammar'))).toBe(true);
    expect(rejectsSchema(named('ContextWindowSizeExceededError', 'too long'))).toBe(false);
  });
});

describe('clear errors before loading', () => {
  it('no adapter', () => {
    expect(noWebGpuError()).toMatchObject({ code: 'unavailable', message: NO_WEBGPU_MESSAGE });
    expect(NO_WEBGPU_MESSAGE).toBe('WebLLM needs WebGPU, and this browser has no WebGPU adapter. Choose another policy (offline, or an OpenAI-compatible endpoint).');
  });

  it('an unknown model names the choices', () => {
    const choices = Array.from({ length: 10 }, (_, i) => ({ id: `m${i}`, vramMB: 100 * i, contextWindow: 4096, lowResource: true }));
    const error = unknownModelError('nope', choices);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toBe('WebLLM has no model nope. Models this browser can run: m0 (0 MB), m1 (100 MB), m2 (200 MB), m3 (300 MB), m4 (400 MB), m5 (500 MB), m6 (600 MB), m7 (700 MB) and 2 more.');
    expect(unknownModelError('x-q4f16_1-MLC', choices.slice(0, 1), 'it is an f16 model').message).toBe("WebLLM's model x-q4f16_1-MLC cannot run here: it is an f16 model. Models this browser can run: m0 (0 MB).");
  });
});
