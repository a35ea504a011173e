// The condenser over hand-built runs whose outcome is known: the template and its
// variables, the failure points read off the results, and the workflow of a judged
// success with detours, failed and idle clicks left out and values as variables.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../shared/redact';
import { bindWorkflow, instantiate } from '../../shared/workflow';
import { button, checkbox, failed, field, link, moved, ok, page } from '../agent/testdata/pages';
import { condense } from './condenser';
import { click, done, home, judged, ORIGIN, step, TASK, trajectory, typeInto } from './testdata/runs';
import type { Outcome, Trajectory } from '../../shared/model';

const about = () => page(`${ORIGIN}/about`, 'About', [link('Home', '/')]);
const deals = () => page(`${ORIGIN}/deals`, 'Deals', [link('Home', '/')]);

/** A success with a detour (About, then back), a click that failed and a click that changed nothing. */
function winding(outcome: Outcome = judged('success')): Trajectory {
  const h = home();
  return trajectory(
    TASK,
    [
      step(0, h, [typeInto(1, 'Ada Lovelace'), typeInto(2, 'ada@example.com')], [ok(), ok()]),
      step(1, h, [click(5)], [moved(`${ORIGIN}/about`)]),
      step(2, about(), [{ kind: 'back' }], [moved(`${ORIGIN}/`)]),
      step(3, h, [click(4), click(0), click(4)], [failed('obscured', 'a banner covers it'), ok(), moved(`${ORIGIN}/welcome`)]),
      step(4, page(`${ORIGIN}/welcome`, 'Welcome', []), [done(true, 'Subscribed')], [ok({ extracted: 'Subscribed' })]),
    ],
    outcome,
  );
}

/** A failure: the promo button took the run to a page that thanks the user anyway. */
function trapped(finalWords = 'Thanks for subscribing to our deals!'): Trajectory {
  const h = home();
  return trajectory(
    TASK,
    [
      step(0, h, [typeInto(1, 'Ada Lovelace'), typeInto(2, 'ada@example.com'), click(3)], [ok(), ok(), moved(`${ORIGIN}/deals`)]),
      step(1, deals(), [done(true, finalWords)], [ok()]),
    ],
    judged('failure'),
  );
}

describe('condense: template and variables', () => {
  it('turns the task values into named variables and the cluster into the normalised template', () => {
    const c = condense(winding());
    expect(c.template).toBe('Subscribe {name} ({email}) to the newsletter');
    expect(c.variables).toEqual([
      { name: 'name', kind: 'name', example: 'Ada Lovelace' },
      { name: 'email', kind: 'email', example: 'ada@example.com' },
    ]);
    expect(c.bindings).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(c.cluster).toBe('subscribe {name} ({email}) to the newsletter');
    expect(c.stepCount).toBe(5);
    expect(c.outcome.status).toBe('success');
  });

  it('gives a run without an outcome the status unknown, and no workflow', () => {
    const c = condense(trajectory(TASK, winding().steps));
    expect(c.outcome).toMatchObject({ status: 'unknown', judgedBy: 'none' });
    expect(c.workflow).toBeUndefined();
  });
});

describe('condense: failure points', () => {
  it('records the failed action and the click that changed nothing, but no dead end for a success', () => {
    const points = condense(winding()).failurePoints;
    expect(points.map((p) => [p.step, p.kind, p.action])).toEqual([
      [3, 'action_error', 'click "Join"'],
      [3, 'no_effect', 'click "Home"'],
    ]);
    expect(points[0]!.detail).toBe('a banner covers it');
    expect(points[0]!.url).toBe(`${ORIGIN}/`);
  });

  it('reports a loop at the third repeat of the same action on the same page, once', () => {
    const h = home();
    const steps = [0, 1, 2, 3].map((i) => step(i, h, [click(0)], [ok()]));
    const twice = condense(trajectory(TASK, steps.slice(0, 2), judged('failure'))).failurePoints;
    expect(twice.filter((p) => p.kind === 'loop')).toEqual([]);
    const points = condense(trajectory(TASK, steps, judged('failure'))).failurePoints;
    expect(points.filter((p) => p.kind === 'loop').map((p) => p.step)).toEqual([2]);
    expect(points.filter((p) => p.kind === 'no_effect').map((p) => p.step)).toEqual([0, 1, 2, 3]);
  });

  it('marks the last page-changing click of a failure as its dead end, with the target templated', () => {
    const c = condense(trapped());
    expect(c.failurePoints).toHaveLength(1);
    const [dead] = c.failurePoints;
    expect(dead).toMatchObject({ step: 0, kind: 'dead_end', actionKind: 'click', action: 'click "Subscribe to deals"' });
    expect(dead!.target).toMatchObject({ role: 'button', name: 'Subscribe to deals' });
    expect(dead!.detail).toContain('Thanks for subscribing to our deals!');
    // The failure's lesson says to avoid that control.
    expect(c.lessons[0]!.avoid?.map((a) => a.target.name)).toEqual(['Subscribe to deals']);
    expect(c.workflow).toBeUndefined();
  });

  it('blames the click that opened what later covered a control, and the lesson says to avoid it', () => {
    const h = home();
    const run = trajectory(
      TASK,
      [
        // "Subscribe to deals" opens a pop-up ("Deals× Sign up for deals…") that then covers "Join".
        step(0, h, [typeInto(2, 'ada@example.com'), click(3)], [ok(), ok({ pageChanged: true })]),
        step(1, h, [click(4)], [failed('obscured', '<button> "Join" is covered by <div> "Deals× Sign up for deals today"; close or move what covers it first')]),
        step(2, h, [done(false, 'Nothing useful is left')], [ok()]),
      ],
      judged('failure'),
    );
    const c = condense(run);
    const culprit = c.failurePoints.find((p) => p.kind === 'dead_end' && p.detail.startsWith('it opened'));
    expect(culprit).toMatchObject({ step: 0, actionKind: 'click', target: { name: 'Subscribe to deals' } });
    expect(culprit!.detail).toBe('it opened “Deals× Sign up for deals today”, which then covered “Join”');
    expect(c.lessons[0]!.avoid?.map((a) => a.target.name)).toContain('Subscribe to deals');
  });

  it('gives no dead end when the final words report a problem with the values', () => {
    const points = condense(trapped('There was a problem: the email address is invalid')).failurePoints;
    expect(points.filter((p) => p.kind === 'dead_end')).toEqual([]);
  });

  it('gives no dead end for the same steps when the run succeeded', () => {
    const run = { ...trapped(), outcome: judged('success') };
    expect(condense(run).failurePoints.filter((p) => p.kind === 'dead_end')).toEqual([]);
  });
});

describe('condense: workflows', () => {
  it('induces the workflow of a judged success without the detour, the failed and the idle click', () => {
    const w = condense(winding()).workflow!;
    expect(w.task).toBe('Subscribe {name} ({email}) to the newsletter');
    expect(w.origin).toBe(ORIGIN);
    expect(w.steps.map((s) => [s.kind, 'target' in s ? s.target?.name : undefined, s.kind === 'type' ? s.text : undefined])).toEqual([
      ['type', 'Your name', '{name}'],
      ['type', 'Email address', '{email}'],
      ['click', 'Join', undefined],
    ]);
  });

  it('leaves out all a detour did on the page it went back from (a section opened there too)', () => {
    const h = home();
    const team = page(`${ORIGIN}/about`, 'About', [link('Home', '/'), button('Our team', 'button')]);
    const looked = trajectory(
      TASK,
      [
        step(0, h, [typeInto(1, 'Ada Lovelace'), typeInto(2, 'ada@example.com')], [ok(), ok()]),
        step(1, h, [click(5)], [moved(`${ORIGIN}/about`)]),
        step(2, team, [click(1)], [ok({ pageChanged: true })]),
        step(3, team, [{ kind: 'back' }], [moved(`${ORIGIN}/`)]),
        step(4, h, [click(4)], [moved(`${ORIGIN}/welcome`)]),
        step(5, page(`${ORIGIN}/welcome`, 'Welcome', []), [done(true, 'Subscribed')], [ok({ extracted: 'Subscribed' })]),
      ],
      judged('success'),
    );
    expect(condense(looked).workflow!.steps.map((s) => s.kind)).toEqual(['type', 'type', 'click']);
  });

  it('binds a new instance of the task to the induced workflow and fills its steps', () => {
    const w = condense(winding()).workflow!;
    const bindings = bindWorkflow(w, 'Subscribe Grace Hopper (grace@navy.mil) to the newsletter');
    expect(bindings).toEqual({ name: 'Grace Hopper', email: 'grace@navy.mil' });
    expect(w.steps.map((s) => instantiate(s, bindings!)).map((s) => (s?.kind === 'type' ? s.text : s?.kind))).toEqual(['Grace Hopper', 'grace@navy.mil', 'click']);
    expect(bindWorkflow(w, 'Unsubscribe grace@navy.mil from everything')).toBeNull();
  });

  it('never induces a workflow from a success nobody judged, or from a failure', () => {
    expect(condense(winding(judged('success', 'none'))).workflow).toBeUndefined();
    expect(condense(winding(judged('failure'))).workflow).toBeUndefined();
    expect(condense(winding(judged('success', 'llm'))).workflow).toBeDefined();
  });

  it('turns a task value in an element name into its variable', () => {
    const results = page(`${ORIGIN}/search`, 'Results', [field('Search', 'search'), link('Children of Dune', '/b/2'), link('Dune Messiah', '/b/3')]);
    const run = trajectory(
      'Find the book "Children of Dune" and add 2 copies to the cart',
      [
        step(0, results, [typeInto(0, 'Children of Dune'), click(1)], [ok(), moved(`${ORIGIN}/b/2`)]),
        step(1, page(`${ORIGIN}/b/2`, 'Children of Dune', [field('Quantity', 'number'), button('Add to cart')]), [typeInto(0, '2'), click(1)], [ok(), ok({ pageChanged: true })]),
      ],
      judged('success'),
    );
    const w = condense(run).workflow!;
    expect(w.task).toBe('Find the book "{text}" and add {number} copies to the cart');
    expect(w.steps.map((s) => ('target' in s ? s.target?.name : '') + (s.kind === 'type' ? ` <- ${s.text}` : ''))).toEqual(['Search <- {text}', '{text}', 'Quantity <- {number}', 'Add to cart']);
    const bound = bindWorkflow(w, 'Find the book "Dune Messiah" and add 3 copies to the cart')!;
    expect(instantiate(w.steps[1]!, bound)).toMatchObject({ kind: 'click', target: { name: 'Dune Messiah' } });
  });

  it('keeps of a row-by-row control’s row only the task’s values it held, as variables, to find the new task’s row', () => {
    const card = (ending: string, holder: string) => ({ ...button('Card options', 'button'), locator: { path: 'article > button', near: holder, row: `Debit •••• ${ending} ${holder} ⋯ Active` } });
    const cards = page(`${ORIGIN}/cards`, 'Cards', [card('4880', 'ALEX LEE'), card('4584', 'ROBIN LEE')]);
    const run = trajectory('Freeze the card ending 4584', [step(0, cards, [click(1)], [ok({ pageChanged: true })]), step(1, page(`${ORIGIN}/cards`, 'Cards', [button('Freeze card', 'button')]), [click(0)], [ok({ pageChanged: true })])], judged('success'));
    const w = condense(run).workflow!;
    expect(w.steps[0]).toMatchObject({ kind: 'click', target: { name: 'Card options', rowKeys: ['{number}'] } });
    expect(JSON.stringify(w)).not.toContain('ROBIN LEE ⋯ Active');
    expect(instantiate(w.steps[0]!, bindWorkflow(w, 'Freeze the card ending 7181')!)).toMatchObject({ target: { rowKeys: ['7181'] } });
  });

  it('leaves a redacted value out of the workflow instead of replaying it, and keeps a checkbox click', () => {
    const login = page(`${ORIGIN}/login`, 'Log in', [field('Email'), field('Password', 'password'), checkbox('Remember me'), button('Log in')]);
    const run = trajectory('Log in as ada@example.com', [step(0, login, [typeInto(0, 'ada@example.com'), typeInto(1, REDACTED), click(2), click(3)], [ok(), ok(), ok(), moved(`${ORIGIN}/account`)])], judged('success'));
    const c = condense(run);
    expect(c.workflow!.steps.map((s) => `${s.kind}:${'target' in s ? s.target?.name : ''}`)).toEqual(['type:Email', 'click:Remember me', 'click:Log in']);
    expect(JSON.stringify(c.workflow)).not.toContain(REDACTED);
    // Ticking a box changes no page, yet it did something.
    expect(c.failurePoints).toEqual([]);
  });
});
