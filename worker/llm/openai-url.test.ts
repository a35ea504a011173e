import { describe, expect, it } from 'vitest';
import { LlmError } from './llm-client';
import { normaliseOpenAiBaseUrl, openAiEndpoint } from './openai-url';

describe('normaliseOpenAiBaseUrl', () => {
  it.each([
    ['http://localhost:11434/v1', 'http://localhost:11434/v1'],
    ['http://localhost:11434/v1/', 'http://localhost:11434/v1'],
    ['  http://localhost:11434/v1//  ', 'http://localhost:11434/v1'],
    // A bare origin gets /v1, where Ollama, LM Studio, llama.cpp and vLLM serve the API.
    ['http://localhost:11434', 'http://localhost:11434/v1'],
    ['http://localhost:11434/', 'http://localhost:11434/v1'],
    // Pasted endpoints are cut back to their base.
    ['http://127.0.0.1:8080/v1/chat/completions', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/v1/chat/completions/', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/v1/models', 'http://127.0.0.1:8080/v1'],
    ['http://127.0.0.1:8080/chat/completions', 'http://127.0.0.1:8080/v1'],
    // Other paths are the hosted API's own, kept as given.
    ['https://api.groq.com/openai/v1', 'https://api.groq.com/openai/v1'],
    ['https://openrouter.ai/api/v1/', 'https://openrouter.ai/api/v1'],
    ['https://generativelanguage.googleapis.com/v1beta/openai/', 'https://generativelanguage.googleapis.com/v1beta/openai'],
    ['https://example.com/custom/path', 'https://example.com/custom/path'],
    ['HTTP://LocalHost:1234/v1#top', 'http://localhost:1234/v1'],
    ['https://example.openai.azure.com/openai/v1?api-version=preview', 'https://example.openai.azure.com/openai/v1?api-version=preview'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseOpenAiBaseUrl(input)).toBe(expected);
  });

  it.each([
    ['localhost:11434/v1', /start it with http:\/\/ or https:\/\//],
    ['127.0.0.1:8080', /start it with http:\/\/ or https:\/\//],
    ['', /not a URL/],
    ['ftp://example.com/v1', /ftp:\/\/ is not supported/],
    ['http://user:sk-123@example.com/v1', /API key field/],
    ['http://exa mple.com', /not a valid URL/],
  ])('refuses %j', (input, message) => {
    const attempt = () => normaliseOpenAiBaseUrl(input);
    expect(attempt).toThrow(LlmError);
    expect(attempt).toThrow(message);
  });

  it('never repeats credentials given in the URL', () => {
    expect(() => normaliseOpenAiBaseUrl('http://user:sk-123@example.com/v1')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('sk-123') }));
  });
});

describe('openAiEndpoint', () => {
  it('appends the endpoint to the path and keeps the query', () => {
    expect(openAiEndpoint('http://localhost:11434/v1', '/chat/completions')).toBe('http://localhost:11434/v1/chat/completions');
    expect(openAiEndpoint('https://x.azure.com/openai/v1?api-version=preview', '/models')).toBe('https://x.azure.com/openai/v1/models?api-version=preview');
  });
});
