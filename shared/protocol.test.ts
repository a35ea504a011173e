import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type Envelope,
  ErrorCode,
  Messages,
  type MessageType,
  ProtocolError,
  type Reply,
  createRouter,
  envelope,
  isEnvelope,
  request,
  sentByPages,
  unwrapReply,
} from './protocol';

type Ctx = { sender: string };
const ctx: Ctx = { sender: 'tab-1' };

function errorOf(reply: Reply): { code: string; message: string } {
  if (reply.ok) throw new Error(`expected an error reply, got ${JSON.stringify(reply)}`);
  return reply.error;
}

async function rejectionOf(p: Promise<unknown>): Promise<ProtocolError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw new Error(`expected a ProtocolError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

function thrownBy(f: () => unknown): ProtocolError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw new Error(`expected a ProtocolError, got ${String(e)}`);
  }
  throw new Error('expected a throw');
}

describe('envelope and isEnvelope', () => {
  it('wraps a payload in the wire form', () => {
    expect(envelope('bg.observe', { tabId: 3 })).toEqual({ waymark: 1, type: 'bg.observe', payload: { tabId: 3 } });
    expect(isEnvelope(envelope('bg.ping', {}))).toBe(true);
  });

  it('recognises only objects with waymark: 1', () => {
    expect(isEnvelope({ waymark: 1 })).toBe(true);
    expect(isEnvelope({ waymark: 1, type: 42 })).toBe(true);
    for (const raw of [undefined, null, 1, 'waymark', true, [], {}, { waymark: '1' }, { waymark: 2 }, { waymark: true }, { type: 'bg.ping' }]) {
      expect(isEnvelope(raw), JSON.stringify(raw)).toBe(false);
    }
  });
});

describe('ProtocolError', () => {
  it('is an Error with a name and a code', () => {
    const e = new ProtocolError('timeout', 'too slow');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ProtocolError');
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('too slow');
  });

  it('has the eight documented codes', () => {
    expect(ErrorCode.options).toEqual([
      'malformed_message',
      'unknown_message',
      'invalid_payload',
      'invalid_response',
      'handler_error',
      'no_receiver',
      'forbidden',
      'timeout',
    ]);
  });
});

describe('createRouter', () => {
  const pingReply = { version: '1.2.3', browser: 'chrome' };

  it('runs the handler with the parsed payload and the context and returns its data', async () => {
    const seen: unknown[] = [];
    const route = createRouter<Ctx>({
      'bg.ping': (payload, c) => {
        seen.push(payload, c);
        return pingReply;
      },
    });
    expect(await route(envelope('bg.ping', {}), ctx)).toEqual({ ok: true, data: pingReply });
    expect(seen).toEqual([{}, ctx]);
  });

  it('refuses a message its sender may not send, before its handler runs, and says why', async () => {
    let ran = 0;
    const handlers = { 'bg.ping': () => (ran++, pingReply), 'bg.contentReady': () => (ran++, { recording: false }) };
    // As the background admits: a page's content script sends only what the protocol marks as sent by pages.
    const fromPage = createRouter<Ctx>(handlers, (type) => (sentByPages(type) ? undefined : "only the extension's own pages may send this"));
    expect(await fromPage(envelope('bg.ping', {}), ctx)).toEqual({ ok: false, error: { code: 'forbidden', message: "bg.ping: only the extension's own pages may send this" } });
    expect(ran).toBe(0);
    expect(await fromPage(envelope('bg.contentReady', {}), ctx)).toEqual({ ok: true, data: { recording: false } });
    expect((Object.keys(Messages) as MessageType[]).filter(sentByPages)).toEqual(['bg.recordEvent', 'bg.contentReady']);
  });

  it('awaits async handlers', async () => {
    const route = createRouter<Ctx>({ 'content.ping': async () => ({ url: 'https://x.test/', recording: false }) });
    expect(await route({ waymark: 1, type: 'content.ping', payload: {} }, ctx)).toEqual({
      ok: true,
      data: { url: 'https://x.test/', recording: false },
    });
  });

  it('treats a missing or null payload as {}', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    expect(await route({ waymark: 1, type: 'bg.ping' }, ctx)).toEqual({ ok: true, data: pingReply });
    expect(await route({ waymark: 1, type: 'bg.ping', payload: null }, ctx)).toEqual({ ok: true, data: pingReply });
  });

  it('strips unknown keys from the payload before the handler sees it', async () => {
    const handler = vi.fn(() => ({ recording: true as const }));
    const route = createRouter<Ctx>({ 'bg.recordStart': handler });
    const reply = await route({ waymark: 1, type: 'bg.recordStart', payload: { tabId: 7, extra: 'x' } }, ctx);
    expect(reply).toEqual({ ok: true, data: { recording: true } });
    expect(handler).toHaveBeenCalledWith({ tabId: 7 }, ctx);
  });

  it('strips unknown keys from the response', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => ({ ...pingReply, secret: 'leak' }) as typeof pingReply });
    expect(await route(envelope('bg.ping', {}), ctx)).toEqual({ ok: true, data: pingReply });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'bg.ping'],
    ['a number', 1],
    ['an array', [1]],
    ['an empty object', {}],
    ['a foreign message', { type: 'bg.ping', payload: {} }],
    ['a wrong version', { waymark: 2, type: 'bg.ping' }],
    ['a string version', { waymark: '1', type: 'bg.ping' }],
    ['a missing type', { waymark: 1, payload: {} }],
    ['a numeric type', { waymark: 1, type: 5 }],
    ['an object type', { waymark: 1, type: { toString: () => 'bg.ping' } }],
  ])('answers malformed_message to %s', async (_name, raw) => {
    const handler = vi.fn(() => pingReply);
    const route = createRouter<Ctx>({ 'bg.ping': handler });
    const error = errorOf(await route(raw, ctx));
    expect(error.code).toBe('malformed_message');
    expect(error.message).toMatch(/waymark: 1/);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers unknown_message to a type that does not exist', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    const error = errorOf(await route({ waymark: 1, type: 'bg.launchMissiles', payload: {} }, ctx));
    expect(error).toEqual({ code: 'unknown_message', message: 'no handler for message type "bg.launchMissiles" here' });
  });

  it('answers unknown_message to a known type this router does not handle', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    expect(errorOf(await route(envelope('content.ping', {}), ctx)).code).toBe('unknown_message');
  });

  it('answers unknown_message when the handler entry is explicitly undefined', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': undefined });
    expect(errorOf(await route(envelope('bg.ping', {}), ctx)).code).toBe('unknown_message');
  });

  it.each(['toString', 'valueOf', 'constructor', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__', ''])(
    'answers unknown_message to the prototype-ish type %j without crashing',
    async (type) => {
      const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
      const error = errorOf(await route({ waymark: 1, type, payload: {} }, ctx));
      expect(error.code).toBe('unknown_message');
      expect(error.message).toContain(JSON.stringify(type));
    },
  );

  it('never reaches a handler registered under a name that is not a message type', async () => {
    const stray = vi.fn(() => 'reached');
    const route = createRouter<Ctx>({ toString: stray, 'bg.nope': stray } as never);
    expect(errorOf(await route({ waymark: 1, type: 'toString', payload: {} }, ctx)).code).toBe('unknown_message');
    expect(errorOf(await route({ waymark: 1, type: 'bg.nope', payload: {} }, ctx)).code).toBe('unknown_message');
    expect(stray).not.toHaveBeenCalled();
  });

  it('answers unknown_message to __proto__ coming off the wire as an own key', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    const raw: unknown = JSON.parse('{"waymark":1,"type":"__proto__","payload":{"__proto__":{"polluted":true}}}');
    expect(errorOf(await route(raw, ctx)).code).toBe('unknown_message');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('answers invalid_payload naming the failing path', async () => {
    const handler = vi.fn(() => ({ ok: true, navigated: false, pageChanged: false, tookMs: 1 }));
    const route = createRouter<Ctx>({ 'content.act': handler });
    const error = errorOf(await route({ waymark: 1, type: 'content.act', payload: { action: { kind: 'click', index: -1 } } }, ctx));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toMatch(/^content\.act: action\.index: /);
    expect(handler).not.toHaveBeenCalled();
  });

  it('names a missing field and a wrongly typed one', async () => {
    const route = createRouter<Ctx>({ 'bg.observe': () => Promise.reject(new Error('unreachable')) });
    const missing = errorOf(await route({ waymark: 1, type: 'bg.observe', payload: {} }, ctx));
    expect(missing.code).toBe('invalid_payload');
    expect(missing.message).toMatch(/^bg\.observe: tabId: /);
    const wrong = errorOf(await route({ waymark: 1, type: 'bg.observe', payload: { tabId: 1, maxTextChars: 'lots' } }, ctx));
    expect(wrong.code).toBe('invalid_payload');
    expect(wrong.message).toMatch(/maxTextChars: /);
  });

  it('rejects extra keys on strict empty payloads, and non-object payloads', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    const extra = errorOf(await route({ waymark: 1, type: 'bg.ping', payload: { tabId: 1 } }, ctx));
    expect(extra.code).toBe('invalid_payload');
    expect(extra.message).toContain('tabId');
    expect(extra.message).toContain('(root)');
    expect(errorOf(await route({ waymark: 1, type: 'bg.ping', payload: 'hi' }, ctx)).code).toBe('invalid_payload');
    expect(errorOf(await route({ waymark: 1, type: 'bg.ping', payload: [] }, ctx)).code).toBe('invalid_payload');
  });

  it('names at most five issues', async () => {
    const route = createRouter<Ctx>({ 'bg.screenshot': () => Promise.reject(new Error('unreachable')), 'bg.recordEvent': () => ({ count: 0 }) });
    const three = errorOf(await route({ waymark: 1, type: 'bg.screenshot', payload: { tabId: -1, scale: 5, quality: 0 } }, ctx));
    expect(three.message.split('; ').map((m) => m.replace(/^bg\.screenshot: /, '').split(':')[0])).toEqual(['scale', 'quality', 'tabId']);
    // Nine issues (tag, role, name, four box fields, url, timestamp): only five are named.
    const step = { action: { kind: 'click', index: 0 }, target: { box: {} }, url: 1, timestamp: 'x' };
    const many = errorOf(await route({ waymark: 1, type: 'bg.recordEvent', payload: { step } }, ctx));
    expect(many.code).toBe('invalid_payload');
    expect(many.message.split('; ')).toHaveLength(5);
    expect(many.message).toMatch(/^bg\.recordEvent: step\./);
  });

  it('answers handler_error when the handler throws or rejects', async () => {
    const route = createRouter<Ctx>({
      'bg.ping': () => {
        throw new Error('boom');
      },
      'content.ping': async () => {
        throw new TypeError('async boom');
      },
      'bg.contentReady': () => {
        throw 'a bare string';
      },
    });
    expect(errorOf(await route(envelope('bg.ping', {}), ctx))).toEqual({ code: 'handler_error', message: 'bg.ping failed: boom' });
    expect(errorOf(await route(envelope('content.ping', {}), ctx))).toEqual({ code: 'handler_error', message: 'content.ping failed: async boom' });
    expect(errorOf(await route(envelope('bg.contentReady', {}), ctx))).toEqual({
      code: 'handler_error',
      message: 'bg.contentReady failed: a bare string',
    });
  });

  it('keeps the code of a ProtocolError thrown by the handler', async () => {
    const route = createRouter<Ctx>({
      'bg.observe': () => {
        throw new ProtocolError('no_receiver', 'no content script in tab 4');
      },
      'bg.act': async () => {
        throw new ProtocolError('timeout', 'page never settled');
      },
    });
    expect(errorOf(await route(envelope('bg.observe', { tabId: 4 }), ctx))).toEqual({ code: 'no_receiver', message: 'no content script in tab 4' });
    expect(errorOf(await route(envelope('bg.act', { tabId: 4, action: { kind: 'back' } }), ctx))).toEqual({
      code: 'timeout',
      message: 'page never settled',
    });
  });

  it('answers invalid_response when the handler returns off-schema data', async () => {
    const route = createRouter<Ctx>({
      'bg.ping': () => ({ version: 1 }) as never,
      'content.ping': () => undefined as never,
    });
    const bad = errorOf(await route(envelope('bg.ping', {}), ctx));
    expect(bad.code).toBe('invalid_response');
    expect(bad.message).toMatch(/^bg\.ping answered off-schema: /);
    expect(bad.message).toContain('version');
    expect(bad.message).toContain('browser');
    expect(errorOf(await route(envelope('content.ping', {}), ctx)).code).toBe('invalid_response');
  });

  it('never rejects, whatever it is given', async () => {
    const route = createRouter<Ctx>({ 'bg.ping': () => pingReply });
    const inputs: unknown[] = [Symbol('x'), () => 1, new Map(), Object.create(null), { waymark: 1, type: 'bg.ping', payload: Symbol('p') }];
    for (const raw of inputs) {
      const reply = await route(raw, ctx);
      expect(reply.ok).toBe(false);
    }
  });
});

describe('unwrapReply', () => {
  it('returns the validated data of an ok reply', () => {
    expect(unwrapReply('bg.ping', { ok: true, data: { version: 'v', browser: 'firefox', extra: 1 } })).toEqual({ version: 'v', browser: 'firefox' });
  });

  it('throws no_receiver for an undefined reply', () => {
    const e = thrownBy(() => unwrapReply('content.ping', undefined));
    expect(e.code).toBe('no_receiver');
    expect(e.message).toBe('content.ping: nobody answered');
  });

  it('throws the code and message of an error reply', () => {
    const e = thrownBy(() => unwrapReply('bg.act', { ok: false, error: { code: 'invalid_payload', message: 'bg.act: tabId: bad' } }));
    expect(e.code).toBe('invalid_payload');
    expect(e.message).toBe('bg.act: tabId: bad');
  });

  it.each([
    ['null', null],
    ['a string', 'ok'],
    ['a number', 0],
    ['an empty object', {}],
    ['a string ok', { ok: 'true', data: {} }],
  ])('throws invalid_response for %s', (_name, raw) => {
    expect(thrownBy(() => unwrapReply('bg.ping', raw)).code).toBe('invalid_response');
  });

  it('throws invalid_response for an error reply without a valid error', () => {
    expect(thrownBy(() => unwrapReply('bg.ping', { ok: false })).code).toBe('invalid_response');
    expect(thrownBy(() => unwrapReply('bg.ping', { ok: false, error: 'nope' })).code).toBe('invalid_response');
    expect(thrownBy(() => unwrapReply('bg.ping', { ok: false, error: { code: 'exploded', message: 'x' } })).code).toBe('invalid_response');
    expect(thrownBy(() => unwrapReply('bg.ping', { ok: false, error: { code: 'timeout' } })).code).toBe('invalid_response');
  });

  it('throws invalid_response naming the path when ok data is off-schema', () => {
    const e = thrownBy(() => unwrapReply('bg.recordEvent', { ok: true, data: { count: 'three' } }));
    expect(e.code).toBe('invalid_response');
    expect(e.message).toMatch(/^bg\.recordEvent: count: /);
  });
});

describe('request', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends an envelope through the transport and returns the data', async () => {
    const sent: Envelope[] = [];
    const data = await request(
      async (env) => {
        sent.push(env);
        return { ok: true, data: { recording: true } };
      },
      'bg.recordStart',
      { tabId: 9 },
    );
    expect(data).toEqual({ recording: true });
    expect(sent).toEqual([{ waymark: 1, type: 'bg.recordStart', payload: { tabId: 9 } }]);
  });

  it('throws no_receiver when nothing answers', async () => {
    const e = await rejectionOf(request(async () => undefined, 'content.ping', {}));
    expect(e.code).toBe('no_receiver');
  });

  it('throws a ProtocolError carrying the code of an error reply', async () => {
    const e = await rejectionOf(
      request(async () => ({ ok: false, error: { code: 'unknown_message', message: 'no handler here' } }), 'bg.ping', {}),
    );
    expect(e.code).toBe('unknown_message');
    expect(e.message).toBe('no handler here');
  });

  it('times out with code timeout when the transport never answers', async () => {
    vi.useFakeTimers();
    const pending = rejectionOf(request(() => new Promise(() => {}), 'bg.observe', { tabId: 1 }, 1_000));
    await vi.advanceTimersByTimeAsync(999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await pending;
    expect(e.code).toBe('timeout');
    expect(e.message).toBe('bg.observe: no reply within 1000 ms');
  });

  it('defaults to a 30 second timeout', async () => {
    vi.useFakeTimers();
    const pending = rejectionOf(request(() => new Promise(() => {}), 'bg.ping', {}));
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).code).toBe('timeout');
  });

  it('times out with real timers too', async () => {
    const e = await rejectionOf(request(() => new Promise(() => {}), 'bg.ping', {}, 10));
    expect(e.code).toBe('timeout');
  });

  it('clears its timer once answered', async () => {
    vi.useFakeTimers();
    await request(async () => ({ ok: true, data: { version: 'v', browser: 'b' } }), 'bg.ping', {}, 5_000);
    expect(vi.getTimerCount()).toBe(0);
    await rejectionOf(request(async () => undefined, 'bg.ping', {}, 5_000));
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets a transport failure through unchanged (callers map it)', async () => {
    const failure = new Error('Could not establish connection. Receiving end does not exist.');
    await expect(request(() => Promise.reject(failure), 'bg.ping', {})).rejects.toBe(failure);
  });

  it('round-trips through a router', async () => {
    const route = createRouter<Ctx>({
      'bg.recordEvent': (payload) => ({ count: payload.step.action.kind === 'click' ? 1 : 0 }),
      'bg.ping': () => {
        throw new Error('down');
      },
    });
    const transport = (env: Envelope) => route(env, ctx);
    const step = { action: { kind: 'click', index: 2 }, url: 'https://x.test/', timestamp: 1 } as const;
    expect(await request(transport, 'bg.recordEvent', { step })).toEqual({ count: 1 });
    const e = await rejectionOf(request(transport, 'bg.ping', {}));
    expect(e.code).toBe('handler_error');
    expect(e.message).toBe('bg.ping failed: down');
    const bad = await rejectionOf(request(transport, 'bg.recordEvent', { step: { ...step, url: 3 } } as never));
    expect(bad.code).toBe('invalid_payload');
    expect(bad.message).toContain('step.url');
  });
});

describe('Messages table', () => {
  it('has request and response schemas for every type', () => {
    for (const [type, spec] of Object.entries(Messages)) {
      expect(typeof spec.request.safeParse, type).toBe('function');
      expect(typeof spec.response.safeParse, type).toBe('function');
    }
    expect(Object.keys(Messages)).toContain('content.act');
    expect(Object.keys(Messages)).toContain('bg.workerStatus');
  });

  it('validates screenshots as JPEG data URLs with positive sizes', () => {
    const shot = { dataUrl: 'data:image/jpeg;base64,AAAA', width: 10, height: 20, bytes: 3 };
    expect(Messages['bg.screenshot'].response.safeParse(shot).success).toBe(true);
    expect(Messages['bg.screenshot'].response.safeParse({ ...shot, dataUrl: 'data:image/png;base64,AAAA' }).success).toBe(false);
    expect(Messages['bg.screenshot'].response.safeParse({ ...shot, width: 0 }).success).toBe(false);
    expect(Messages['bg.screenshot'].request.safeParse({ tabId: 1, scale: 0.05 }).success).toBe(false);
    expect(Messages['bg.screenshot'].request.safeParse({ tabId: 1, scale: 0.5, quality: 0.8 }).success).toBe(true);
  });
});
