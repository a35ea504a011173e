// The agent's prompt for one step: rules, task, notes, compacted history, advice
// from hooks and the current page, within a token budget that fits small local
// models. Every page-derived string is fenced as untrusted data.
import type { ChatMessage } from './llm';
import type { Step } from './model';
import type { Observation } from './observation';
import { fitHistory } from './prompt-history';
import { renderObservationWithin } from './prompt-observation';
import { buildRules } from './prompt-rules';
import { estimateTokens, tokensOfLines, truncateToTokens } from './tokens';
import { cryptoRandom, newNonce, renderOwnText } from './untrusted';

/** Context a hook adds to the next step's prompt, e.g. the coach's advice. */
export interface HookContext {
  /** Who added it, e.g. `coach`; shown to the model. */
  source: string;
  /** Written by Waymark's own code. Any page-derived part must be marked with `markUntrusted()` (shared/untrusted.ts). */
  text: string;
}

export interface PromptInput {
  /** The user's task, as typed. */
  task: string;
  /** The page now; element indices in the actions refer to it. */
  observation: Observation;
  /** Earlier steps of this run, oldest first. */
  history: readonly Step[];
  /** Added by `beforeStep` hooks, in priority order (later entries go first when space runs out). Default none. */
  hookContext?: readonly HookContext[];
  /** The agent's working notes from its last output. */
  notes?: string;
  /** 1-based number of the step being decided. */
  step: number;
  /** The run's step limit. */
  maxSteps: number;
  /** Token budget of the whole prompt. Default 3,000: fits a 4k context with room for the reply. */
  budget?: number;
  /** Random source in [0, 1) for the fence nonce. Default: the platform's CSPRNG. */
  random?: () => number;
}

/** What did not fit the budget. */
export interface PromptDropped {
  /** Elements of the observation not shown. */
  elements: number;
  /** Characters cut from the page text excerpt. */
  pageTextChars: number;
  /** Earlier steps shown as one line instead of in full. */
  compactedSteps: number;
  /** Earliest steps left out entirely. */
  omittedSteps: number;
  /** Hook context entries left out entirely. */
  hookContext: number;
  /** Characters cut from hook context, notes and task. */
  hookContextChars: number;
  notesChars: number;
  taskChars: number;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /**
   * Estimated tokens of all messages (see `estimateTokens`), with per-message overhead.
   * Above the budget only when the rules and the capped task, notes and advice leave
   * no room for the page header and the latest step.
   */
  tokens: number;
  /** The fence nonce of this prompt. */
  nonce: string;
  dropped: PromptDropped;
}

export const DEFAULT_PROMPT_BUDGET = 3_000;

/** Chat-template tokens around each message (role header, end-of-turn). */
const MESSAGE_OVERHEAD = 8;
/** Caps as shares of the budget, so no section starves the page and the history. */
const TASK_SHARE = 0.15;
const NOTES_SHARE = 0.1;
const HOOK_SHARE = 0.2;
/** Share of what is left for the history when the page alone could fill it. */
const HISTORY_SHARE = 0.35;
/** A hook entry shorter than this after truncation is not worth showing. */
const MIN_HOOK_TOKENS = 24;

/** Hook entries in order, each truncated to what is left of `allowance`; entries that no longer fit are left out. */
function fitHookContext(entries: readonly HookContext[], allowance: number, nonce: string) {
  const parts: string[] = [];
  let room = allowance;
  let dropped = 0;
  let cutChars = 0;
  for (const entry of entries) {
    if (!entry.text.trim()) continue;
    const label = `[${renderOwnText(entry.source.replace(/\s+/g, ' ').trim().slice(0, 40), nonce)}] `;
    const budget = room - estimateTokens(label) - 1;
    // Truncate the raw text, then render: a cut never lands inside a fence. Fences
    // added by rendering cost tokens too, so shrink until the rendered text fits.
    let limit = budget;
    let fitted = truncateToTokens(entry.text, limit);
    let text = renderOwnText(fitted.text, nonce);
    while (estimateTokens(text) > budget && limit >= MIN_HOOK_TOKENS) {
      limit -= estimateTokens(text) - budget;
      fitted = truncateToTokens(entry.text, limit);
      text = renderOwnText(fitted.text, nonce);
    }
    if (limit < MIN_HOOK_TOKENS || !fitted.text) {
      dropped++;
      cutChars += entry.text.length;
      continue;
    }
    cutChars += fitted.cutChars;
    parts.push(label + text);
    room -= estimateTokens(label + text) + 1;
  }
  return { parts, dropped, cutChars };
}

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

/** The messages for one step, within `input.budget` tokens (see `PromptDropped` for what gave way). */
export function buildPrompt(input: PromptInput): BuiltPrompt {
  const budget = input.budget ?? DEFAULT_PROMPT_BUDGET;
  const nonce = newNonce(input.random ?? cryptoRandom);
  const system = buildRules();

  const task = truncateToTokens(input.task.trim(), Math.floor(budget * TASK_SHARE));
  const head = [
    section('Task (from the user):', renderOwnText(task.text, nonce)),
    `Step ${input.step} of ${input.maxSteps}.${input.maxSteps - input.step < 2 ? ' Few steps are left: finish with done now if you can.' : ''}`,
  ];
  const notesIn = (input.notes ?? '').trim();
  const notes = truncateToTokens(notesIn, Math.floor(budget * NOTES_SHARE));
  if (notes.text) head.push(section('Your notes:', renderOwnText(notes.text, nonce)));

  const hooks = fitHookContext(input.hookContext ?? [], Math.floor(budget * HOOK_SHARE), nonce);
  const advice = hooks.parts.length
    ? section("Advice from Waymark's memory (from past runs; check it against the page):", hooks.parts.join('\n'))
    : '';
  const footer = 'Reply with the JSON object only.';
  const historyTitle = 'Earlier steps (oldest first):';

  const fixed =
    estimateTokens(system) +
    2 * MESSAGE_OVERHEAD +
    tokensOfLines([...head, advice, footer, historyTitle]) +
    6; // blank lines between sections
  const rest = budget - fixed;

  // The page has priority over history, but history keeps a share of what is left.
  const fullHistory = fitHistory(input.history, Number.POSITIVE_INFINITY, nonce);
  const fullPage = renderObservationWithin(input.observation, Number.POSITIVE_INFINITY, nonce);
  let history = fullHistory;
  if (fullHistory.tokens + fullPage.tokens > rest) {
    const allowance = Math.min(fullHistory.tokens, Math.max(Math.floor(rest * HISTORY_SHARE), rest - fullPage.tokens));
    history = fitHistory(input.history, allowance, nonce);
  }

  const assemble = (pageAllowance: number) => {
    const page = renderObservationWithin(input.observation, pageAllowance, nonce);
    const sections = [...head];
    sections.push(input.history.length ? section(historyTitle, history.text) : 'No earlier steps: this is the first one.');
    if (advice) sections.push(advice);
    sections.push(page.text, footer);
    const messages: ChatMessage[] = [
      { role: 'system', content: system },
      { role: 'user', content: sections.join('\n\n') },
    ];
    const tokens = messages.reduce((sum, m) => sum + estimateTokens(m.content) + MESSAGE_OVERHEAD, 0);
    return { page, messages, tokens };
  };

  let pageAllowance = rest - history.tokens;
  let built = assemble(pageAllowance);
  // The section sums err high, so this rarely runs; it guards the budget if they ever err low.
  for (let i = 0; i < 4 && built.tokens > budget && pageAllowance > 0; i++) {
    pageAllowance -= built.tokens - budget;
    built = assemble(pageAllowance);
  }

  return {
    messages: built.messages,
    tokens: built.tokens,
    nonce,
    dropped: {
      elements: built.page.elementsOmitted,
      pageTextChars: built.page.pageTextCutChars,
      compactedSteps: history.compacted,
      omittedSteps: history.omitted,
      hookContext: hooks.dropped,
      hookContextChars: hooks.cutChars,
      notesChars: notes.cutChars,
      taskChars: task.cutChars,
    },
  };
}
