// A page that covers what the agent means to use (a cookie or consent dialog, a promo
// overlay): the act fails as "obscured", naming what covers it. A person closes the
// cover first, choosing the least consent that closes it (reject the optional cookies,
// then a plain close, then accept), and goes on with what they meant to do.
import type { Step } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { contentWords } from '../../shared/words';
import { type Blocked, elementKey } from './action-ledger';
import { elementKind, labelOf } from './element-match';
import { type Planned, quote } from './fill-plan';

/** Ways to close a cover, least consent first. */
const CLOSING = [
  /\b(?:reject|decline|refuse|deny)\b|\b(?:necessary|essential) (?:cookies )?only\b|\bonly (?:necessary|essential|required)\b/i,
  /^\s*(?:close|dismiss|no,? thanks|not now|maybe later|skip|got it|ok(?:ay)?|[×✕✖x])\s*$/i,
  /\b(?:accept|agree|allow|i understand|continue)\b/i,
];

/** The text of what covered the last step's last action, when the page covered it. */
export function coverOfLastStep(history: readonly Step[]): string | undefined {
  const result = history.at(-1)?.results.at(-1);
  if (result?.ok !== false || result.error?.code !== 'obscured') return undefined;
  return /is covered by <\w+>\s*"?([^";]*)/.exec(result.error.message)?.[1] ?? '';
}

/** The control that closes the cover, least consent first; of several alike, the one whose nearby words the cover's text shares. */
export function closeCoverStep(o: Observation, cover: string, blocked: Blocked): { planned: Planned[]; goal: string } | undefined {
  const coverWords = new Set(contentWords(cover));
  const shares = (e: ObservedElement) => contentWords(`${e.locator?.near ?? ''} ${e.locator?.row ?? ''}`).filter((w) => coverWords.has(w)).length;
  const controls = o.elements.filter((e) => (elementKind(e) === 'control' || elementKind(e) === 'link') && !e.disabled && !blocked.isBlocked('click', elementKey(e)));
  for (const way of CLOSING) {
    const fits = controls.filter((e) => way.test(labelOf(e))).sort((a, b) => shares(b) - shares(a));
    const e = fits[0];
    if (e) return { planned: [{ action: { kind: 'click', index: e.index }, element: e, purpose: 'reveal', says: `close what covers the page: ${quote(e)}` }], goal: `Close what covers the page ("${cover.trim()}…") with "${labelOf(e)}", then go on` };
  }
  return undefined;
}
