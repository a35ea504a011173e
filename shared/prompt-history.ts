// Earlier steps for the prompt, compacted to a token allowance: the latest steps in
// full, older ones as one line each, the oldest dropped first.
import { type Action, type ActionResult, describeAction } from './actions';
import type { Step } from './model';
import { estimateTokens, tokensOfLines, truncateToTokens } from './tokens';
import { renderOwnText, wrapUntrusted } from './untrusted';

/** Latest steps shown in full when they fit; never fewer than MIN_FULL_STEPS before older lines go. */
const FULL_STEPS = 3;
const MIN_FULL_STEPS = 2;
/** Extracted page text kept in a full step: more for the latest step, which the next action most likely needs. */
const EXTRACT_TOKENS_LATEST = 400;
const EXTRACT_TOKENS_OLDER = 120;

function clip(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars - 1)}…` : flat;
}

/** Actions whose purpose is to change the page, so "nothing changed" is worth saying. */
const CHANGES_PAGE = new Set<Action['kind']>(['click', 'type', 'select', 'scroll', 'navigate', 'back']);

function outcome(a: Action, r: ActionResult | undefined): string {
  if (!r) return 'not run (the step stopped early)';
  if (!r.ok) return `failed (${r.error?.code ?? 'unknown error'})`;
  if (r.navigated) return 'ok, navigated';
  if (r.pageChanged) return 'ok, page changed';
  return CHANGES_PAGE.has(a.kind) ? 'ok, nothing changed' : 'ok';
}

/** The action as the agent wrote it; its text is the agent's own, possibly echoing a page, so it is defused. */
function actionText(a: Action, nonce: string): string {
  return renderOwnText(clip(describeAction(a), 120), nonce);
}

/**
 * `step 4: click [12] → ok, page changed; type "shoes" into [3] → failed (stale_index) — goal: find shoes`.
 * Carries nothing read from a page (no URLs, titles, messages or extracted text), so it needs no fence.
 */
export function renderStepLine(step: Step, nonce: string): string {
  const actions = step.output.actions.map((a, i) => `${actionText(a, nonce)} → ${outcome(a, step.results[i])}`);
  const goal = step.output.nextGoal.trim() ? ` — goal: ${renderOwnText(clip(step.output.nextGoal, 80), nonce)}` : '';
  return `step ${step.index + 1}: ${actions.join('; ')}${goal}`;
}

/** A step with its evaluation, goal and each action's result; page-derived parts fenced. */
export function renderStepFull(step: Step, nonce: string, extractTokens: number): string {
  const lines = [`step ${step.index + 1}:`];
  if (step.output.evaluation.trim()) lines.push(`  evaluation: ${renderOwnText(clip(step.output.evaluation, 300), nonce)}`);
  if (step.output.nextGoal.trim()) lines.push(`  goal: ${renderOwnText(clip(step.output.nextGoal, 200), nonce)}`);
  step.output.actions.forEach((a, i) => {
    const r = step.results[i];
    let line = `  - ${actionText(a, nonce)} → ${outcome(a, r)}`;
    // Error messages and extracted text can quote the page.
    if (r?.error?.message) line += `: ${wrapUntrusted(clip(r.error.message, 300), nonce)}`;
    if (r?.extracted) line += `, extracted:\n${wrapUntrusted(truncateToTokens(r.extracted, extractTokens).text, nonce)}`;
    lines.push(line);
  });
  return lines.join('\n');
}

export interface FittedHistory {
  text: string;
  tokens: number;
  /** Steps shown as one line. */
  compacted: number;
  /** Earliest steps left out. */
  omitted: number;
}

function assemble(lines: string[], omitted: number, full: number, total: number): FittedHistory {
  const parts = omitted > 0 ? [`(${omitted} earlier step${omitted === 1 ? '' : 's'} omitted)`, ...lines] : lines;
  return { text: parts.join('\n'), tokens: tokensOfLines(parts), compacted: total - omitted - full, omitted };
}

/**
 * The history within `allowance` tokens. In order of what goes first: the third
 * latest full step becomes a line, the oldest lines are dropped, then the two
 * latest full steps become lines too. The latest step always appears, at least
 * as a line, even when that exceeds the allowance.
 */
export function fitHistory(steps: readonly Step[], allowance: number, nonce: string): FittedHistory {
  const n = steps.length;
  if (n === 0) return { text: '', tokens: 0, compacted: 0, omitted: 0 };
  const lines = steps.map((s) => renderStepLine(s, nonce));
  const lineTokens = lines.map((l) => estimateTokens(l) + 1);
  const markerTokens = 8;
  let fallback: FittedHistory | undefined;

  for (let full = Math.min(FULL_STEPS, n); full >= 0; full--) {
    const fullParts = steps
      .slice(n - full)
      .map((s, i) => renderStepFull(s, nonce, i === full - 1 ? EXTRACT_TOKENS_LATEST : EXTRACT_TOKENS_OLDER));
    const fullTokens = tokensOfLines(fullParts);
    if (fullTokens > allowance && full > 0) continue;
    // Older steps as lines, newest first, while they fit.
    let room = allowance - fullTokens - markerTokens;
    let first = n - full;
    while (first > 0 && lineTokens[first - 1]! <= room) {
      room -= lineTokens[first - 1]!;
      first--;
    }
    if (full === 0 && first === n) first = n - 1; // the latest step, whatever it costs
    const result = assemble([...lines.slice(first, n - full), ...fullParts], first, full, n);
    // Three full steps only when that costs no older step; otherwise two.
    if (full > MIN_FULL_STEPS && first > 0) {
      fallback ??= result;
      continue;
    }
    return result;
  }
  return fallback!;
}
