// Settings tasks turn things on and off: "Turn off email for direct messages and push
// notifications for mentions, and turn on the weekly summary". Each phrase names a switch
// (or a box) by its label ("Direct messages"), and the words left over say which group
// it is in when the label repeats ("Email", "Push"); the page says the group in the row
// or section around the switch. Plain English phrasing only; nothing here knows a site.
import type { Observation, ObservedElement } from '../../shared/observation';
import { contentWords, normalizeText, tokens } from '../../shared/words';
import { type Blocked, elementKey } from './action-ledger';
import { elementKind, isChecked, labelOf, soleBest } from './element-match';
import { type Planned, quote } from './fill-plan';
import type { SwitchGoal } from './switch-phrases';

/** The text that says which group a switch is in: its row, else the text just before it. */
const groupText = (e: ObservedElement) => `${e.locator?.row ?? ''} ${e.locator?.near ?? ''}`;

/**
 * The switches a stretch names, each with the words around it that may say its group:
 * the stretch is cut at commas and "and" (not those inside a switch's own name, "Product
 * news and tips"), and each piece names the switches in it ("email for direct messages").
 */
function named(stretch: string, labels: readonly string[]): { label: string; words: string[] }[] {
  let text = ` ${tokens(stretch).join(' ')} `;
  const found: string[] = [];
  for (const label of [...new Set(labels)].sort((a, b) => b.length - a.length)) {
    const t = tokens(label).join(' ');
    if (!t || !text.includes(` ${t} `)) continue;
    text = text.split(` ${t} `).join(` \u0001${found.length} `);
    found.push(label);
  }
  const out: { label: string; words: string[] }[] = [];
  // A piece with no words of its own takes the stretch's ("price drops and tips in the app": both in the app).
  const all = contentWords(text.replace(/\u0001\d+/g, ' '));
  for (const piece of text.split(/ and | , |,/)) {
    const marks = [...piece.matchAll(/\u0001(\d+)/g)].map((m) => found[Number(m[1])]!);
    const words = contentWords(piece.replace(/\u0001\d+/g, ' '));
    for (const label of marks) out.push({ label, words: words.length > 0 ? words : all });
  }
  return out;
}

/** Of the switches labelled `label`, the one whose group shares more of `words` than any other (the only one, when alone). */
function switchIn(toggles: readonly ObservedElement[], label: string, words: readonly string[]): ObservedElement | undefined {
  const same = toggles.filter((e) => normalizeText(labelOf(e)) === normalizeText(label));
  if (same.length === 1) return same[0];
  const best = soleBest(same.map((e) => new Set(contentWords(groupText(e)).filter((w) => words.includes(w))).size));
  return best >= 0 ? same[best] : undefined;
}

/** Clicks that set the switches the task names; empty when they all hold what was asked; undefined when the page shows none of them. */
export function switchPlan(goals: readonly SwitchGoal[], o: Observation, blocked: Blocked): Planned[] | undefined {
  const toggles = o.elements.filter((e) => elementKind(e) === 'toggle' && !e.disabled && labelOf(e) !== '');
  const wanted = goals.flatMap((g) => named(g.stretch, toggles.map(labelOf)).map((n) => ({ on: g.on, e: switchIn(toggles, n.label, n.words) })));
  if (wanted.every((w) => !w.e)) return undefined;
  const out: Planned[] = [];
  for (const { on, e } of wanted) {
    if (!e || isChecked(e) === on || blocked.isBlocked('click', elementKey(e)) || out.some((p) => p.element === e)) continue;
    out.push({ action: { kind: 'click', index: e.index }, element: e, purpose: 'toggle', says: `turn ${on ? 'on' : 'off'} ${quote(e)}` });
  }
  return out;
}
