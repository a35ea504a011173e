// The one action schema. Every boundary (model output, messages, recordings,
// workflows) validates against it; its JSON Schema is generated from it.
import { z } from 'zod';

// No eval-compiled validators: pages with a strict CSP would block them and log reports.
z.config({ jitless: true });

/** What the agent means by an action; shown to the user as progress. */
const intent = z.string().max(300).optional().describe('Why this action, in a few words (shown to the user)');
const index = z.number().int().nonnegative().describe('Index of the element in the current observation, e.g. 12 for [12]');

/** Where an action is carried out: in the page (content script), on the tab (background), or by the run loop itself. */
export type ActionPlace = 'page' | 'tab' | 'agent';

/**
 * One action, everything about it in one entry: its schema (validated at every
 * boundary, and its JSON Schema for constrained decoding), what it does in the words
 * the model reads, where it runs, how it reads in a log, and the other names small
 * models give it and its parameters (action-repair.ts). Its executor lives where it
 * runs: the content script's table (content/act.ts) for page actions, the background's
 * (background/tabs.ts) for tab actions; both are keyed by kind, so a new action does
 * not compile until it has one.
 */
interface ActionEntry<S extends z.ZodObject<{ kind: z.ZodLiteral<string> }>> {
  schema: S;
  purpose: string;
  runs: ActionPlace;
  describe: (a: z.infer<S>) => string;
  /** Other names of the kind (lower case, no separators), with the parameters each implies. */
  aliases?: Record<string, Record<string, unknown>>;
  /** Other names of its parameters (lower case, no separators). */
  synonyms?: Record<string, string[]>;
  /** The parameter a bare value stands for: `{"click": 12}`. */
  primary?: string;
}

/** Keeps the entry's literal types (its place), which the executors' tables are keyed by. */
const entry = <S extends z.ZodObject<{ kind: z.ZodLiteral<string> }>, R extends ActionPlace>(e: ActionEntry<S> & { runs: R }) => e;

const INDEX_NAMES = ['element', 'elementindex', 'elementid', 'idx', 'id', 'target'];

export const ClickAction = z.object({ kind: z.literal('click'), index, intent });
export const TypeAction = z.object({
  kind: z.literal('type'),
  index,
  text: z.string().max(10_000),
  /** Replace the current value (default) or append to it. */
  clear: z.boolean().optional(),
  /** Press Enter after typing (submits most search boxes and forms). */
  enter: z.boolean().optional(),
  intent,
});
export const SelectAction = z.object({
  kind: z.literal('select'),
  index,
  /** The option's visible label or its value. */
  option: z.string().max(1_000),
  intent,
});
export const HoverAction = z.object({ kind: z.literal('hover'), index, intent });
/** A key or a combination: `Enter`, `Escape`, `ArrowDown`, `Control+Enter`, `Shift+Tab`, `a`. */
export const KEY_PATTERN = /^(?:(?:Control|Ctrl|Shift|Alt|Meta|Cmd)\+)*(?:[A-Za-z][A-Za-z0-9]*|F\d{1,2}|.)$/;
export const KeyAction = z.object({
  kind: z.literal('key'),
  keys: z.string().min(1).max(40).regex(KEY_PATTERN, 'a key such as Enter, Escape or ArrowDown, optionally with modifiers: Control+Enter'),
  /** The element to press it on (focused first); the focused element when absent. */
  index: index.optional(),
  intent,
});
export const DragAction = z
  .object({
    kind: z.literal('drag'),
    index,
    /** Drop on this element… */
    to: index.optional(),
    /** …or move by this offset, in CSS pixels. */
    dx: z.number().min(-5_000).max(5_000).optional(),
    dy: z.number().min(-5_000).max(5_000).optional(),
    intent,
  })
  .refine((a) => a.to !== undefined || a.dx !== undefined || a.dy !== undefined, 'drag needs "to" (an element) or an offset "dx"/"dy"');
export const ScrollAction = z.object({
  kind: z.literal('scroll'),
  direction: z.enum(['up', 'down']),
  /** Viewport heights to scroll (default 1). */
  pages: z.number().positive().max(20).optional(),
  /** Scroll inside this element instead of the page. */
  index: index.optional(),
  intent,
});
export const NavigateAction = z.object({
  kind: z.literal('navigate'),
  url: z.string().url().refine((u) => /^https?:|^file:/i.test(u), 'only http(s) and file URLs'),
  intent,
});
export const BackAction = z.object({ kind: z.literal('back'), intent });
export const WaitAction = z.object({
  kind: z.literal('wait'),
  seconds: z.number().min(0).max(30),
  intent,
});
export const ExtractAction = z.object({
  kind: z.literal('extract'),
  /** What to look for in the page text; empty means the whole readable text. */
  query: z.string().max(500).optional(),
  intent,
});
export const DoneAction = z.object({
  kind: z.literal('done'),
  /** The agent's own claim; never taken as the judged outcome. */
  success: z.boolean(),
  text: z.string().max(5_000).optional(),
  intent,
});

/** The action table: one entry per action. */
export const ACTIONS = {
  click: entry({ schema: ClickAction, purpose: 'click the element', runs: 'page', describe: (a) => `click [${a.index}]`, aliases: { clickelement: {}, clickelementbyindex: {} }, synonyms: { index: INDEX_NAMES }, primary: 'index' }),
  type: entry({
    schema: TypeAction,
    purpose: 'type into a field; replaces its value unless clear is false; enter: true presses Enter after typing',
    runs: 'page',
    describe: (a) => `type ${JSON.stringify(a.text)} into [${a.index}]${a.enter ? ' and press Enter' : ''}`,
    aliases: { typetext: {}, inputtext: {}, input: {}, fill: {} },
    synonyms: { index: INDEX_NAMES, text: ['value', 'input', 'content'], enter: ['pressenter', 'submit'] },
  }),
  select: entry({ schema: SelectAction, purpose: 'choose an option of a dropdown by its label or value', runs: 'page', describe: (a) => `select ${JSON.stringify(a.option)} in [${a.index}]`, aliases: { selectoption: {}, selectdropdownoption: {} }, synonyms: { index: INDEX_NAMES, option: ['value', 'label', 'text', 'choice'] } }),
  hover: entry({ schema: HoverAction, purpose: 'move the mouse over the element (opens hover menus and tooltips)', runs: 'page', describe: (a) => `hover over [${a.index}]`, aliases: { hoverelement: {}, mouseover: {} }, synonyms: { index: INDEX_NAMES }, primary: 'index' }),
  key: entry({
    schema: KeyAction,
    purpose: 'press a key or a combination (Enter, Escape, ArrowDown, Control+Enter) on element [index], or on the focused element',
    runs: 'page',
    describe: (a) => `press ${a.keys}${a.index !== undefined ? ` on [${a.index}]` : ''}`,
    aliases: { presskey: {}, sendkeys: {}, keypress: {}, keyboard: {} },
    synonyms: { keys: ['key', 'combination', 'combo', 'shortcut'], index: INDEX_NAMES.filter((n) => n !== 'target') },
    primary: 'keys',
  }),
  drag: entry({
    schema: DragAction,
    purpose: 'drag element [index] onto element [to], or by the offset dx/dy in pixels',
    runs: 'page',
    describe: (a) => `drag [${a.index}] ${a.to !== undefined ? `onto [${a.to}]` : `by ${a.dx ?? 0},${a.dy ?? 0}`}`,
    aliases: { draganddrop: {}, dragdrop: {} },
    synonyms: { index: ['source', 'from', 'element', 'elementindex'], to: ['target', 'destination', 'onto', 'drop'] },
  }),
  scroll: entry({
    schema: ScrollAction,
    purpose: 'scroll the page by viewport heights (default 1), or inside element [index]',
    runs: 'page',
    describe: (a) => `scroll ${a.direction}${a.index !== undefined ? ` in [${a.index}]` : ''}`,
    aliases: { scrolldown: { direction: 'down' }, scrollup: { direction: 'up' } },
    synonyms: { direction: ['dir'], index: INDEX_NAMES.filter((n) => n !== 'target') },
    primary: 'direction',
  }),
  navigate: entry({ schema: NavigateAction, purpose: 'open an http(s) URL', runs: 'tab', describe: (a) => `go to ${a.url}`, aliases: { gotourl: {}, goto: {}, openurl: {}, navigateto: {} }, synonyms: { url: ['href', 'link', 'address', 'uri'] }, primary: 'url' }),
  back: entry({ schema: BackAction, purpose: 'go back to the previous page', runs: 'tab', describe: () => 'go back', aliases: { goback: {} } }),
  wait: entry({ schema: WaitAction, purpose: 'wait for the page to settle', runs: 'tab', describe: (a) => `wait ${a.seconds}s`, synonyms: { seconds: ['duration', 'time', 'secs', 'sec'] }, primary: 'seconds' }),
  extract: entry({ schema: ExtractAction, purpose: 'read the page text (what matches query) into the next step', runs: 'page', describe: (a) => `extract ${a.query ? JSON.stringify(a.query) : 'page text'}`, aliases: { extractcontent: {}, extracttext: {} }, synonyms: { query: ['goal', 'what', 'question', 'information'] }, primary: 'query' }),
  done: entry({
    schema: DoneAction,
    purpose: 'finish: text is the answer or a summary for the user',
    runs: 'agent',
    describe: (a) => `done (${a.success ? 'claims success' : 'gives up'})`,
    aliases: { finish: {} },
    synonyms: { success: ['ok', 'succeeded', 'successful', 'issuccess'], text: ['answer', 'result', 'message', 'summary', 'output', 'response', 'finalanswer'] },
  }),
} as const;

export const Action = z.discriminatedUnion('kind', [
  ACTIONS.click.schema,
  ACTIONS.type.schema,
  ACTIONS.select.schema,
  ACTIONS.hover.schema,
  ACTIONS.key.schema,
  ACTIONS.drag.schema,
  ACTIONS.scroll.schema,
  ACTIONS.navigate.schema,
  ACTIONS.back.schema,
  ACTIONS.wait.schema,
  ACTIONS.extract.schema,
  ACTIONS.done.schema,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = Object.keys(ACTIONS) as ActionKind[];
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

/** The kinds that run in the page, on the tab, or in the run loop. */
export type PageActionKind = { [K in ActionKind]: (typeof ACTIONS)[K]['runs'] extends 'page' ? K : never }[ActionKind];
export type TabActionKind = { [K in ActionKind]: (typeof ACTIONS)[K]['runs'] extends 'tab' ? K : never }[ActionKind];
export const runsIn = (kind: ActionKind): ActionPlace => ACTIONS[kind].runs;

/** Actions that target an element by index (including a scroll inside an element). */
export type ElementAction = Action & { index: number };
export function targetsElement(action: Action): action is ElementAction {
  return 'index' in action && typeof action.index === 'number';
}

/** Why an action failed, so the agent (and the user) can react precisely. */
export const ActionErrorCode = z.enum([
  'stale_index', // the index is not in the latest observation
  'detached', // the element was removed from the page
  'hidden', // not rendered or zero-size
  'disabled',
  'not_typable',
  'not_selectable',
  'obscured', // another element (a modal, a banner) covers it
  'option_not_found',
  'navigation_failed',
  'invalid_action',
  'timeout',
  'interrupted', // stopped by the user before it finished
  'internal',
]);
export type ActionErrorCode = z.infer<typeof ActionErrorCode>;

export const ActionResult = z.object({
  ok: z.boolean(),
  error: z.object({ code: ActionErrorCode, message: z.string() }).optional(),
  /** The tab's URL changed (full navigation or history change). */
  navigated: z.boolean(),
  /** The DOM changed in response (mutations, navigation). */
  pageChanged: z.boolean(),
  /** Text returned by `extract`, or the agent's final answer for `done`. */
  extracted: z.string().optional(),
  /**
   * What a `type` or `select` left in its field ([redacted] for secrets): the effect
   * a replay checks, since a page may refuse or reformat what was typed.
   */
  value: z.string().max(1_000).optional(),
  url: z.string().optional(),
  tookMs: z.number().nonnegative(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export function actionFailure(
  code: ActionErrorCode,
  message: string,
  extra: Partial<ActionResult> = {},
): ActionResult {
  return { ok: false, error: { code, message }, navigated: false, pageChanged: false, tookMs: 0, ...extra };
}

/** JSON Schema of one action, for constrained decoding and documentation. */
export function actionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(Action, { target: 'draft-7' }) as Record<string, unknown>;
}

/** One-line human description of an action, e.g. for the step log. */
export function describeAction(a: Action): string {
  return (ACTIONS[a.kind].describe as (x: Action) => string)(a);
}
