// A control that commits what a form holds (submit, send, pay, delete, confirm) is
// pressed only once every value the task gives has gone in somewhere: committing with
// a value missing sends the wrong thing, and many pages cannot take it back. Controls
// that only move on (Next, Continue, a link) are not commits: the missing value may
// belong on the page they lead to.
import { normalizeText } from '../../shared/words';
import type { Observation, ObservedElement } from '../../shared/observation';
import type { Attempt } from './action-ledger';
import { elementKind, labelOf } from './element-match';
import { holds } from './fill-plan';
import { hasPhrase, type ParsedTask, type TaskSlot } from './task-parse';
import { contentWords } from '../../shared/words';

const COMMIT_PHRASES = ['submit', 'send', 'pay', 'place order', 'buy', 'purchase', 'book', 'confirm', 'delete', 'remove', 'save', 'post', 'apply', 'log in', 'login', 'sign in', 'sign up', 'register', 'subscribe', 'ok', 'done', 'finish', 'complete'];
const MOVE_ON_PHRASES = ['next', 'continue', 'proceed', 'more', 'step'];

/** Whether pressing `e` commits (a submit button, or a control named for committing) rather than moving on. */
export function isCommit(e: ObservedElement): boolean {
  const kind = elementKind(e);
  if (kind !== 'control') return false;
  const words = contentWords(labelOf(e));
  if (MOVE_ON_PHRASES.some((p) => hasPhrase(words, p))) return false;
  if (COMMIT_PHRASES.some((p) => hasPhrase(words, p))) return true;
  const type = (e.attrs.type ?? '').toLowerCase();
  return (e.tag === 'input' && type === 'submit') || (e.tag === 'button' && type === 'submit');
}

/**
 * The task's values that must go into a field and have not, in this run: not typed
 * or chosen by an action that worked, not in any field on this page. A value that
 * names a control on the page ("press Submit") is something to press, not to enter.
 */
export function missingValues(task: ParsedTask, o: Observation, attempts: readonly Attempt[]): TaskSlot[] {
  const entered: string[] = [];
  for (const a of attempts) {
    if (!a.result.ok) continue;
    if (a.action.kind === 'type') entered.push(a.action.text);
    if (a.action.kind === 'select') entered.push(a.action.option);
  }
  for (const e of o.elements) if (e.value) entered.push(e.value);
  const named = new Set(o.elements.filter((e) => elementKind(e) !== 'field' && elementKind(e) !== 'select').map((e) => normalizeText(labelOf(e))));
  return task.slots.filter((s) => {
    if (s.role === 'target') return false;
    if (entered.some((text) => holds(s, text)) || named.has(normalizeText(s.value.text))) return false;
    // A bare capitalised word with nothing saying it is a field's value may just name something.
    return s.value.quoted || s.value.kind !== 'name' || s.hints.length > 0;
  });
}
