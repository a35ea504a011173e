import { describe, expect, it } from 'vitest';
import { mentionsModel, rejectsResponseFormat, saysModelNotFound, serverMessage } from './openai-errors';
import type { HttpReply } from './openai-http';

const reply = (status: number, body: unknown, contentType = 'application/json'): HttpReply => ({
  status,
  statusText: '',
  headers: new Headers({ 'content-type': contentType }),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('serverMessage', () => {
  it.each([
    ['OpenAI, Ollama, llama.cpp', { error: { message: 'bad thing', type: 'x' } }, 'bad thing'],
    ['LM Studio', { error: 'bad thing' }, 'bad thing'],
    ['vLLM', { object: 'error', message: 'bad thing', code: 400 }, 'bad thing'],
    ['FastAPI', { detail: 'bad thing' }, 'bad thing'],
    ['FastAPI validation', { detail: [{ loc: ['body', 'model'], msg: 'field required' }] }, '[{"loc":["body","model"],"msg":"field required"}]'],
    ['plain text', 'bad\n  thing', 'bad thing'],
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>', ''],
  ])('%s', (_server, body, expected) => {
    expect(serverMessage(reply(400, body))).toBe(expected);
  });

  it('shortens long messages', () => {
    expect(serverMessage(reply(500, { error: 'x'.repeat(1000) }))).toHaveLength(301);
  });
});

describe('mentionsModel', () => {
  it.each([
    ['model "qwen2.5:3b" not found, try pulling it first', 'qwen2.5:3b', true],
    ['The model `gpt-4o` does not exist.', 'gpt-4o', true],
    ['Model llama3 not found', 'llama3', true],
    ['The model `meta/llama3.1` does not exist', 'meta/llama3.1', true],
    ['no route /x/chat/completions', 'a', false],
    ['model "qwen2.5:3b-instruct" not found', 'qwen2.5:3b', false],
    ['model "qwen2.5:3b" not found', 'qwen2.5', false],
    ['model "llama3.2" not found', 'llama3', false],
  ])('%j names %j: %s', (text, model, expected) => {
    expect(mentionsModel(text, model)).toBe(expected);
  });
});

describe('saysModelNotFound', () => {
  it('is any 404, or a 4xx that calls the model unknown', () => {
    expect(saysModelNotFound(reply(404, 'Not Found', 'text/plain'), 'm')).toBe(true);
    expect(saysModelNotFound(reply(400, { error: { message: 'model "m" not found' } }), 'm')).toBe(true);
    expect(saysModelNotFound(reply(400, { error: { message: 'no', code: 'model_not_found' } }), 'm')).toBe(true);
    expect(saysModelNotFound(reply(400, { error: { message: 'messages: field required' } }), 'm')).toBe(false);
    expect(saysModelNotFound(reply(500, { error: { message: 'model "m" not found' } }), 'm')).toBe(false);
  });
});

describe('rejectsResponseFormat', () => {
  it('is a 4xx about the response format', () => {
    expect(rejectsResponseFormat(reply(400, { error: "'response_format.type' must be 'json_schema'" }))).toBe(true);
    expect(rejectsResponseFormat(reply(422, { detail: [{ loc: ['body', 'response_format', 'type'], msg: 'unexpected value' }] }))).toBe(true);
    expect(rejectsResponseFormat(reply(400, { error: { message: "Invalid schema for response_format 'response': 'required' is required" } }))).toBe(true);
    expect(rejectsResponseFormat(reply(400, { error: { message: 'maximum context length is 4096 tokens' } }))).toBe(false);
    expect(rejectsResponseFormat(reply(500, { error: { message: 'json_schema crashed the sampler' } }))).toBe(false);
  });
});
