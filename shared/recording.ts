// Chrome DevTools Recorder's export (the @puppeteer/replay "user flow" JSON): how people
// already record browser flows, read here so a recording can teach Waymark. Only the
// steps a person's flow is made of are performed (navigate, click, double click, hover,
// change, key down/up, scroll, wait for an element); the others are named as not
// supported. Each step's selectors are alternatives, tried in order; each selector is
// a CSS selector, or `aria/Name[role="button"]`, `text/…`, `xpath/…`, `pierce/…`
// (an array of them is a chain into frames or shadow roots).
import { z } from 'zod';

const Selector = z.union([z.string().min(1).max(2_000), z.array(z.string().min(1).max(2_000)).min(1).max(10)]);
const Selectors = z.array(Selector).min(1).max(20);
const common = { target: z.string().max(2_000).optional(), frame: z.array(z.number().int()).max(10).optional(), timeout: z.number().positive().max(120_000).optional(), assertedEvents: z.array(z.unknown()).max(20).optional() };
const offset = { offsetX: z.number().optional(), offsetY: z.number().optional() };

export const RecordingStep = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setViewport'), width: z.number().int().positive(), height: z.number().int().positive() }).passthrough(),
  // Absolute as the Recorder writes it; a path ("/shop/index.html") is read against the practice suite.
  z.object({ type: z.literal('navigate'), url: z.string().min(1).max(4_000), ...common }).passthrough(),
  z.object({ type: z.literal('click'), selectors: Selectors, ...offset, button: z.enum(['primary', 'auxiliary', 'secondary', 'back', 'forward']).optional(), ...common }).passthrough(),
  z.object({ type: z.literal('doubleClick'), selectors: Selectors, ...offset, ...common }).passthrough(),
  z.object({ type: z.literal('hover'), selectors: Selectors, ...common }).passthrough(),
  z.object({ type: z.literal('change'), selectors: Selectors, value: z.string().max(10_000), ...common }).passthrough(),
  z.object({ type: z.literal('keyDown'), key: z.string().min(1).max(40), ...common }).passthrough(),
  z.object({ type: z.literal('keyUp'), key: z.string().min(1).max(40), ...common }).passthrough(),
  z.object({ type: z.literal('scroll'), selectors: Selectors.optional(), x: z.number().optional(), y: z.number().optional(), ...common }).passthrough(),
  z.object({ type: z.literal('waitForElement'), selectors: Selectors, count: z.number().int().nonnegative().optional(), operator: z.enum(['==', '>=', '<=']).optional(), visible: z.boolean().optional(), ...common }).passthrough(),
  z.object({ type: z.literal('waitForExpression'), expression: z.string() }).passthrough(),
  z.object({ type: z.literal('close') }).passthrough(),
  z.object({ type: z.literal('emulateNetworkConditions') }).passthrough(),
  z.object({ type: z.literal('customStep'), name: z.string() }).passthrough(),
]);
export type RecordingStep = z.infer<typeof RecordingStep>;

export const Recording = z
  .object({
    title: z.string().max(500).optional(),
    selectorAttribute: z.string().max(100).optional(),
    timeout: z.number().positive().optional(),
    steps: z.array(z.unknown()).min(1).max(500),
  })
  .passthrough();

/** Steps that make up a flow to learn from; the rest are skipped with a reason. */
const PERFORMED = new Set(['navigate', 'click', 'doubleClick', 'hover', 'change', 'keyDown', 'keyUp', 'scroll', 'waitForElement']);
const IGNORED: Record<string, string> = {
  setViewport: 'the window size is the browser’s own',
  close: 'the tab stays open',
  emulateNetworkConditions: 'the network is left as it is',
};

export interface ParsedRecording {
  title: string;
  steps: RecordingStep[];
  /** Each step's number in the file (1-based), for messages about it. */
  numbers: number[];
  /** Steps left out, and why (a viewport, a close). */
  skipped: string[];
}

export type RecordingParse = { ok: true; recording: ParsedRecording } | { ok: false; problems: string[] };

/** A Recorder export, checked whole: every problem is listed with its step, and nothing is half-read. */
export function parseRecording(text: string): RecordingParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const flow = Recording.safeParse(raw);
  if (!flow.success) return { ok: false, problems: ['not a Chrome DevTools Recorder recording: expected {"title": …, "steps": [ … ]} with at least one step', ...flow.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`)] };
  const problems: string[] = [];
  const steps: RecordingStep[] = [];
  const numbers: number[] = [];
  const skipped: string[] = [];
  flow.data.steps.forEach((s, i) => {
    const type = (s as { type?: unknown } | null)?.type;
    const where = `step ${i + 1}${typeof type === 'string' ? ` (${type})` : ''}`;
    if (typeof type === 'string' && IGNORED[type]) return void skipped.push(`${where}: ${IGNORED[type]}`);
    if (typeof type === 'string' && !PERFORMED.has(type) && RecordingStep.options.some((o) => o.shape.type.value === type)) return void problems.push(`${where}: not supported when learning from a recording (a flow is made of navigate, click, change, keys, scroll and waits)`);
    const parsed = RecordingStep.safeParse(s);
    if (!parsed.success) return void problems.push(`${where}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'the step'}: ${x.message}`).join('; ')}`);
    steps.push(parsed.data);
    numbers.push(i + 1);
  });
  if (problems.length === 0 && !steps.some((s) => s.type !== 'navigate' && s.type !== 'waitForElement')) problems.push('the recording does nothing on a page (no click, change, key or scroll)');
  return problems.length ? { ok: false, problems } : { ok: true, recording: { title: flow.data.title ?? 'recording', steps, numbers, skipped } };
}

/** A selector as one readable line (for errors and progress). */
export function describeSelector(s: z.infer<typeof Selector>): string {
  return Array.isArray(s) ? s.join(' >> ') : s;
}
