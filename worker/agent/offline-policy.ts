// The offline, memory-first policy: no model at all. Each step it reads the task
// (values, field words, verbs), ranks the page's elements against it, and
//  1. follows a learned workflow when a hook hands it one (the coach does), checking
//     each step and trying alternatives after a failure;
//  2. otherwise fills in what the task gives values for and presses the control that
//     carries out the task's verb; after a search, opens the result named like the
//     task's target; on the next page it goes on the same way;
//  3. finishes when the page shows what was asked (a confirmation, the target open),
//     or when nothing useful is left — saying which. Its word is not the verdict: the
//     judge decides the outcome.
// It never repeats an action that failed, or changed nothing, on the same screen.
import type { Action, ActionResult } from '../../shared/actions';
import type { AgentOutput, Step } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import type { BoundWorkflow } from '../../shared/workflow';
import { containsPhrase, normalizeText } from '../../shared/words';
import { ActionLedger, type Attempt, Blocked, elementKey, filledOn, type Purpose, purposeOf } from './action-ledger';
import { elementKind, isSearchField, labelOf, TARGET_MIN, targetScore } from './element-match';
import { type Planned, planFills, quote } from './fill-plan';
import { blockingValues, heldBack, isCommit, isFinal, missingValues } from './commit-guard';
import { choiceStep, suggestionForTyped, valuesChoiceStep } from './choice-step';
import { closeCoverStep, coverOfLastStep } from './cover-step';
import { datePickStep } from './date-picker';
import { confirmStep, ENDS_THE_TASK, itemStep, ordinalStep, rowsByDateStep, superlativeStep } from './list-steps';
import { goalStep, namedElements, pressedTheGoal, revealStep } from './goal-steps';
import { confirmationInTitle, confirmationOn, pageIsAbout, problemOn, valuesShown } from './page-evidence';
import type { AvoidHint, Policy, PolicyDecision, StepInput } from './policy';
import { type EmbedTexts, SemanticMatcher } from './semantic';
import { type ParsedTask, parseTask, type TaskSlot } from './task-parse';
import { planWorkflow } from './workflow-runner';
import { switchPlan } from './switch-goals';
import { best, rankedControls, savingControl, taskPhrase } from './control-ranking';
import { closedSectionStep, type ExploreContext, exploreStep } from './explore-step';

export interface OfflinePolicyOptions {
  /** Text embedder for semantic matching (e.g. the worker's bundled GloVe model); words alone without it. */
  embed?: EmbedTexts;
}

/** At most this many actions per step (the AgentOutput limit). */
const MAX_ACTIONS = 6;
/** Advice (a workflow, elements to avoid) is acted on only when its source is at least this sure of it. */
const FOLLOW_MIN = 0.5;
/** Elements embedded per step; the rest are ranked by words only. */
const MAX_EMBEDDED = 300;

interface Plan {
  planned: Planned[];
  goal: string;
  /** A line for the step's notes (where a list stands), kept with the workflow's. */
  notes?: string;
}

export function createOfflinePolicy(options: OfflinePolicyOptions = {}): Policy {
  const ledger = new ActionLedger();
  const sem = new SemanticMatcher(options.embed);
  let parsed: ParsedTask | undefined;
  // A workflow handed over once (a coach that speaks only at the start) is followed to its end.
  let following: BoundWorkflow | undefined;
  // Lessons from past failures, handed over once, hold for the whole run.
  const avoiding: AvoidHint[] = [];
  let embedderFailureTold = false;
  return {
    id: 'offline',
    async next(input: StepInput): Promise<PolicyDecision> {
      if (parsed?.text !== input.task) parsed = parseTask(input.task);
      const task = parsed;
      const observation = input.observation;
      const attempts = ledger.attempts(input.history, observation);
      const blocked = new Blocked(attempts, observation);
      // Advice its source is unsure of is heard but not acted on.
      const trusted = input.context.filter((c) => c.confidence === undefined || c.confidence >= FOLLOW_MIN);
      for (const c of trusted) for (const hint of c.avoid ?? []) if (!avoiding.some((h) => sameHint(h, hint))) avoiding.push(hint);
      for (const e of observation.elements) for (const hint of avoiding) if (matchesHint(e, hint)) blocked.avoid(hint.actionKind as Action['kind'], elementKey(e));
      const bound = trusted.find((c) => c.workflow)?.workflow ?? following;
      following = bound;
      await sem.prepare(textsToEmbed(task, observation, bound));
      const semantic = sem.enabled ? sem : undefined;

      let plan: Plan | undefined;
      let notes: string | undefined;
      let remarks: string[] = [];
      if (bound) {
        const wf = planWorkflow({ bound, task: input.task, observation, history: input.history, notes: input.notes, blocked, ...(semantic ? { sem: semantic } : {}) });
        notes = wf.notes;
        remarks = wf.remarks;
        if (!wf.finished) plan = { planned: wf.planned, goal: goalOf(wf.planned, remarks) };
        // A workflow that ran to its end ends the run, unless the task names something to
        // open that this page is not about (the workflow learned stopped short of it): the
        // policy goes on from here by itself.
        else if (wf.completed && !(task.target && !pageIsAbout(task.target, observation))) plan = afterWorkflow(task, observation);
      }
      if (!plan) {
        const own = decide({ task, observation, history: input.history, attempts, blocked, notes: input.notes, ...(semantic ? { sem: semantic } : {}) });
        plan = remarks.length ? { ...own, goal: `${own.goal} (${remarks.join('; ')})` } : own;
        if (own.notes) notes = notes ? `${notes}\n${own.notes}` : own.notes;
      }
      ledger.remember(input.step, observation, plan.planned.map((p) => p.element));
      let evaluation = evaluate(input.history);
      if (sem.failure && !embedderFailureTold) {
        embedderFailureTold = true;
        evaluation += ` (The text embedder failed — ${sem.failure} — so elements are ranked by their words alone.)`;
      }
      const output: AgentOutput = {
        evaluation: evaluation.slice(0, 2_000),
        nextGoal: plan.goal.slice(0, 1_000),
        actions: plan.planned.slice(0, MAX_ACTIONS).map((p) => withIntent(p.action, p.says)),
        ...(notes ? { notes: notes.slice(0, 4_000) } : {}),
      };
      return { output, purposes: plan.planned.slice(0, MAX_ACTIONS).map((p) => p.purpose) };
    },
    dispose: async () => {},
  };
}

function sameHint(a: AvoidHint, b: AvoidHint): boolean {
  return a.actionKind === b.actionKind && normalizeText(a.target.name) === normalizeText(b.target.name) && a.target.role === b.target.role;
}

/** The element a lesson names: the same name, and the same role or tag. */
function matchesHint(e: Observation['elements'][number], hint: AvoidHint): boolean {
  return normalizeText(labelOf(e)) === normalizeText(hint.target.name) && (e.role === hint.target.role || e.tag === hint.target.tag);
}

function withIntent(action: Action, intent: string): Action {
  return { ...action, intent: intent.length > 300 ? `${intent.slice(0, 299)}…` : intent };
}

function textsToEmbed(task: ParsedTask, o: Observation, bound: BoundWorkflow | undefined): string[] {
  const texts = o.elements.slice(0, MAX_EMBEDDED).map(labelOf);
  for (const s of task.slots) if (s.hintText) texts.push(s.hintText);
  if (task.target) texts.push(task.target);
  texts.push(taskPhrase(task));
  for (const step of bound?.workflow.steps ?? []) if ('target' in step && step.target) texts.push(step.target.name);
  return texts.filter(Boolean);
}

interface DecideContext {
  /** The notes of the last step (where a list stands). */
  notes?: string | undefined;
  task: ParsedTask;
  observation: Observation;
  history: readonly Step[];
  attempts: readonly Attempt[];
  blocked: Blocked;
  sem?: SemanticMatcher;
}

/** The last step's last action that ran, with its result. */
function lastAction(history: readonly Step[]): { action: Action; result: ActionResult; purpose?: Purpose } | undefined {
  const step = history.at(-1);
  if (!step || step.results.length === 0) return undefined;
  const i = step.results.length - 1;
  const action = step.output.actions[i]!;
  const purpose = purposeOf(step, i);
  return { action, result: step.results[i]!, ...(purpose ? { purpose } : {}) };
}

/** The policy's own decision for this page (no workflow, or the workflow is done). */
function decide(ctx: DecideContext): Plan {
  const { task, observation: o, history, blocked } = ctx;
  const last = lastAction(history);
  const changedPage = !!last && last.action.kind === 'click' && last.result.ok && (last.result.navigated || last.result.pageChanged);
  const submitted = changedPage && (last!.purpose === 'submit' || last!.purpose === 'search' || last!.purpose === 'workflow');
  const opened = changedPage && (last!.purpose === 'open' || last!.purpose === 'workflow');
  const searchedWithEnter = !!last && last.action.kind === 'type' && last.action.enter === true && last.result.ok;

  // What the page put over the control just tried is closed first.
  const cover = coverOfLastStep(history);
  const closing = cover !== undefined ? closeCoverStep(o, cover, blocked) : undefined;
  if (closing) return closing;
  // The task's own shape (press this, tick these, hover that, a key) decides once its values are in.
  const shaped = !!(task.goals.press || task.goals.hover || task.goals.keys || task.goals.toggles);
  // The element the task is about was pressed: that was the task (what the page does next is its answer).
  if (pressedTheGoal(task, ctx.attempts.at(-1))) return finish(true, `Pressed "${task.goals.press!.name}".`);
  const action = task.goals.itemAction;
  // The page asks to be sure of it first: yes.
  const confirming = last?.purpose === 'press' && last.result.ok ? confirmStep(task, o, ctx.attempts) : undefined;
  if (confirming) return valuesBefore(ctx, confirming);
  if (task.goals.item && action && ENDS_THE_TASK.includes(action) && last?.purpose === 'press' && last.result.ok) return finish(true, `Did "${action}" to the ${task.goals.item.noun} of "${task.goals.item.key}".`);
  if (task.goals.ordinal && last?.purpose === 'press' && last.result.ok) return finish(true, 'Opened the result the task counts to.');
  if (task.goals.superlative && last?.purpose === 'press' && last.result.ok) return finish(true, `Took the ${task.goals.superlative}.`);
  // The item the task is about, and what to do to it, come before any typing.
  const byDate = rowsByDateStep(task, o, ctx.attempts);
  if (byDate) return byDate;
  const searched = ctx.attempts.some((a) => a.purpose === 'search' && a.result.ok && (a.result.navigated || a.result.pageChanged));
  // "Search … for X and open Y": the search the task asks for comes first, where the page has a box for it.
  const searchFirst = !!task.search && !searched && o.elements.some((e) => isSearchField(e) && !e.disabled);
  const listed = searchFirst ? undefined : itemStep(task, o, ctx.attempts, blocked, (lookingFor) => revealStep({ task, observation: o, attempts: ctx.attempts, blocked }, lookingFor));
  if (listed) return listed;
  // 1. The target is open: done. Opened the wrong page: go back and try another.
  // Evidence of success counts only once every value the task gives went in: a page that
  // merely shows the product's or the article's name is not the task done.
  const unentered = missingValues(task, o, ctx.attempts);
  if (!shaped && task.target && (opened || history.length === 0) && unentered.length === 0 && pageIsAbout(task.target, o)) {
    return finish(true, `The page "${o.title}" about "${task.target}" is open.`);
  }
  if (!shaped && task.target && opened && last!.purpose === 'open' && last!.result.navigated && !pageIsAbout(task.target, o)) {
    return { planned: [{ action: { kind: 'back' }, purpose: 'back', says: `go back: this page is not about "${task.target}"` }], goal: `Go back and try another result for "${task.target}"` };
  }

  // A thing the task acquires is found and opened before any value goes in (the landing
  // page's newsletter box is not where the buyer's email goes).
  // …once: after that its name on a basket or summary is not the way on.
  const acquiredOpened = !!task.acquire && ctx.attempts.some((a) => a.purpose === 'open' && a.result.ok && a.result.navigated);
  const finding = task.acquire && task.target && !acquiredOpened ? findTarget(ctx, task.target, searched) : undefined;
  if (finding) return finding;

  // A value just typed brought up suggestions: the one that is it is chosen first.
  const suggestion = suggestionForTyped(o, ctx.attempts);
  if (suggestion) return suggestion;

  // What the task turns on or off: set here, then saved by the page's control (if it has one).
  const switching = task.goals.switches ? switchPlan(task.goals.switches, o, blocked) : undefined;
  if (switching?.length) return { planned: switching.slice(0, MAX_ACTIONS), goal: `Set the switches: ${switching.map((p) => p.says).join('; ')}` };

  // 2. Values to put in.
  const placedBefore = new Set(ctx.attempts.filter((a) => a.action.kind === 'type' && a.result.ok && a.url !== o.url).map((a) => (a.action as { text: string }).text));
  const fills = planFills({ task, observation: o, blocked, placedBefore, searched, ...(ctx.sem ? { sem: ctx.sem } : {}) });

  // 3. Just submitted and nothing left to fill: is this what was asked for?
  // …unless the task goes on past the submit (the n-th result, the cheapest of them).
  if (fills.length === 0 && (submitted || searchedWithEnter) && (!task.target || task.goals.item || task.acquire) && !task.goals.ordinal && !task.goals.superlative) {
    const own = task.slots.map((s) => s.value.text);
    const problem = problemOn(o, own);
    const confirmation = confirmationOn(o, own);
    const shown = valuesShown(task.slots.filter((s) => s.role !== 'target').map((s) => s.value.text), o);
    // Both can show ("Error: already subscribed"): the message the page leads with is its answer.
    if (problem && (!confirmation || problem.at <= confirmation.at)) return finish(false, `The page reports a problem: "${problem.text}".`);
    if (unentered.length === 0) {
      if (confirmation) return finish(true, `The page confirms: "${confirmation.text}".`);
      // Values shown back beside a control that commits them (a review page's "Confirm"): not done until it is pressed.
      const commit = shown.length > 0 ? rankedControls(ctx, 'submit').find(isFinal) : undefined;
      if (commit) return { planned: [{ action: { kind: 'click', index: commit.index }, element: commit, purpose: 'submit', says: `press ${quote(commit)}` }], goal: `Press "${labelOf(commit)}": the page shows the values back for a last look` };
      if (shown.length > 0) return finish(true, `The page shows ${shown.map((v) => `"${v}"`).join(', ')} after submitting.`);
    }
  }

  // A page titled as a confirmation after a submit is the answer, even if it offers
  // more fields (a newsletter box, a gift card): filling them would be a new task.
  if (fills.length > 0 && submitted && !task.target) {
    const titled = confirmationInTitle(o);
    if (titled && !problemOn(o, task.slots.map((s) => s.value.text))) return finish(true, `The page confirms: "${titled.text}".`);
  }
  if (fills.length > 0) return fillAndSubmit(ctx, fills);
  // A date no field takes by typing: picked in its calendar; a name picked from suggestions; the n-th of a list.
  const picking = datePickStep(task, o, ctx.attempts) ?? choiceStep(task, o, ctx.attempts) ?? valuesChoiceStep(o, missingValues(task, o, ctx.attempts, { bareNames: true }), blocked) ?? ordinalStep(task, o, ctx.attempts, ctx.notes) ?? superlativeStep(task, o);
  if (picking) return picking;
  const shapedStep = shaped ? goalStep({ task, observation: o, attempts: ctx.attempts, blocked }) : undefined;
  if (shapedStep) return shapedStep;

  // 4. Open the result named like the target (or like the searched value, when no search box exists).
  const wanted = acquiredOpened ? undefined : (task.target ?? (task.search && !searched ? task.search.value.text : undefined));
  const result = wanted ? openBest(ctx, wanted) : undefined;
  if (result) return result;

  // 5. A control that carries the task on ("Continue", "Place order"), not pressed here yet;
  // one that commits only once every value of the task went in.
  // The best that can be pressed now: a commit that would go without a value gives way to
  // a control that moves on (the value's field may be on the next page).
  // A commit on a page of fields none of the task's values went into, or could, saves nothing
  // of the task (a settings page's "Update" on the way to its members): not pressed. (One
  // a value could go in first is held back, and says why.)
  const untouched = unentered.length > 0 && !filledOn(ctx.attempts, o.url) && o.elements.some((e) => (elementKind(e) === 'field' || elementKind(e) === 'select') && !isSearchField(e) && !e.disabled);
  const controls = rankedControls(ctx, 'submit').filter((c) => !(untouched && isCommit(c) && blockingValues(c, unentered, o, task.slots).length === 0));
  const control = controls.find((c) => blockingValues(c, unentered, o, task.slots).length === 0) ?? controls[0] ?? savingControl(ctx);
  const section = unentered.length > 0 ? closedSectionStep(exploring(ctx)) : undefined;
  if (section) return section;
  if (control && (task.slots.length > 0 || task.verbs.some((v) => v !== 'open') || switching)) {
    const missing = blockingValues(control, unentered, o, task.slots);
    if (missing.length > 0) return holdBack(ctx, control, missing);
    return { planned: [{ action: { kind: 'click', index: control.index }, element: control, purpose: 'submit', says: `press ${quote(control)}` }], goal: `Press "${labelOf(control)}" to carry the task on` };
  }

  // 6. Nothing here takes the task on: look around before giving up (not after a submit the page did not confirm).
  const looking = submitted && unentered.length === 0 ? undefined : exploreStep(exploring(ctx));
  if (looking) return looking;
  // 7. Nothing useful left: say why.
  if (switching && filledOn(ctx.attempts, o.url)) return finish(true, 'The switches the task names hold what it asked for.');
  if (unentered.length > 0) return finish(false, `${unentered.map((s) => `"${s.value.text}"`).join(', ')} never went in: no field on the way took ${unentered.length > 1 ? 'them' : 'it'}.`);
  if (submitted && !task.target) return finish(false, `Submitted, but the page shows no confirmation (title "${o.title}").`);
  if (wanted) return finish(false, `Nothing on this page is named like "${wanted}".`);
  return finish(false, 'Nothing on this page matches what the task asks for.');
}

/** Values still missing that fields here take ("a note for your approver") go in before the confirmation is pressed. */
function valuesBefore(ctx: DecideContext, confirming: Plan): Plan {
  if (missingValues(ctx.task, ctx.observation, ctx.attempts).length === 0) return confirming;
  const fills = planFills({ task: ctx.task, observation: ctx.observation, blocked: ctx.blocked, placedBefore: new Set(), searched: false, ...(ctx.sem ? { sem: ctx.sem } : {}) });
  if (fills.length === 0) return confirming;
  return { planned: [...fills.slice(0, MAX_ACTIONS - 1), ...confirming.planned], goal: `Fill in ${fills.map((f) => (f.element ? quote(f.element) : '')).filter(Boolean).join(', ')}, then ${confirming.goal.toLowerCase()}` };
}

/** Opens the link or control named most like `wanted`, not tried here yet; undefined when none is close. */
function openBest(ctx: DecideContext, wanted: string): Plan | undefined {
  const { blocked } = ctx;
  const result = best(ctx.observation, (e) => (blocked.isBlocked('click', elementKey(e)) || blocked.wasPressed(elementKey(e)) ? 0 : targetScore(wanted, e, ctx.sem)), TARGET_MIN);
  if (!result) return undefined;
  return { planned: [{ action: { kind: 'click', index: result.index }, element: result, purpose: 'open', says: `open ${quote(result)}` }], goal: `Open "${labelOf(result)}", the best match for "${wanted}"` };
}

/**
 * The thing a task acquires, not opened yet: its link here, else a search for it in the
 * page's search box (once); undefined when neither is here or this page is about it.
 */
function findTarget(ctx: DecideContext, target: string, searched: boolean): Plan | undefined {
  const { observation: o, blocked } = ctx;
  if (pageIsAbout(target, o)) return undefined;
  const result = openBest(ctx, target);
  if (result || searched) return result;
  const box = o.elements.find((e) => elementKind(e) === 'field' && isSearchField(e) && !e.disabled && !blocked.isBlocked('type', elementKey(e)));
  if (!box) return undefined;
  return { planned: [{ action: { kind: 'type', index: box.index, text: target, enter: true }, element: box, purpose: 'search', says: `search for "${target}" in ${quote(box)} and press Enter` }], goal: `Find "${target}": search for it` };
}

function fillAndSubmit(ctx: DecideContext, fills: Planned[]): Plan {
  const planned = fills.slice(0, MAX_ACTIONS - 1);
  const searching = planned.some((p) => p.purpose === 'search');
  // A task that ends with a key ("send it with Control+Enter") ends with the key, not a button.
  if (planned.length === fills.length && !ctx.task.goals.keys) {
    // The control the task names ("… and press Login") before any the words suggest.
    const named = ctx.task.goals.press && !searching ? namedElements(ctx.observation, ctx.task.goals.press.name, ctx.task.goals.press.role).find((e) => !ctx.blocked.isBlocked('click', elementKey(e))) : undefined;
    const control = named ?? rankedControls(ctx, searching ? 'search' : 'submit', planned.flatMap((p) => (p.element ? [p.element] : [])))[0];
    // Values this step puts in count as entered; any other still missing holds a commit back.
    const placing = new Set(planned.flatMap((p) => (p.slot ? [p.slot] : [])));
    // …and so does a value that names a field this step fills (the grid cell "Lunch Wednesday") or its row.
    const located = (s: TaskSlot) => planned.some((p) => p.slot && p.element && (containsPhrase(labelOf(p.element), s.value.text) || containsPhrase(p.element.locator?.row ?? '', s.value.text)));
    const missing = control ? blockingValues(control, missingValues(ctx.task, ctx.observation, ctx.attempts), ctx.observation, ctx.task.slots).filter((s) => !placing.has(s) && !located(s)) : [];
    // A date still to be picked in this page's calendar goes in before anything moves on.
    const datePending = !searching && datePickStep(ctx.task, ctx.observation, ctx.attempts) !== undefined;
    if (control && missing.length === 0 && !datePending) planned.push({ action: { kind: 'click', index: control.index }, element: control, purpose: named ? 'press' : searching ? 'search' : 'submit', says: `press ${quote(control)}` });
    else if (searching) {
      // No search button: Enter in the search box submits it.
      const i = planned.findLastIndex((p) => p.purpose === 'search');
      const p = planned[i]!;
      if (p.action.kind === 'type') planned[i] = { ...p, action: { ...p.action, enter: true }, says: `${p.says} and press Enter` };
    }
  }
  const fields = planned.filter((p) => p.action.kind !== 'click' || p.purpose === 'toggle').map((p) => (p.element ? `"${labelOf(p.element)}"` : 'a field'));
  const press = planned.at(-1)?.action.kind === 'click' && planned.at(-1)!.purpose !== 'toggle' ? ` and press "${labelOf(planned.at(-1)!.element!)}"` : '';
  return { planned, goal: `Fill in ${fields.join(', ')}${press}` };
}

/** Every step of a learned workflow ran and had the effect it had in the run it came from: that run's end. */
function afterWorkflow(task: ParsedTask, o: Observation): Plan {
  const problem = problemOn(o, task.slots.map((s) => s.value.text));
  if (problem) return finish(false, `The learned workflow ran to its end, but the page reports a problem: "${problem.text}".`);
  return finish(true, 'The learned workflow ran to its end, and each step had the effect it had when it worked before.');
}

/**
 * A commit held back for a missing value: a moment's wait for a form still opening,
 * then a look where its field may be (another tab or section, the task's words first),
 * then the reason.
 */
function holdBack(ctx: DecideContext, control: Observation['elements'][number], missing: TaskSlot[]): Plan {
  const { observation: o, attempts } = ctx;
  const next = heldBack(control, missing, o, attempts);
  if (next.wait) return { planned: [{ action: { kind: 'wait', seconds: 1 }, purpose: 'fill', says: `wait for a field for ${missing.map((s) => `"${s.value.text}"`).join(', ')}` }], goal: `Wait: "${labelOf(control)}" needs ${missing.map((s) => `"${s.value.text}"`).join(', ')} first` };
  const look = revealStep({ task: ctx.task, observation: o, attempts, blocked: ctx.blocked }, missing[0]!.value.text);
  if (look && look.planned[0]?.action.kind !== 'wait' && look.planned[0]?.action.kind !== 'scroll') return look;
  return exploreStep(exploring(ctx)) ?? finish(false, next.why);
}

function exploring(ctx: DecideContext): ExploreContext {
  return { task: ctx.task, observation: ctx.observation, attempts: ctx.attempts, blocked: ctx.blocked, taskPhrase: taskPhrase(ctx.task), ...(ctx.sem ? { sem: ctx.sem } : {}) };
}

function finish(success: boolean, text: string): Plan {
  return { planned: [{ action: { kind: 'done', success, text }, purpose: 'finish', says: success ? 'the page shows the task done' : 'nothing useful is left to do' }], goal: `Finish: ${text}` };
}

function goalOf(planned: Planned[], remarks: string[]): string {
  const noted = remarks.length ? ` (${remarks.join('; ')})` : '';
  return `${planned.map((p) => p.says).join('; ')}${noted}`;
}

/** An honest account of the previous step: each action that ran, and what came of it. */
function evaluate(history: readonly Step[]): string {
  const step = history.at(-1);
  if (!step) return 'First step: nothing done yet.';
  const parts = step.results.map((r, i) => {
    const a = step.output.actions[i]!;
    const what = a.intent ?? a.kind;
    return r.ok ? `${what} — done` : `${what} — failed (${r.error?.code ?? 'error'}: ${r.error?.message ?? 'no reason given'})`;
  });
  const notRun = step.output.actions.length - step.results.length;
  if (notRun > 0) parts.push(`${notRun} more action${notRun > 1 ? 's' : ''} not run (the page changed first)`);
  const lastResult = step.results.at(-1);
  const effect = !lastResult ? '' : lastResult.navigated ? ` The page moved on${lastResult.url ? ` to ${lastResult.url}` : ''}.` : lastResult.pageChanged ? ' The page changed.' : lastResult.ok ? ' Nothing visible changed.' : '';
  return `${parts.join('; ')}.${effect}`.slice(0, 2_000);
}
