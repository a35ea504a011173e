// The one message protocol between popup, content scripts, background and the
// worker host. Every message is validated on receipt; a malformed or unknown one
// gets a clear error reply, never a crash or a hang.
import { z } from 'zod';
import { Action, ActionResult } from './actions';
import { Observation } from './observation';
import { RecordedStep } from './model';
import { RecordingStep } from './recording';

const tabId = z.number().int().nonnegative();

export const ScreenshotOptions = z.object({
  /** 0.1–1: fraction of the captured size (device pixels). */
  scale: z.number().min(0.1).max(1).optional(),
  /** JPEG quality, 0–1. */
  quality: z.number().min(0.1).max(1).optional(),
});
export type ScreenshotOptions = z.infer<typeof ScreenshotOptions>;

export const Screenshot = z.object({
  dataUrl: z.string().startsWith('data:image/jpeg'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
});
export type Screenshot = z.infer<typeof Screenshot>;

export const WorkerStatus = z.object({ version: z.string(), host: z.string(), uptimeMs: z.number() });
export type WorkerStatus = z.infer<typeof WorkerStatus>;

const empty = z.object({}).strict();

/**
 * Request and response schema of every message, by type. `sentBy: 'page'` marks the
 * background's messages a content script sends from a web page; every other one the
 * background takes only from the extension's own pages (popup, offscreen host, tools).
 */
export const Messages = {
  // Handled by the content script of a tab.
  'content.ping': { request: empty, response: z.object({ url: z.string(), recording: z.boolean() }) },
  'content.observe': { request: z.object({ maxTextChars: z.number().int().positive().optional() }), response: Observation },
  'content.act': { request: z.object({ action: Action }), response: ActionResult },
  'content.recordStart': { request: empty, response: z.object({ recording: z.literal(true) }) },
  'content.recordStop': { request: empty, response: z.object({ recording: z.literal(false) }) },
  /** One step of a Recorder recording, performed in the page; returned as record mode keeps a step (null: nothing to keep). */
  'content.performRecordingStep': { request: z.object({ step: RecordingStep }), response: z.object({ recorded: RecordedStep.nullable() }) },

  // Handled by the background.
  'bg.ping': { request: empty, response: z.object({ version: z.string(), browser: z.string() }) },
  'bg.observe': { request: z.object({ tabId, maxTextChars: z.number().int().positive().optional() }), response: Observation },
  'bg.act': { request: z.object({ tabId, action: Action }), response: ActionResult },
  'bg.screenshot': { request: ScreenshotOptions.extend({ tabId }), response: Screenshot },
  /** `task`: what the user says they are about to do, kept with the recording until it stops. */
  'bg.recordStart': { request: z.object({ tabId, task: z.string().max(5_000).optional() }), response: z.object({ recording: z.literal(true) }) },
  'bg.recordStop': { request: z.object({ tabId }), response: z.object({ steps: z.array(RecordedStep), task: z.string().nullable() }) },
  /** Whether a tab is being recorded (the popup closes while the user demonstrates). */
  'bg.recordStatus': { request: z.object({ tabId }), response: z.object({ recording: z.boolean(), steps: z.number().int(), task: z.string().nullable() }) },
  /** Sent by a content script in record mode; the tab comes from the sender. */
  'bg.recordEvent': { request: z.object({ step: RecordedStep }), response: z.object({ count: z.number() }), sentBy: 'page' },
  /** A content script announcing itself after a page load; tells it whether to record. */
  'bg.contentReady': { request: empty, response: z.object({ recording: z.boolean() }), sentBy: 'page' },
  'bg.workerStatus': { request: empty, response: WorkerStatus },
  /** A run's secrets held in session storage (null: let go), for a restarted worker; extension pages only. */
  'bg.holdSecrets': { request: z.object({ runId: z.string().min(1).max(100), values: z.array(z.string().max(10_000)).max(100).nullable() }), response: z.object({ held: z.number().int() }) },
  'bg.heldSecrets': { request: z.object({ runId: z.string().min(1).max(100) }), response: z.object({ values: z.array(z.string()).nullable() }) },
  /** One step of a Recorder recording, performed on the tab (navigate by the background, the rest in the page). */
  'bg.performRecordingStep': { request: z.object({ tabId, step: RecordingStep }), response: z.object({ recorded: RecordedStep.nullable() }) },
} as const;

export type MessageType = keyof typeof Messages;
export type RequestOf<T extends MessageType> = z.infer<(typeof Messages)[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<(typeof Messages)[T]['response']>;

/** Wire form of a request. */
export interface Envelope<T extends MessageType = MessageType> {
  waymark: 1;
  type: T;
  payload: RequestOf<T>;
}

export const ErrorCode = z.enum([
  'malformed_message', // not an envelope at all
  'unknown_message', // an envelope with a type nobody handles
  'invalid_payload', // known type, payload fails its schema
  'invalid_response', // the handler answered something off-schema
  'handler_error', // the handler threw
  'no_receiver', // nothing listening (e.g. no content script in the tab)
  'forbidden', // this sender may not send this message (a web page's content script asking for another tab)
  'timeout',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;
const ReplyError = z.object({ code: ErrorCode, message: z.string() });

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

export function envelope<T extends MessageType>(type: T, payload: RequestOf<T>): Envelope<T> {
  return { waymark: 1, type, payload };
}

function errorReply(code: ErrorCode, message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** True if `raw` looks like one of ours (so other extensions' messages are left alone). */
export function isEnvelope(raw: unknown): raw is { waymark: 1; type: unknown; payload?: unknown } {
  return typeof raw === 'object' && raw !== null && (raw as { waymark?: unknown }).waymark === 1;
}

export type Handler<T extends MessageType, Ctx> = (payload: RequestOf<T>, ctx: Ctx) => Promise<ResponseOf<T>> | ResponseOf<T>;
export type Handlers<Ctx> = { [T in MessageType]?: Handler<T, Ctx> };

/** Whether a content script in a web page sends this message (see `Messages`). */
export function sentByPages(type: MessageType): boolean {
  const spec = Messages[type];
  return 'sentBy' in spec && spec.sentBy === 'page';
}

/**
 * Turns a table of handlers into one function that validates a raw message,
 * runs its handler and always resolves to a Reply. `admit` may refuse a known
 * message for its sender (the reason is the reply's `forbidden` error).
 */
export function createRouter<Ctx>(handlers: Handlers<Ctx>, admit?: (type: MessageType, ctx: Ctx) => string | undefined): (raw: unknown, ctx: Ctx) => Promise<Reply> {
  return async (raw, ctx) => {
    if (!isEnvelope(raw) || typeof raw.type !== 'string') {
      return errorReply('malformed_message', 'expected { waymark: 1, type: string, payload: object }');
    }
    const type = raw.type as MessageType;
    const spec = Object.hasOwn(Messages, type) ? Messages[type] : undefined;
    const handler = Object.hasOwn(handlers, type) ? (handlers[type] as Handler<MessageType, Ctx> | undefined) : undefined;
    if (!spec || !handler) return errorReply('unknown_message', `no handler for message type ${JSON.stringify(raw.type)} here`);
    const refused = admit?.(type, ctx);
    if (refused) return errorReply('forbidden', `${type}: ${refused}`);
    const parsed = spec.request.safeParse(raw.payload ?? {});
    if (!parsed.success) return errorReply('invalid_payload', `${type}: ${describeIssues(parsed.error)}`);
    try {
      const data = await handler(parsed.data as never, ctx);
      const checked = spec.response.safeParse(data);
      if (!checked.success) return errorReply('invalid_response', `${type} answered off-schema: ${describeIssues(checked.error)}`);
      return { ok: true, data: checked.data };
    } catch (e) {
      if (e instanceof ProtocolError) return errorReply(e.code, e.message);
      return errorReply('handler_error', `${type} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Sends through `transport`, with a timeout, and checks the reply; throws ProtocolError. */
export async function request<T extends MessageType>(
  transport: (env: Envelope<T>) => Promise<unknown>,
  type: T,
  payload: RequestOf<T>,
  timeoutMs = 30_000,
): Promise<ResponseOf<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProtocolError('timeout', `${type}: no reply within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const raw = await Promise.race([transport(envelope(type, payload)), timeout]);
    return unwrapReply(type, raw);
  } finally {
    clearTimeout(timer);
  }
}

/** Validates a raw reply to a `type` request and returns its data or throws. */
export function unwrapReply<T extends MessageType>(type: T, raw: unknown): ResponseOf<T> {
  if (raw === undefined) throw new ProtocolError('no_receiver', `${type}: nobody answered`);
  const r = raw as Reply;
  if (typeof r !== 'object' || r === null || typeof r.ok !== 'boolean') {
    throw new ProtocolError('invalid_response', `${type}: reply is not a Reply`);
  }
  if (!r.ok) {
    const error = ReplyError.safeParse(r.error);
    if (!error.success) throw new ProtocolError('invalid_response', `${type}: error reply without a valid code and message`);
    throw new ProtocolError(error.data.code, error.data.message);
  }
  const checked = Messages[type].response.safeParse(r.data);
  if (!checked.success) throw new ProtocolError('invalid_response', `${type}: ${describeIssues(checked.error)}`);
  return checked.data as ResponseOf<T>;
}
