// The OpenAI-compatible client against a real loopback server that speaks the protocol
// (e2e/lib/openai-test-server.ts), through Node's real fetch: structured output and its
// fallbacks, the errors a user meets, retries, timeouts and aborts.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  completion,
  delayed,
  dropConnection,
  httpError,
  jsonCompletion,
  notJson,
  type OpenAiTestServer,
  type OpenAiTestServerOptions,
  rateLimited,
  serverError,
  startOpenAiTestServer,
} from '../../e2e/lib/openai-test-server';
import type { CompletionRequest } from '../../shared/llm';
import { AgentOutput } from '../../shared/model';
import { LlmError, type LlmErrorCode } from './llm-client';
import { createOpenAiClient, listModels, type OpenAiClientOptions } from './openai-client';

const AGENT_OUTPUT_SCHEMA = z.toJSONSchema(AgentOutput, { target: 'draft-7' }) as Record<string, unknown>;
const OUTPUT: AgentOutput = {
  evaluation: 'The search page is open.',
  nextGoal: 'Search for the order',
  actions: [{ kind: 'type', index: 3, text: 'order 1234', enter: true, intent: 'search the order' }],
};
const STEP_REQUEST: CompletionRequest = {
  messages: [
    { role: 'system', content: 'You are a web agent. Answer with JSON.' },
    { role: 'user', content: 'Task: find order 1234.' },
  ],
  jsonSchema: AGENT_OUTPUT_SCHEMA,
  maxTokens: 400,
  temperature: 0,
};
const PLAIN_REQUEST: CompletionRequest = { messages: [{ role: 'user', content: 'Say hi' }] };

let servers: OpenAiTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function start(options: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const server = await startOpenAiTestServer(options);
  servers.push(server);
  return server;
}

function client(server: OpenAiTestServer, options: Partial<OpenAiClientOptions> = {}) {
  return createOpenAiClient({ baseUrl: server.baseUrl, model: 'test-model', retryDelayMs: 1, ...options });
}

/** The LlmError a promise rejects with (fails the test if it resolves or throws something else). */
async function llmError(promise: Promise<unknown>, code: LlmErrorCode): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  expect((error as LlmError).code, (error as LlmError).message).toBe(code);
  return error as LlmError;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('structured completions', () => {
  it('sends the model, the messages and the AgentOutput JSON Schema, and returns the text with usage', async () => {
    const server = await start();
    server.enqueue(completion(JSON.stringify(OUTPUT), { usage: { promptTokens: 321, completionTokens: 45 } }));

    const result = await client(server).complete(STEP_REQUEST);

    expect(result).toEqual({ text: JSON.stringify(OUTPUT), constrained: 'json_schema', usage: { promptTokens: 321, completionTokens: 45 } });
    expect(AgentOutput.parse(JSON.parse(result.text))).toEqual(OUTPUT);
    const [sent] = server.chatRequests();
    expect(sent).toMatchObject({ model: 'test-model', messages: STEP_REQUEST.messages, max_tokens: 400, temperature: 0, stream: false });
    const { $schema: _metadata, ...schemaWithoutMetadata } = AGENT_OUTPUT_SCHEMA;
    expect(sent!.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', strict: true, schema: schemaWithoutMetadata } });
    expect(Object.keys((sent!.response_format!.json_schema!.schema as { properties: object }).properties)).toEqual(['evaluation', 'notes', 'nextGoal', 'actions']);
    const headers = server.requests[0]!.headers;
    expect(headers['content-type']).toBe('application/json');
    expect(headers.authorization).toBeUndefined();
  });

  it('sends the API key as a bearer token when one is set', async () => {
    const server = await start({ apiKey: 'sk-local-123' });
    server.enqueue(jsonCompletion(OUTPUT));
    await expect(client(server, { apiKey: 'sk-local-123' }).complete(STEP_REQUEST)).resolves.toMatchObject({ constrained: 'json_schema' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-local-123');
  });

  it('sends no response_format when the request has no schema', async () => {
    const server = await start();
    server.enqueue(completion('hi'), jsonCompletion(OUTPUT));
    const llm = client(server);
    expect(await llm.complete(PLAIN_REQUEST)).toMatchObject({ text: 'hi', constrained: 'none' });
    expect(server.chatRequests()[0]).not.toHaveProperty('response_format');
    // A request without a schema says nothing about what the server supports.
    expect(await llm.complete(STEP_REQUEST)).toMatchObject({ constrained: 'json_schema' });
  });

  it('falls back from json_schema to json_object on a server that refuses json_schema, and remembers it', async () => {
    const server = await start({ rejectJsonSchema: true });
    server.enqueue(jsonCompletion(OUTPUT), jsonCompletion(OUTPUT));
    const llm = client(server);

    expect(await llm.complete(STEP_REQUEST)).toMatchObject({ constrained: 'json_object' });
    expect(await llm.complete(STEP_REQUEST)).toMatchObject({ constrained: 'json_object' });
    expect(server.chatRequests().map((r) => r.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });

  it('falls back to no response_format when the server refuses both formats, and remembers it', async () => {
    const server = await start({ rejectJsonSchema: true, rejectJsonObject: true });
    server.enqueue(jsonCompletion(OUTPUT), jsonCompletion(OUTPUT));
    const llm = client(server);

    expect(await llm.complete(STEP_REQUEST)).toEqual({ text: JSON.stringify(OUTPUT), constrained: 'none', usage: expect.any(Object) });
    expect(await llm.complete(STEP_REQUEST)).toMatchObject({ constrained: 'none' });
    expect(server.chatRequests().map((r) => r.response_format?.type ?? 'none')).toEqual(['json_schema', 'json_object', 'none', 'none']);
  });

  it('leaves usage out when the server reports none, and reads content given as text parts', async () => {
    const server = await start();
    server.enqueue(completion('plain', { usage: null }), {
      kind: 'http',
      status: 200,
      body: { choices: [{ index: 0, message: { role: 'assistant', content: [{ type: 'text', text: '{"a":' }, { type: 'text', text: '1}' }] } }] },
    });
    const llm = client(server);
    expect(await llm.complete(PLAIN_REQUEST)).toEqual({ text: 'plain', constrained: 'none' });
    expect(await llm.complete(PLAIN_REQUEST)).toEqual({ text: '{"a":1}', constrained: 'none' });
  });
});

describe('errors a user meets', () => {
  it('401: unauthorized, without the key in the message even when the server echoes it', async () => {
    const server = await start({ apiKey: 'sk-right-key' });
    const error = await llmError(client(server, { apiKey: 'sk-wrong-secret-987' }).complete(STEP_REQUEST), 'unauthorized');
    expect(error.message).toMatch(/refused the API key/);
    expect(error.message).not.toContain('sk-wrong-secret-987');
    expect(server.requests).toHaveLength(1); // never retried
  });

  it('401 without a key: says a key may be needed', async () => {
    const server = await start({ apiKey: 'sk-right-key' });
    const error = await llmError(client(server).complete(STEP_REQUEST), 'unauthorized');
    expect(error.message).toMatch(/may need an API key/);
  });

  it('a key that the server echoes in another error is masked', async () => {
    const server = await start();
    server.enqueue(httpError(400, 'Bad header: Bearer sk-secret-555 is malformed'));
    const error = await llmError(client(server, { apiKey: 'sk-secret-555' }).complete(PLAIN_REQUEST), 'server_error');
    expect(error.message).toContain('Bearer [API key] is malformed');
    expect(error.message).not.toContain('sk-secret-555');
  });

  it('404 for the model: model_not_found, listing the models the server has', async () => {
    const server = await start({ models: ['llama3.2:3b', 'qwen2.5:3b-instruct'] });
    const error = await llmError(client(server, { model: 'qwen2.5:7b' }).complete(STEP_REQUEST), 'model_not_found');
    expect(error.message).toBe(`The endpoint ${server.baseUrl} has no model "qwen2.5:7b". Available: llama3.2:3b, qwen2.5:3b-instruct.`);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/chat/completions', 'GET /v1/models']);
  });

  it('a 400 naming the model as unknown is model_not_found too', async () => {
    const server = await start({ models: ['a', 'b'] });
    server.enqueue(httpError(400, 'model "test-model" not found, try pulling it first'));
    const error = await llmError(client(server).complete(PLAIN_REQUEST), 'model_not_found');
    expect(error.message).toContain('Available: a, b.');
  });

  it.each(['test-model', 'a'])('a base URL without the API behind it: says to check the base URL (model %j)', async (model) => {
    const server = await start({ models: [model] });
    const error = await llmError(createOpenAiClient({ baseUrl: `${server.origin}/api`, model, retryDelayMs: 1 }).complete(STEP_REQUEST), 'unreachable');
    expect(error.message).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api does not look like an OpenAI-compatible API .*check the base URL/);
  });

  it('429 with Retry-After: waits as long as asked, then succeeds', async () => {
    const server = await start();
    server.enqueue(rateLimited(1), jsonCompletion(OUTPUT));
    const started = performance.now();
    expect(await client(server, { retryDelayMs: 1 }).complete(STEP_REQUEST)).toMatchObject({ constrained: 'json_schema' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('429 asking for a longer wait than allowed: rate_limited at once', async () => {
    const server = await start();
    server.enqueue(rateLimited(120));
    const started = performance.now();
    const error = await llmError(client(server).complete(STEP_REQUEST), 'rate_limited');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.message).toBe('The endpoint is limiting requests (HTTP 429 Too Many Requests): Rate limit reached, please slow down. Try again in 120 s.');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('429 on every attempt: rate_limited after the retries', async () => {
    const server = await start();
    server.enqueue(rateLimited(), rateLimited(), rateLimited(), jsonCompletion(OUTPUT));
    const error = await llmError(client(server, { retries: 2 }).complete(STEP_REQUEST), 'rate_limited');
    expect(error.message).toMatch(/after 3 attempts/);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('500 is retried: success when the server recovers', async () => {
    const server = await start();
    server.enqueue(serverError(), serverError(), jsonCompletion(OUTPUT));
    expect(await client(server, { retries: 2 }).complete(STEP_REQUEST)).toMatchObject({ text: JSON.stringify(OUTPUT) });
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('500 on every attempt: server_error with the server message after the retries', async () => {
    const server = await start();
    server.enqueue(serverError('CUDA out of memory'), serverError('CUDA out of memory'), serverError('CUDA out of memory'), jsonCompletion(OUTPUT));
    const error = await llmError(client(server, { retries: 2 }).complete(STEP_REQUEST), 'server_error');
    expect(error.message).toBe('The endpoint failed (HTTP 500 Internal Server Error) after 3 attempts: CUDA out of memory');
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('other 4xx answers are reported at once, with the server message', async () => {
    const server = await start();
    server.enqueue(httpError(400, "This model's maximum context length is 4096 tokens"), jsonCompletion(OUTPUT));
    const error = await llmError(client(server).complete(PLAIN_REQUEST), 'server_error');
    expect(error.message).toContain('maximum context length is 4096 tokens');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('no answer within the timeout: timeout, not retried', async () => {
    const server = await start();
    server.enqueue(delayed(3_000, jsonCompletion(OUTPUT)), jsonCompletion(OUTPUT));
    const started = performance.now();
    const error = await llmError(client(server, { timeoutMs: 200 }).complete(STEP_REQUEST), 'timeout');
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(error.message).toMatch(/within 200 ms/);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('the caller aborts a request in flight: aborted', async () => {
    const server = await start();
    server.enqueue(delayed(3_000, jsonCompletion(OUTPUT)));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await llmError(client(server).complete(STEP_REQUEST, controller.signal), 'aborted');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('the caller aborts while the client waits to retry: aborted, no further attempt', async () => {
    const server = await start();
    server.enqueue(serverError(), jsonCompletion(OUTPUT));
    const controller = new AbortController();
    const pending = client(server, { retryDelayMs: 5_000 }).complete(STEP_REQUEST, controller.signal);
    setTimeout(() => controller.abort(), 200);
    await llmError(pending, 'aborted');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const server = await start();
    await llmError(client(server).complete(STEP_REQUEST, AbortSignal.abort()), 'aborted');
    expect(server.requests).toHaveLength(0);
  });

  it('dispose stops the requests in flight', async () => {
    const server = await start();
    server.enqueue(delayed(3_000, jsonCompletion(OUTPUT)));
    const llm = client(server);
    const pending = llm.complete(STEP_REQUEST);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await llm.dispose();
    await llmError(pending, 'aborted');
    await llmError(llm.complete(STEP_REQUEST), 'aborted');
  });

  it('connection refused: unreachable, after retrying', async () => {
    const port = await closedPort();
    const error = await llmError(createOpenAiClient({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', retryDelayMs: 1 }).complete(STEP_REQUEST), 'unreachable');
    expect(error.message).toMatch(new RegExp(`^Could not reach http://127\\.0\\.0\\.1:${port}/v1: is the server running\\? \\(.*ECONNREFUSED`));
  });

  it('a dropped connection is retried', async () => {
    const server = await start();
    server.enqueue(dropConnection(), jsonCompletion(OUTPUT));
    expect(await client(server).complete(STEP_REQUEST)).toMatchObject({ constrained: 'json_schema' });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('connections dropped every time: unreachable', async () => {
    const server = await start();
    server.enqueue(dropConnection(), dropConnection(), dropConnection(), jsonCompletion(OUTPUT));
    await llmError(client(server, { retries: 2 }).complete(STEP_REQUEST), 'unreachable');
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('a body that is not JSON: bad_response naming what came back', async () => {
    const server = await start();
    server.enqueue(notJson());
    const error = await llmError(client(server).complete(STEP_REQUEST), 'bad_response');
    expect(error.message).toMatch(/not JSON \(text\/html: "<!doctype html><html><body>Welcome to nginx/);
  });

  it('JSON without choices, or with empty content: bad_response', async () => {
    const server = await start();
    server.enqueue({ kind: 'http', status: 200, body: { object: 'chat.completion', choices: [] } }, completion(''), completion('  ', { finishReason: 'length' }));
    const llm = client(server);
    expect((await llmError(llm.complete(PLAIN_REQUEST), 'bad_response')).message).toMatch(/no choices/);
    expect((await llmError(llm.complete(PLAIN_REQUEST), 'bad_response')).message).toBe('The model answered with empty text.');
    expect((await llmError(llm.complete(PLAIN_REQUEST), 'bad_response')).message).toMatch(/ran out of tokens/);
  });
});

describe('base URL', () => {
  it.each([
    ['bare origin', (s: OpenAiTestServer) => s.origin],
    ['bare origin with a slash', (s: OpenAiTestServer) => `${s.origin}/`],
    ['with /v1/', (s: OpenAiTestServer) => `${s.baseUrl}/`],
    ['the pasted endpoint', (s: OpenAiTestServer) => `${s.baseUrl}/chat/completions`],
  ])('%s reaches {origin}/v1/chat/completions', async (_case, baseUrl) => {
    const server = await start();
    server.enqueue(jsonCompletion(OUTPUT));
    const llm = createOpenAiClient({ baseUrl: baseUrl(server), model: 'test-model' });
    expect(llm.id).toBe(`openai:test-model@${server.baseUrl}`);
    await llm.complete(STEP_REQUEST);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
  });
});

describe('listModels', () => {
  it('lists the ids the server offers, with the key', async () => {
    const server = await start({ models: ['llama3.2:3b', 'phi3:mini'], apiKey: 'k-1' });
    expect(await listModels({ baseUrl: server.origin, apiKey: 'k-1' })).toEqual(['llama3.2:3b', 'phi3:mini']);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('reports a refused key and an unreachable server', async () => {
    const server = await start({ apiKey: 'k-1' });
    const refused = await llmError(listModels({ baseUrl: server.baseUrl, apiKey: 'k-2' }), 'unauthorized');
    expect(refused.message).not.toContain('k-2');
    await llmError(listModels({ baseUrl: `http://127.0.0.1:${await closedPort()}` }), 'unreachable');
  });
});

describe('the test server, as a browser sees it', () => {
  it('answers preflights and errors with CORS headers that allow the key and expose Retry-After', async () => {
    const server = await start({ apiKey: 'k' });
    const preflight = await fetch(`${server.baseUrl}/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await fetch(`${server.baseUrl}/models`, { headers: { origin: 'moz-extension://xyz' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('moz-extension://xyz');
    expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});
