// Hand-built runs for the coach's unit tests: observations from the agent's test
// pages, recorded steps with the elements their actions aimed at, and outcomes.
import type { Action, ActionResult } from '../../../shared/actions';
import type { Outcome, Step, Trajectory } from '../../../shared/model';
import { descriptorOf, type Observation } from '../../../shared/observation';
import { button, field, link, moved, ok, page, stepOf } from '../../agent/testdata/pages';

export const ORIGIN = 'http://news.test';
export const TASK = 'Subscribe Ada Lovelace (ada@example.com) to the newsletter';
export const taskFor = (name: string, email: string) => `Subscribe ${name} (${email}) to the newsletter`;

export const home = () => page(`${ORIGIN}/`, 'Newsletter', [link('Home', '/'), field('Your name'), field('Email address', 'email'), button('Subscribe to deals'), button('Join'), link('About us', '/about')]);
export const HOME = { name: 1, email: 2, deals: 3, join: 4, about: 5, link: 0 } as const;

/** One recorded step: the actions taken on `on`, their results, and the elements they aimed at. */
export function step(index: number, on: Observation, actions: Action[], results: ActionResult[]): Step {
  const s = stepOf(index, on, { evaluation: '', nextGoal: '', actions }, results);
  return { ...s, targets: actions.map((a) => ('index' in a && a.index !== undefined && on.elements[a.index] ? descriptorOf(on.elements[a.index]!, on.elements) : null)) };
}

export function trajectory(task: string, steps: Step[], outcome?: Outcome, id = 'run-1'): Trajectory {
  return { id, task, origin: ORIGIN, startedAt: 0, steps, screenshots: {}, source: 'agent', ...(outcome ? { outcome } : {}) };
}

export const judged = (status: Outcome['status'], judgedBy: Outcome['judgedBy'] = 'check'): Outcome => ({ status, judgedBy, reason: `the check said ${status}` });
export const typeInto = (index: number, text: string): Action => ({ kind: 'type', index, text });
export const click = (index: number): Action => ({ kind: 'click', index });
export const done = (success: boolean, text?: string): Action => ({ kind: 'done', success, ...(text ? { text } : {}) });

/**
 * Fills in the name and email, clicks the button `via` (by its index on the home
 * page), and ends on the page it leads to; judged by `outcome`.
 */
export function subscribeRun(id: string, name: string, email: string, via: number, outcome: Outcome, finalWords = 'Done'): Trajectory {
  const h = home();
  const to = `${ORIGIN}/${via === HOME.deals ? 'deals' : 'welcome'}`;
  return trajectory(
    taskFor(name, email),
    [
      step(0, h, [typeInto(HOME.name, name), typeInto(HOME.email, email), click(via)], [ok(), ok(), moved(to)]),
      step(1, page(to, 'Thanks', [link('Home', '/')]), [done(true, finalWords)], [ok()]),
    ],
    outcome,
    id,
  );
}
