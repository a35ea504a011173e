// What the offline policy already tried in this run, read back from the step
// history: which element each action hit, what for, and what came of it. It keeps
// the policy from repeating an action that just failed, or did nothing, on the same
// screen. The element each action targeted is remembered when the policy decides;
// for steps taken before a restart it is recovered from the index, when the page is
// still the one the step was taken on.
import type { Action, ActionResult } from '../../shared/actions';
import type { ActionPurpose, Step } from '../../shared/model';
import type { Observation, ObservedElement } from '../../shared/observation';
import { normalizeText } from '../../shared/words';
import { screenKey } from './loop-detector';

/** Why the policy took an action (kept with the step, see ActionPurpose). */
export type Purpose = ActionPurpose;

/** Identifies an element across observations of the same page (indices are per observation). */
export function elementKey(e: ObservedElement): string {
  return [e.tag, e.role, e.attrs.type ?? '', normalizeText(e.name || e.text).slice(0, 80), e.attrs.href ?? ''].join('|');
}

/** The element name an elementKey keeps (normalised). */
export const nameInKey = (key: string): string => key.split('|')[3] ?? '';

/** What the i-th action of a step was for, as its policy recorded it. */
export function purposeOf(step: Step, i: number): Purpose | undefined {
  return step.purposes?.[i] ?? undefined;
}

export interface Attempt {
  step: number;
  url: string;
  /** The screen the action was taken on (undefined for steps from before a restart). */
  screen?: string;
  action: Action;
  purpose?: Purpose;
  /** Key of the element acted on, when known. */
  target?: string;
  /** The text of the row the element acted on sat in, when it had one (which loan's "Renew"). */
  row?: string;
  result: ActionResult;
}

interface Decided {
  screen: string;
  targets: (string | undefined)[];
  rows: (string | undefined)[];
}

export class ActionLedger {
  private readonly decided = new Map<number, Decided>();

  /** Notes the elements a step's actions target, when the policy decides it. */
  remember(step: number, observation: Observation, targets: (ObservedElement | undefined)[]): void {
    this.decided.set(step, { screen: screenKey(observation), targets: targets.map((e) => (e ? elementKey(e) : undefined)), rows: targets.map((e) => e?.locator?.row) });
  }

  /** Every action that ran in this run, oldest first. */
  attempts(history: readonly Step[], current: Observation): Attempt[] {
    const out: Attempt[] = [];
    for (const step of history) {
      const decided = this.decided.get(step.index);
      // Without the policy's own note, an index means the same element only on the same, unchanged page.
      const samePage = step.observation.url === current.url && step.observation.elementCount === current.elements.length;
      step.results.forEach((result, i) => {
        const action = step.output.actions[i];
        if (!action) return;
        let target = decided?.targets[i];
        if (!decided && samePage && 'index' in action && typeof action.index === 'number') {
          const e = current.elements[action.index];
          if (e) target = elementKey(e);
        }
        const purpose = purposeOf(step, i);
        const row = decided?.rows[i];
        out.push({ step: step.index, url: step.observation.url, action, result, ...(decided ? { screen: decided.screen } : {}), ...(purpose ? { purpose } : {}), ...(target ? { target } : {}), ...(row ? { row } : {}) });
      });
    }
    return out;
  }
}

/** Whether a value went in on the page at `url` in this run (typed, chosen, ticked or picked; not a wait for its field). */
export function filledOn(attempts: readonly Attempt[], url: string): boolean {
  return attempts.some((a) => a.url === url && a.result.ok && a.action.kind !== 'wait' && (a.purpose === 'fill' || a.purpose === 'toggle'));
}

/** What the policy must not do again on the current screen. */
export class Blocked {
  private readonly failed = new Set<string>();
  private readonly idle = new Set<string>();
  private readonly clicked = new Set<string>();

  constructor(attempts: readonly Attempt[], current: Observation) {
    const screen = screenKey(current);
    let filledSinceClick = false;
    // Newest first: whether something changed the page after the attempt at hand.
    let changedSince = false;
    for (const a of [...attempts].reverse()) {
      const changes = a.result.ok && (a.result.pageChanged || a.result.navigated);
      if (!a.target) {
        if (a.action.kind === 'type' || a.action.kind === 'select') filledSinceClick = true;
        changedSince ||= changes;
        continue;
      }
      const here = a.url === current.url;
      // An action that failed on this page fails again: try something else; unless something
      // covered it and the page changed since (the cover closed).
      const uncovered = a.result.error?.code === 'obscured' && changedSince;
      if (!a.result.ok && here && !uncovered) this.failed.add(`${a.action.kind}|${a.target}`);
      changedSince ||= changes;
      // The same action on the same screen is a loop, whatever came of it.
      if (a.screen === screen) this.idle.add(`${a.action.kind}|${a.target}`);
      // A click that changed nothing leaves the screen as it was.
      if (a.action.kind === 'click' && a.result.ok && !a.result.pageChanged && !a.result.navigated && here) this.idle.add(`click|${a.target}`);
      // A control pressed on this page is not pressed again unless something was filled in since.
      if (a.action.kind === 'click' && a.result.ok && here && !filledSinceClick && (a.purpose === 'submit' || a.purpose === 'search' || a.purpose === 'open')) this.clicked.add(a.target);
      if (a.action.kind === 'type' || a.action.kind === 'select') filledSinceClick = true;
    }
  }

  private readonly avoided = new Set<string>();

  /** An action memory says not to take (a lesson from a past failure). */
  avoid(kind: Action['kind'], target: string): void {
    this.avoided.add(`${kind}|${target}`);
  }

  /** This action on this element failed here, was already taken on this very screen, or is to be avoided. */
  isBlocked(kind: Action['kind'], target: string): boolean {
    const key = `${kind}|${target}`;
    return this.failed.has(key) || this.idle.has(key) || this.avoided.has(key);
  }

  /** A control already pressed on this page with nothing filled in since. */
  wasPressed(target: string): boolean {
    return this.clicked.has(target);
  }
}
