// Workflows (Agent Workflow Memory): a reusable procedure induced from a successful
// run. The task becomes a template with named variables ("Subscribe {name} ({email})
// to the newsletter"), each step keeps what it did and a descriptor of the element it
// did it to, and its parameters are templates over the same variables. A new task
// binds the variables (`bindWorkflow`); each step is then made concrete (`instantiate`).
import { z } from 'zod';
import { KeyAction, ScrollAction, WaitAction } from './actions';
import { ActionPurpose, ElementDescriptor } from './model';
import { BoundingBox } from './observation';
import { formatDate, parseDate } from './dates';
import { amountDigits, extractValues, fitsKind, type TaskValue, type ValueKind, VALUE_KINDS } from './task-values';
import { contentWords, coverage, marksAround, normalizeText } from './words';

export const VARIABLE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/**
 * `{name}` in a template; `{{` and `}}` stand for literal braces. A date variable may
 * say how it is written there: `{date:yyyy-mm-dd}` (the run typed the task's "8 June
 * 2027" into a date field as 2027-06-08), in the patterns of `formatDate`; an amount,
 * `{number:digits}` (the task's "£300" typed as 300 beside a field's own "£").
 */
const SLOT = /\{\{|\}\}|\{([a-z][a-z0-9_]{0,39})(?::([dmyMW][dmyMW./, -]{1,20}[dmyM]|digits))?\}/g;
const DIGITS = 'digits';
/** How a run may have written one of its task's dates in a field or a label, when not as the task did. */
const DATE_RENDERINGS = ['yyyy-mm-dd', 'mm/dd/yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'd MMMM yyyy', 'MMMM d, yyyy', 'd MMM yyyy', 'MMM d, yyyy', 'WWWW d MMMM yyyy', 'WWWW, d MMMM yyyy', 'WWWW, MMMM d, yyyy'];

export const WorkflowVariable = z.object({
  name: z.string().regex(VARIABLE_NAME),
  kind: z.enum(VALUE_KINDS as [ValueKind, ...ValueKind[]]),
  /** The value it had in the run the workflow came from (shown to the user). */
  example: z.string().max(500).optional(),
});
export type WorkflowVariable = z.infer<typeof WorkflowVariable>;

/**
 * The element a step acted on, as it was seen then. `name` and `label` may hold
 * variables (a search result named after the query); the box is only a tie-breaker.
 * `rowKeys`: for a control repeated row by row, the task's values its row held (as
 * variables, "{number2}" for the card ending 4584): the row holding the new task's
 * values is the one to act in. The row's other text is not kept.
 */
export const WorkflowTarget = ElementDescriptor.omit({ row: true }).extend({ box: BoundingBox.optional(), rowKeys: z.array(z.string().max(200)).max(5).optional() });
export type WorkflowTarget = z.infer<typeof WorkflowTarget>;

const template = z.string().max(2_000);
const intent = z.string().max(300).optional();

/**
 * What a step did when it was recorded, checked again when it is replayed: the page
 * moved on (navigated), the page changed, the field then held `value` (a template).
 * A replayed step without its effect ends the replay.
 */
export const StepEffect = z.object({
  navigated: z.boolean().optional(),
  changed: z.boolean().optional(),
  value: template.optional(),
});
export type StepEffect = z.infer<typeof StepEffect>;

/** Fields every step may carry: why it was taken (shown), what it was for, what it did. */
const common = { intent, purpose: ActionPurpose.optional(), effect: StepEffect.optional() };

export const WorkflowStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), target: WorkflowTarget, ...common }),
  z.object({ kind: z.literal('type'), target: WorkflowTarget, text: template, enter: z.boolean().optional(), ...common }),
  z.object({ kind: z.literal('select'), target: WorkflowTarget, option: template, ...common }),
  z.object({ kind: z.literal('hover'), target: WorkflowTarget, ...common }),
  z.object({ kind: z.literal('key'), keys: KeyAction.shape.keys, target: WorkflowTarget.optional(), ...common }),
  z.object({ kind: z.literal('drag'), target: WorkflowTarget, to: WorkflowTarget.optional(), dx: z.number().optional(), dy: z.number().optional(), ...common }),
  z.object({ kind: z.literal('scroll'), direction: ScrollAction.shape.direction, pages: ScrollAction.shape.pages, target: WorkflowTarget.optional(), ...common }),
  z.object({ kind: z.literal('navigate'), url: template, ...common }),
  z.object({ kind: z.literal('back'), ...common }),
  z.object({ kind: z.literal('wait'), seconds: WaitAction.shape.seconds, ...common }),
  z.object({ kind: z.literal('extract'), query: template.optional(), ...common }),
]);
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const Workflow = z
  .object({
    /** The task as a template, e.g. "Subscribe {name} ({email}) to the newsletter". */
    task: z.string().min(1).max(2_000),
    variables: z.array(WorkflowVariable).max(20),
    steps: z.array(WorkflowStep).min(1).max(50),
    /** Where it was learned, e.g. https://shop.example. */
    origin: z.string().optional(),
  })
  .superRefine((w, ctx) => {
    const declared = new Set(w.variables.map((v) => v.name));
    if (declared.size !== w.variables.length) ctx.addIssue({ code: 'custom', path: ['variables'], message: 'variable names must be unique' });
    const inTask = new Set(slotNames(w.task));
    for (const v of declared) if (!inTask.has(v)) ctx.addIssue({ code: 'custom', path: ['variables'], message: `variable {${v}} does not occur in the task template` });
    w.steps.forEach((step, i) => {
      for (const name of stepSlots(step)) if (!declared.has(name)) ctx.addIssue({ code: 'custom', path: ['steps', i], message: `{${name}} is not a declared variable` });
    });
  });
export type Workflow = z.infer<typeof Workflow>;

export type Bindings = Record<string, string>;

/** A workflow with its variables bound to the task at hand; what the coach hands a policy. */
export const BoundWorkflow = z.object({
  workflow: Workflow,
  bindings: z.record(z.string(), z.string()),
  /** The memory item it came from, for credit and blame. */
  memoryId: z.string().optional(),
});
export type BoundWorkflow = z.infer<typeof BoundWorkflow>;

/** Variable names used in a template, in order. */
/** The variables written in a template, each as written ("{number2}", "{date:yyyy-mm-dd}"). */
export function slotTokens(text: string): string[] {
  return [...text.matchAll(SLOT)].flatMap((m) => (m[1] ? [m[0]] : []));
}

/** Each variable written in a template with the marks either side of it (marksAround). */
export function slotsInPlace(text: string): { token: string; before?: string; after?: string }[] {
  return [...text.matchAll(SLOT)].flatMap((m) => {
    if (!m[1]) return [];
    const { before, after } = marksAround(text, m.index!, m.index! + m[0].length);
    // Another variable beside it ("{first} {last}") is no mark.
    return [{ token: m[0], ...(before !== undefined && before !== '}' ? { before } : {}), ...(after !== undefined && after !== '{' ? { after } : {}) }];
  });
}

/** The words a template spells out itself, without its variables' values ("leave it on the front porch"). */
export function literalWords(template: string): string[] {
  return contentWords(template.replace(SLOT, ' '));
}

export function slotNames(text: string): string[] {
  return [...text.matchAll(SLOT)].flatMap((m) => (m[1] ? [m[1]] : []));
}

function stepSlots(step: WorkflowStep): string[] {
  const texts: string[] = [];
  if ('target' in step && step.target) texts.push(step.target.name, step.target.label ?? '', step.target.near ?? '', ...(step.target.rowKeys ?? []));
  if (step.effect?.value) texts.push(step.effect.value);
  if (step.kind === 'type') texts.push(step.text);
  if (step.kind === 'select') texts.push(step.option);
  if (step.kind === 'navigate') texts.push(step.url);
  if (step.kind === 'extract') texts.push(step.query ?? '');
  return texts.flatMap(slotNames);
}

/**
 * Fills a template's variables; null when one of them is not bound. `encode` is
 * applied to each value (URL templates encode their values).
 */
export function fillTemplate(text: string, bindings: Bindings, encode: (v: string) => string = (v) => v): string | null {
  let missing = false;
  const out = text.replace(SLOT, (whole, name: string | undefined, pattern: string | undefined) => {
    if (!name) return whole === '{{' ? '{' : '}';
    const value = bindings[name];
    if (pattern === DIGITS && value !== undefined && /\d/.test(value)) return encode(amountDigits(value));
    const date = pattern && pattern !== DIGITS && value !== undefined ? parseDate(value) : null;
    if (value === undefined || (pattern && !date)) {
      missing = true;
      return whole;
    }
    return encode(date ? formatDate(date, pattern!) : value);
  });
  return missing ? null : out;
}

/** A step with every template filled in; null when a variable it needs is not bound. */
export function instantiate(step: WorkflowStep, bindings: Bindings): WorkflowStep | null {
  const fill = (t: string) => fillTemplate(t, bindings);
  let target: WorkflowTarget | undefined;
  if ('target' in step && step.target) {
    const name = fill(step.target.name);
    const label = step.target.label === undefined ? undefined : fill(step.target.label);
    const near = step.target.near === undefined ? undefined : fill(step.target.near);
    const rowKeys = step.target.rowKeys?.map(fill);
    if (name === null || label === null || near === null || rowKeys?.includes(null)) return null;
    target = { ...step.target, name, ...(label !== undefined ? { label } : {}), ...(near !== undefined ? { near } : {}), ...(rowKeys ? { rowKeys: rowKeys as string[] } : {}) };
  }
  if (step.effect?.value !== undefined) {
    const value = fill(step.effect.value);
    if (value === null) return null;
    step = { ...step, effect: { ...step.effect, value } };
  }
  switch (step.kind) {
    case 'click':
    case 'hover':
      return { ...step, target: target! };
    case 'key':
      return target ? { ...step, target } : step;
    case 'drag': {
      if (!step.to) return { ...step, target: target! };
      const to = fill(step.to.name);
      return to === null ? null : { ...step, target: target!, to: { ...step.to, name: to } };
    }
    case 'type': {
      const text = fill(step.text);
      return text === null ? null : { ...step, target: target!, text };
    }
    case 'select': {
      const option = fill(step.option);
      return option === null ? null : { ...step, target: target!, option };
    }
    case 'scroll':
      return target ? { ...step, target } : step;
    case 'navigate': {
      const url = fillTemplate(step.url, bindings, encodeURIComponent);
      return url === null ? null : { ...step, url };
    }
    case 'extract': {
      if (step.query === undefined) return step;
      const query = fill(step.query);
      return query === null ? null : { ...step, query };
    }
    case 'back':
    case 'wait':
      return step;
  }
}

/**
 * Binds a workflow's variables to a new task, or returns null when the task is not
 * an instance of it. The rule, in order:
 * 1. Template match: the template's literal text must match the task (ignoring case,
 *    spacing and final punctuation); each variable captures the text in its place,
 *    quotes removed, and that text must fit the variable's kind (an email for
 *    `email`, a number for `number`, a date for `date`, a capitalised word for `name`…).
 * 2. Otherwise, by kinds: the task's values are found by shape (quoted strings,
 *    emails, URLs, phone numbers, dates, numbers, capitalised names). Each variable
 *    takes the next unused value that fits its kind, in order (a `text` variable
 *    takes quoted strings first, then any value left); every variable must get one,
 *    no value may be left over, and at least 60% of the template's own content words
 *    must occur in the task — so "Please subscribe Grace (g@x.org) to our newsletter"
 *    binds "Subscribe {name} ({email}) to the newsletter", but "Unsubscribe g@x.org" does not.
 */
export function bindWorkflow(workflow: Pick<Workflow, 'task' | 'variables'>, task: string): Bindings | null {
  return bindByTemplate(workflow, task) ?? bindByKinds(workflow, task);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where the template's own words pin a number's place, a short code may stand there
 * instead: sizes ("size M" where the demonstration had "size 39"), seats, grades.
 */
const SHORT_CODE = /^[A-Z0-9]{1,3}$/;

/** Binds by the template's literal text alone (rule 1 of bindWorkflow): the task is this template's instance, word for word. */
export function bindByTemplate(workflow: Pick<Workflow, 'task' | 'variables'>, task: string): Bindings | null {
  const kinds = new Map(workflow.variables.map((v) => [v.name, v.kind]));
  const order: string[] = [];
  let pattern = '';
  let last = 0;
  const literal = (s: string) =>
    s
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      // "a" or "an" goes with the next word, which may be a value ("an Aisle seat", "a Window seat").
      .map((w) => (/^an?$/i.test(w) ? 'an?' : escapeRegex(w)))
      .join('\\s+');
  for (const m of workflow.task.matchAll(SLOT)) {
    const before = workflow.task.slice(last, m.index);
    last = m.index + m[0].length;
    if (!m[1]) {
      pattern += `\\s*${literal(before)}\\s*${escapeRegex(m[0][0]!)}`;
      continue;
    }
    pattern += `\\s*${literal(before)}\\s*(.+?)`;
    order.push(m[1]);
  }
  pattern += `\\s*${literal(workflow.task.slice(last).replace(/[.!?\s]+$/, ''))}[.!?\\s]*`;
  const match = new RegExp(`^${pattern}$`, 'iu').exec(task.trim());
  if (!match) return null;
  const bindings: Bindings = {};
  for (const [i, name] of order.entries()) {
    const value = unquote(match[i + 1] ?? '');
    const kind = kinds.get(name) ?? 'text';
    if (!fitsKind(value, kind) && !(kind === 'number' && SHORT_CODE.test(value))) return null;
    if (bindings[name] !== undefined && bindings[name] !== value) return null;
    bindings[name] = value;
  }
  return complete(workflow, bindings);
}

function unquote(s: string): string {
  const t = s.trim();
  const m = /^(["“‘'«])(.*)(["”’'»])$/su.exec(t);
  return (m ? m[2]! : t).trim();
}

function bindByKinds(workflow: Pick<Workflow, 'task' | 'variables'>, task: string): Bindings | null {
  const literal = literalWords(workflow.task);
  if (literal.length > 0 && coverage(literal, contentWords(task)) < 0.6) return null;
  const values = extractValues(task);
  const used = new Set<TaskValue>();
  const bindings: Bindings = {};
  // Each variable once, in template order (a variable repeated in the template binds once).
  const ordered = [...new Set(slotNames(workflow.task))];
  const byName = new Map(workflow.variables.map((v) => [v.name, v]));
  // Of the numbers that fit, the one written like the variable's example (an amount "£250"
  // for the example "£300", a card "8903" for "4584"), else the first: two numbers may come
  // in the other order in another wording. Names go by order ("Window" is no surname for
  // being as long as "Clarke").
  const take = (pred: (v: TaskValue) => boolean, example?: string) => {
    const fits = values.filter((x) => !used.has(x) && pred(x));
    const likeness = fits.map((x) => (example === undefined ? 0 : shapeLikeness(x.text, example)));
    const v = fits[likeness.indexOf(Math.max(...likeness))];
    if (v) used.add(v);
    return v;
  };
  for (const name of ordered) {
    const kind = byName.get(name)?.kind ?? 'text';
    const example = byName.get(name)?.example;
    const value = kind === 'text' ? (take((v) => v.quoted) ?? take(() => true)) : (take((v) => v.kind === kind, kind === 'number' ? example : undefined) ?? take((v) => v.quoted && fitsKind(v.text, kind)));
    if (!value) return null;
    bindings[name] = value.text;
  }
  // A value the template spells out as a constant ("… press Submit") is not left over.
  const spelled = normalizeText(workflow.task.replace(SLOT, ' '));
  if (values.some((v) => !used.has(v) && !spelled.includes(normalizeText(v.text)))) return null;
  return complete(workflow, bindings);
}

/** How a value is written: letters as a/A, digits as 9, everything else as itself ("£250" → "£999"). */
function shapeOf(text: string): string {
  return text.replace(/\p{Lu}/gu, 'A').replace(/\p{Ll}/gu, 'a').replace(/\p{N}/gu, '9');
}

/** How alike two values are written: the same sign before them (£, $, #) most, then the same shape, then the same length. */
function shapeLikeness(text: string, example: string): number {
  const a = shapeOf(text.trim());
  const b = shapeOf(example.trim());
  const lead = (s: string) => /^[^9aA]*/u.exec(s)![0];
  return (lead(a) === lead(b) ? 2 : 0) + (a === b ? 1 : 0) + (a.length === b.length ? 0.5 : 0);
}

/** Bindings are only useful when every declared variable has a value. */
function complete(workflow: Pick<Workflow, 'variables'>, bindings: Bindings): Bindings | null {
  return workflow.variables.every((v) => bindings[v.name] !== undefined) ? bindings : null;
}

/**
 * A task turned into a template: each value found by shape becomes a variable named
 * after its kind (`{name}`, `{email}`, `{number2}`…). What a condenser stores with a
 * workflow; `bindWorkflow(abstractTask(t), t)` gives the values back.
 *
 * With `entered` (the texts a run typed or chose), only the task's values become
 * variables: quoted strings, emails, numbers, dates and the like always, a bare
 * capitalised word only when the run entered it. A word that names a control
 * ("… and press Submit") stays a constant, until two instances are seen to differ
 * there (generalizeWorkflows). Without `entered`, every value found by shape is
 * abstracted: what clusterOf groups instances of one kind of task by.
 */
export function abstractTask(task: string, opts: { entered?: readonly string[] } = {}): { task: string; variables: WorkflowVariable[]; bindings: Bindings } {
  const counts = new Map<ValueKind, number>();
  const variables: WorkflowVariable[] = [];
  const bindings: Bindings = {};
  const byValue = new Map<string, string>();
  const entered = opts.entered?.map((t) => t.toLowerCase());
  const isValue = (v: TaskValue) => !entered || v.quoted || v.kind !== 'name' || entered.some((t) => t.includes(v.text.toLowerCase()));
  let out = '';
  let last = 0;
  for (const v of extractValues(task)) {
    if (!isValue(v)) continue;
    let name = byValue.get(v.text);
    if (!name) {
      const n = (counts.get(v.kind) ?? 0) + 1;
      counts.set(v.kind, n);
      name = n === 1 ? v.kind : `${v.kind}${n}`;
      byValue.set(v.text, name);
      variables.push({ name, kind: v.kind, example: v.text.slice(0, 500) });
      bindings[name] = v.text;
    }
    const raw = task.slice(v.start, v.end);
    // Quotes stay in the template: they are part of how the task is phrased.
    const slot = v.quoted ? `${raw[0]}{${name}}${raw.at(-1)}` : `{${name}}`;
    out += escapeBraces(task.slice(last, v.start)) + slot;
    last = v.end;
  }
  out += escapeBraces(task.slice(last));
  return { task: out, variables, bindings };
}

/** The task a workflow was learned from: its template with each variable's example. */
export function exampleTask(workflow: Pick<Workflow, 'task' | 'variables'>): string | null {
  const examples: Bindings = {};
  for (const v of workflow.variables) {
    if (v.example === undefined) return null;
    examples[v.name] = v.example;
  }
  return fillTemplate(workflow.task, examples);
}

/** A step with its variables filled in, then its texts templated over other bindings. */
function retemplated(step: WorkflowStep, from: Bindings, to: Bindings): WorkflowStep | null {
  const concrete = instantiate(step, from);
  if (!concrete) return null;
  const t = (text: string) => templateFor(text, to);
  const out: WorkflowStep = { ...concrete };
  if ('target' in out && out.target) out.target = { ...out.target, name: t(out.target.name), ...(out.target.label !== undefined ? { label: t(out.target.label) } : {}), ...(out.target.near !== undefined ? { near: t(out.target.near) } : {}), ...(out.target.rowKeys ? { rowKeys: out.target.rowKeys.map(t) } : {}) };
  if (out.kind === 'type') out.text = t(out.text);
  if (out.kind === 'select') out.option = t(out.option);
  if (out.kind === 'navigate') out.url = t(out.url);
  if (out.kind === 'extract' && out.query !== undefined) out.query = t(out.query);
  if (out.effect?.value !== undefined) out.effect = { ...out.effect, value: t(out.effect.value) };
  return out;
}

/** What identifies a step's procedure, apart from where its element sat. */
function stepShape(s: WorkflowStep): string {
  const target = 'target' in s && s.target ? `${s.target.role}|${s.target.name}` : '';
  const text = s.kind === 'type' ? s.text : s.kind === 'select' ? s.option : s.kind === 'navigate' ? s.url : '';
  return `${s.kind}|${target}|${text}`;
}

/**
 * Anti-unification of two workflows learned from two instances of one kind of task:
 * where the two tasks differ in a word the first kept as a constant ("Follow the link
 * Pricing" / "… Features"), that word becomes a variable in both, and the steps are
 * templated over the new variables. Returns null when the tasks are not instances of
 * one template or the procedures differ beyond their variables.
 */
export function generalizeWorkflows(a: Workflow, b: Workflow): Workflow | null {
  const ta = exampleTask(a);
  const tb = exampleTask(b);
  if (ta === null || tb === null) return null;
  const fa = abstractTask(ta);
  const fb = abstractTask(tb);
  if (fa.task !== fb.task || a.steps.length !== b.steps.length) return null;
  const valuesA = extractValues(ta);
  const valuesB = extractValues(tb);
  if (valuesA.length !== valuesB.length) return null;
  const honestA = new Set(Object.values(bindWorkflow(a, ta) ?? {}).map((v) => v.toLowerCase()));
  const honestB = new Set(Object.values(bindWorkflow(b, tb) ?? {}).map((v) => v.toLowerCase()));
  // A position is a variable when either template has it as one, or the instances differ there.
  const keep = valuesA.map((va, i) => {
    const vb = valuesB[i]!;
    return honestA.has(va.text.toLowerCase()) || honestB.has(vb.text.toLowerCase()) || va.text.toLowerCase() !== vb.text.toLowerCase();
  });
  const merged = (task: string, values: TaskValue[]) => abstractTask(task, { entered: values.filter((_, i) => keep[i]).map((v) => v.text) });
  // Quoted values and non-names are variables anyway; names kept only where `keep` says.
  const ma = merged(ta, valuesA);
  const mb = merged(tb, valuesB);
  if (ma.task !== mb.task) return null;
  const fromA = bindWorkflow(a, ta);
  const fromB = bindWorkflow(b, tb);
  if (!fromA || !fromB) return null;
  const stepsA = a.steps.map((s) => retemplated(s, fromA, ma.bindings));
  const stepsB = b.steps.map((s) => retemplated(s, fromB, mb.bindings));
  if (stepsA.some((s) => !s) || stepsB.some((s) => !s)) return null;
  if (stepsA.some((s, i) => stepShape(s!) !== stepShape(stepsB[i]!))) return null;
  const parsed = Workflow.safeParse({ ...b, task: mb.task, variables: mb.variables, steps: stepsB });
  return parsed.success ? parsed.data : null;
}

const escapeBraces = (s: string) => s.replace(/[{}]/g, (b) => b + b);

/**
 * A step parameter as a template: occurrences of bound values in `text` replaced by
 * their variables, longest value first ("ada@x.org" → "{email}").
 */
export function templateFor(text: string, bindings: Bindings): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(bindings)) if (value.length > 0 && !byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), `{${name}}`);
  // A date the run wrote another way than the task ("2027-06-08" for "8 June 2027") is that date too.
  for (const [name, value] of Object.entries(bindings)) {
    const date = parseDate(value);
    if (!date) continue;
    for (const pattern of DATE_RENDERINGS) {
      const written = formatDate(date, pattern).toLowerCase();
      if (!byValue.has(written)) byValue.set(written, `{${name}:${pattern}}`);
    }
  }
  // An amount typed without its currency ("300" for "£300") is that amount too; only an
  // amount: the "28" of a date "28 April" is no value of its own.
  for (const [name, value] of Object.entries(bindings)) {
    const digits = amountDigits(value);
    if (digits !== value && /\d/.test(digits) && fitsKind(value, 'number') && !byValue.has(digits)) byValue.set(digits, `{${name}:${DIGITS}}`);
  }
  if (byValue.size === 0) return escapeBraces(text);
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(values.map(escapeRegex).join('|'), 'gi');
  // One pass, so a value is never looked for inside a slot already written.
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeBraces(text.slice(last, m.index)) + byValue.get(m[0].toLowerCase())!;
    last = m.index + m[0].length;
  }
  return out + escapeBraces(text.slice(last));
}
