// Replay that checks itself: a workflow induced from a recorded success (condenser),
// replayed by the offline policy on a new instance of the task.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import { bindWorkflow, type Workflow } from '../../shared/workflow';
import { condense } from '../coach/condenser';
import { click, judged, step, trajectory, typeInto } from '../coach/testdata/runs';
import { createOfflinePolicy } from './offline-policy';
import type { HookContext } from './policy';
import { button, field, link, ok, page, stepOf } from './testdata/pages';

const URL = 'http://tasks.test/enter-text';
/** A page whose only field has no label: a caption before it and a path are all there is. */
const entry = (extra: Parameters<typeof page>[2] = [], value = '') =>
  page(URL, 'Enter text', [...extra, { ...field('', 'text', value), locator: { path: 'div#area > input', near: 'Answer:' } }, button('Submit')], 'Enter the text and press Submit.');
const covered = () => page(URL, 'Enter text', [{ tag: 'div', role: 'button', name: 'Done', text: 'Done', attrs: {} }], 'Thanks');

/** The workflow a judged success on the first instance teaches. */
function learned(): Workflow {
  const on = entry();
  const run = trajectory('Enter "Kanesha" into the text field and press Submit', [step(0, on, [typeInto(0, 'Kanesha'), click(1)], [ok({ value: 'Kanesha' }), ok({ pageChanged: true })])], judged('success'));
  return condense(run).workflow!;
}

class Replay {
  readonly history: Step[] = [];
  private readonly policy = createOfflinePolicy();
  private purposes: Step['purposes'];
  constructor(
    readonly task: string,
    private readonly workflow: Workflow,
  ) {}

  async decide(o: Observation) {
    const bindings = bindWorkflow(this.workflow, this.task);
    const context: HookContext[] = bindings ? [{ source: 'coach', text: 'A workflow', memoryIds: ['wf'], workflow: { workflow: this.workflow, bindings, memoryId: 'wf' } }] : [];
    const d = await this.policy.next({ task: this.task, observation: o, history: this.history, context, step: this.history.length, maxSteps: 10, notes: this.history.at(-1)?.output.notes }, new AbortController().signal);
    this.purposes = d.purposes;
    return d.output;
  }

  record(o: Observation, output: Awaited<ReturnType<Replay['decide']>>, results: Step['results']) {
    this.history.push({ ...stepOf(this.history.length, o, output, results), ...(this.purposes ? { purposes: this.purposes } : {}) });
  }
}

describe('workflow replay', () => {
  it('learns "Submit" as a constant and the typed text as the only variable, with each step’s effect', () => {
    const wf = learned();
    expect(wf.task).toBe('Enter "{text}" into the text field and press Submit');
    expect(wf.steps[0]).toMatchObject({ kind: 'type', text: '{text}', target: { name: '', path: 'div#area > input', near: 'Answer:' }, effect: { value: '{text}' } });
    expect(wf.steps[1]).toMatchObject({ kind: 'click', target: { name: 'Submit' }, effect: { changed: true } });
  });

  it('finds the unlabeled field again on a new instance and finishes once every step had its effect', async () => {
    const r = new Replay('Enter "Ronda" into the text field and press Submit', learned());
    // The new instance has another control before the field: every index moved.
    const o = entry([button('Help', 'button')]);
    const out = await r.decide(o);
    expect(out.actions).toEqual([expect.objectContaining({ kind: 'type', index: 1, text: 'Ronda' }), expect.objectContaining({ kind: 'click', index: 2 })]);
    r.record(o, out, [ok({ value: 'Ronda' }), ok({ pageChanged: true })]);
    const end = await r.decide(covered());
    expect(end.actions).toEqual([expect.objectContaining({ kind: 'done', success: true })]);
  });

  it('does not press Submit when the value’s field is gone: the replay ends and the policy does not commit either', async () => {
    const r = new Replay('Enter "Ronda" into the text field and press Submit', learned());
    const o = page(URL, 'Enter text', [button('Submit')], 'Enter the text and press Submit.');
    // The policy waits a moment for the field (a form may still be opening); then gives the reason.
    const waits = await r.decide(o);
    expect(waits.actions).toEqual([expect.objectContaining({ kind: 'wait' })]);
    expect(waits.nextGoal).toContain('handed control back at workflow step 1/2: nothing like textbox after "Answer:"');
    r.record(o, waits, [ok()]);
    const out = await r.decide(o);
    expect(out.actions).toEqual([expect.objectContaining({ kind: 'done', success: false })]);
    expect(out.nextGoal).toContain('Not pressing "Submit": "Ronda" found no field');
  });

  it('ends the replay when a step did not have its effect (the field did not keep the value)', async () => {
    const r = new Replay('Enter "Ronda" into the text field and press Submit', learned());
    const o = entry();
    const out = await r.decide(o);
    // The field took something else (a mask): the run loop stops the batch before Submit.
    r.record(o, out, [ok({ value: 'R' })]);
    const next = await r.decide(entry([], 'R'));
    expect(next.notes).toContain('Handed back: "workflow step 1/2: the field holds \\"R\\", not \\"Ronda\\""');
  });

  it('takes a value in its field as a typing step’s effect, whether or not the page redrew beside it', async () => {
    // Recorded where typing also redrew something (a counter): that is not the step's effect.
    const on = entry();
    const run = trajectory('Enter "Kanesha" into the text field and press Submit', [step(0, on, [typeInto(0, 'Kanesha'), click(1)], [ok({ value: 'Kanesha', pageChanged: true }), ok({ pageChanged: true })])], judged('success'));
    const wf = condense(run).workflow!;
    expect(wf.steps[0]!.effect).toEqual({ value: '{text}' });
    // An older workflow that kept the redraw does not end the replay over it either.
    const older: Workflow = { ...wf, steps: wf.steps.map((s) => (s.kind === 'type' ? { ...s, effect: { changed: true } } : s)) };
    const r = new Replay('Enter "Ronda" into the text field and press Submit', older);
    const o = entry();
    const out = await r.decide(o);
    r.record(o, out, [ok({ value: 'Ronda' }), ok({ pageChanged: true })]);
    const next = await r.decide(covered());
    expect(next.notes ?? '').not.toContain('Handed back');
    expect(next.actions).toMatchObject([{ kind: 'done', success: true }]);
  });

  it('goes on past a workflow that stopped short of the item the task opens', async () => {
    // Learned as "search for it" alone: run to its end, the email the task names is still to open.
    const MAIL = 'http://mail.test/';
    const inbox = () => page(MAIL, 'Inbox', [field('Search mail', 'search'), button('Search')]);
    const results = () => page(`${MAIL}search?q=lunch`, 'Search results', [field('Search mail', 'search', 'lunch'), button('Search'), link('Lunch on Friday', '/m/1'), link('Lunch menu', '/m/2')]);
    const run = trajectory('Search my mail for "report" and open the email "Quarterly report"', [step(0, inbox(), [typeInto(0, 'report'), click(1)], [ok({ value: 'report' }), ok({ navigated: true, pageChanged: true })])], judged('success'));
    const wf = condense(run).workflow!;
    const r = new Replay('Search my mail for "lunch" and open the email "Lunch on Friday"', wf);
    const o = inbox();
    const out = await r.decide(o);
    r.record(o, out, [ok({ value: 'lunch' }), ok({ navigated: true, pageChanged: true })]);
    const next = await r.decide(results());
    expect(next.actions).toMatchObject([{ kind: 'click', index: 2 }]);
  });

  it('ends the replay when a commit did not move the page on as it did before', async () => {
    const wf: Workflow = { ...learned(), steps: learned().steps.map((s) => (s.kind === 'click' ? { ...s, effect: { navigated: true } } : s)) };
    const r = new Replay('Enter "Ronda" into the text field and press Submit', wf);
    const o = entry();
    const out = await r.decide(o);
    r.record(o, out, [ok({ value: 'Ronda' }), ok({ pageChanged: true })]);
    const next = await r.decide(entry([{ tag: 'div', role: 'alert', name: 'Try again', text: 'Try again', attrs: {} }], 'Ronda'));
    expect(next.notes).toContain('Handed back: "workflow step 2/2: the page changed but did not move on, as it did before"');
    expect(next.actions.some((a) => a.kind === "done" && a.success)).toBe(false);
  });

  it('hands back at a choice the learned task’s own words made, when another wording of the task does not say them', async () => {
    const radio = (name: string) => ({ tag: 'input', role: 'radio', name, attrs: { type: 'radio' }, locator: { name: 'place' } });
    const parcel = () => page('http://post.test/parcel', 'Parcel PP-1234', [field('Note for the driver'), radio('Front porch'), radio('Back garden'), button('Change delivery')]);
    // Learned on "… leave it on the front porch, note "{text}"": the porch was the task's words, not a value.
    const wf: Workflow = {
      task: 'Leave parcel {code} on the front porch with the note "{text}"',
      variables: [
        { name: 'code', kind: 'name', example: 'PP-5280' },
        { name: 'text', kind: 'text', example: 'Ring twice' },
      ],
      steps: [
        { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Note for the driver', type: 'text' }, text: '{text}' },
        { kind: 'click', target: { tag: 'input', role: 'radio', name: 'Front porch', type: 'radio' } },
        { kind: 'click', target: { tag: 'button', role: 'button', name: 'Change delivery', type: 'submit' } },
      ],
    };
    const r = new Replay('Please leave parcel PP-1234 in the back garden, with the note "Beware of the dog"', wf);
    expect(bindWorkflow(wf, r.task)).not.toBeNull();
    const o = parcel();
    const out = await r.decide(o);
    // The note goes in; the porch is not clicked: the replay hands back there.
    expect(out.actions).toMatchObject([{ kind: 'type', index: 0, text: 'Beware of the dog' }]);
    r.record(o, out, [ok({ value: 'Beware of the dog' })]);
    const next = await r.decide(page('http://post.test/parcel', 'Parcel PP-1234', [field('Note for the driver', 'text', 'Beware of the dog'), radio('Front porch'), radio('Back garden'), button('Change delivery')]));
    expect(next.notes).toContain('Handed back: "workflow step 2/3: the task it was learned on chose it by \\"front\\", which this task does not say"');
    expect(next.actions.some((a) => a.kind === 'click' && a.index === 1)).toBe(false);
  });
});
