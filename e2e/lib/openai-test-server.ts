// A loopback server that speaks the OpenAI chat-completions protocol, for tests of the
// OpenAI-compatible provider: unit tests call it from Node, end-to-end tests from the
// extension's worker (hence the CORS headers). Replies are scripted (a queue, then a
// responder function); server-wide options imitate real servers' behaviour: an API
// key, no `json_schema` support (older servers), no `json_object` (LM Studio), a fixed
// model list (an unknown model gets a 404 like Ollama's and vLLM's). Every request is
// recorded for assertions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatCompletionBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
  max_tokens?: number;
  temperature?: number;
  stream?: boolean;
  [key: string]: unknown;
}

/** One scripted answer to a chat-completions request. */
export type TestReply =
  /** A successful completion whose message content is `content`. */
  | { kind: 'completion'; content: string; finishReason?: string; usage?: { promptTokens: number; completionTokens: number } | null }
  /** Any HTTP answer: an object body is sent as JSON, a string as is. */
  | { kind: 'http'; status: number; body: unknown; headers?: Record<string, string> }
  /** `reply`, after `ms` (longer than the client's timeout to test timeouts). */
  | { kind: 'delay'; ms: number; reply: TestReply }
  /** The connection is closed without an answer. */
  | { kind: 'drop' };

export const completion = (content: string, extra: { finishReason?: string; usage?: { promptTokens: number; completionTokens: number } | null } = {}): TestReply => ({
  kind: 'completion',
  content,
  ...extra,
});
/** A completion whose content is `value` as JSON. */
export const jsonCompletion = (value: unknown): TestReply => completion(JSON.stringify(value));
/** An OpenAI-style error body: `{ error: { message, type, code } }`. */
export const httpError = (status: number, message: string, headers: Record<string, string> = {}): TestReply => ({
  kind: 'http',
  status,
  body: { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null } },
  headers,
});
/** 429, with a Retry-After header when `retryAfterSeconds` is given. */
export const rateLimited = (retryAfterSeconds?: number): TestReply =>
  httpError(429, 'Rate limit reached, please slow down', retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) });
export const serverError = (message = 'internal error'): TestReply => httpError(500, message);
/** A 200 whose body is not JSON (a proxy's HTML page, a wrong URL served by a web app). */
export const notJson = (body = '<!doctype html><html><body>Welcome to nginx!</body></html>'): TestReply => ({
  kind: 'http',
  status: 200,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8' },
});
export const delayed = (ms: number, reply: TestReply): TestReply => ({ kind: 'delay', ms, reply });
export const dropConnection = (): TestReply => ({ kind: 'drop' });

export interface OpenAiTestServerOptions {
  /** Served by /v1/models; a chat request for another model gets a 404. Default ['test-model']. */
  models?: string[];
  /** When set, every /v1 request needs `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** Answer 400 to `response_format: {type: 'json_schema'}`, like servers that predate it. */
  rejectJsonSchema?: boolean;
  /** Answer 400 to `response_format: {type: 'json_object'}`, like LM Studio. */
  rejectJsonObject?: boolean;
  /** Answers chat requests once the queue is empty. Without one, an empty queue answers 500. */
  respond?: (body: ChatCompletionBody) => TestReply | Promise<TestReply>;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined (none, or not JSON: see `rawBody`). */
  body: unknown;
  rawBody: string;
}

export interface OpenAiTestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `http://127.0.0.1:<port>/v1`: what a user types as the base URL. */
  baseUrl: string;
  /** Every request so far, preflights included, in arrival order. */
  requests: RecordedRequest[];
  /** The bodies of the chat-completions requests (POST) so far. */
  chatRequests(): ChatCompletionBody[];
  /** Adds replies for the next chat requests, in order. Requests refused by the options do not use one. */
  enqueue(...replies: TestReply[]): void;
  close(): Promise<void>;
}

export async function startOpenAiTestServer(options: OpenAiTestServerOptions = {}): Promise<OpenAiTestServer> {
  const models = options.models ?? ['test-model'];
  const queue: TestReply[] = [];
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req);
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body: parseJson(rawBody), rawBody });
    setCorsHeaders(req, res);
    if (req.method === 'OPTIONS') {
      if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('access-control-allow-private-network', 'true');
      res.writeHead(204).end();
      return;
    }
    const route = new URL(path, 'http://127.0.0.1').pathname.replace(/\/+$/, '');
    if (!route.startsWith('/v1/')) return send(res, { kind: 'http', status: 404, body: { error: `no route ${route}` } });
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      // OpenAI echoes a masked key back; the client must not pass it on.
      const given = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      return send(res, httpError(401, given ? `Incorrect API key provided: ${given}. You can find your API key in your account.` : 'You did not provide an API key.'));
    }
    if (route === '/v1/models' && req.method === 'GET') {
      return send(res, { kind: 'http', status: 200, body: { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) } });
    }
    if (route !== '/v1/chat/completions' || req.method !== 'POST') return send(res, { kind: 'http', status: 404, body: { error: `no route ${req.method} ${route}` } });
    const body = parseJson(rawBody) as ChatCompletionBody | undefined;
    const refusal = refuse(body);
    if (refusal) return send(res, refusal);
    const reply = queue.shift() ?? (options.respond ? await options.respond(body!) : httpError(500, 'openai-test-server: no reply scripted for this request'));
    await send(res, reply, body!.model);
  };

  /** What a real server would refuse before generating anything. */
  const refuse = (body: ChatCompletionBody | undefined): TestReply | undefined => {
    if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages)) return httpError(400, 'the body must be JSON with "model" and "messages"');
    if (body.stream) return httpError(400, 'openai-test-server does not stream');
    if (!models.includes(body.model)) return httpError(404, `The model \`${body.model}\` does not exist.`);
    const format = body.response_format?.type;
    if (format === 'json_schema' && options.rejectJsonSchema) return httpError(400, "Unsupported response_format type 'json_schema': use 'json_object' or 'text'");
    // LM Studio's wording and shape (a string, not an object).
    if (format === 'json_object' && options.rejectJsonObject) return { kind: 'http', status: 400, body: { error: "'response_format.type' must be 'json_schema'" } };
    return undefined;
  };

  const send = async (res: ServerResponse, reply: TestReply, model = ''): Promise<void> => {
    switch (reply.kind) {
      case 'drop':
        res.socket?.destroy();
        return;
      case 'delay':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, reply.ms);
          timers.add(timer);
        });
        if (res.destroyed || res.socket?.destroyed) return;
        return send(res, reply.reply, model);
      case 'http': {
        const isText = typeof reply.body === 'string';
        const text = isText ? (reply.body as string) : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json', ...reply.headers });
        res.end(text);
        return;
      }
      case 'completion': {
        const usage = reply.usage === null ? undefined : (reply.usage ?? { promptTokens: 10, completionTokens: Math.ceil(reply.content.length / 4) });
        const body = {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: reply.finishReason ?? 'stop' }],
          ...(usage ? { usage: { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens } } : {}),
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/chat/completions')).map((r) => r.body as ChatCompletionBody),
    enqueue: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The extension's worker calls from its own origin (chrome-extension://…, moz-extension://…)
 * with Authorization and Content-Type, so it needs a preflight and, on every answer (errors
 * included, else the browser hides the status), these headers. Retry-After is not a
 * CORS-safelisted response header: without Expose-Headers the client could not read it.
 */
function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'Authorization, Content-Type, Accept');
  res.setHeader('access-control-expose-headers', 'Retry-After');
  res.setHeader('access-control-max-age', '600');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
