// The one action schema. Every boundary (model output, messages, recordings,
// workflows) validates against it; its JSON Schema is generated from it.
import { z } from 'zod';

// No eval-compiled validators: pages with a strict CSP would block them and log reports.
z.config({ jitless: true });

/** What the agent means by an action; shown to the user as progress. */
const intent = z.string().max(300).optional().describe('Why this action, in a few words (shown to the user)');
const index = z.number().int().nonnegative().describe('Index of the element in the current observation, e.g. 12 for [12]');

export const ClickAction = z.object({
  kind: z.literal('click'),
  index,
  intent,
});

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

export const Action = z.discriminatedUnion('kind', [
  ClickAction,
  TypeAction,
  SelectAction,
  ScrollAction,
  NavigateAction,
  BackAction,
  WaitAction,
  ExtractAction,
  DoneAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = Action.options.map((o) => o.shape.kind.value) as ActionKind[];

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
  switch (a.kind) {
    case 'click':
      return `click [${a.index}]`;
    case 'type':
      return `type ${JSON.stringify(a.text)} into [${a.index}]${a.enter ? ' and press Enter' : ''}`;
    case 'select':
      return `select ${JSON.stringify(a.option)} in [${a.index}]`;
    case 'scroll':
      return `scroll ${a.direction}${a.index !== undefined ? ` in [${a.index}]` : ''}`;
    case 'navigate':
      return `go to ${a.url}`;
    case 'back':
      return 'go back';
    case 'wait':
      return `wait ${a.seconds}s`;
    case 'extract':
      return `extract ${a.query ? JSON.stringify(a.query) : 'page text'}`;
    case 'done':
      return `done (${a.success ? 'claims success' : 'gives up'})`;
  }
}
