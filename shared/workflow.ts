// Workflows (Agent Workflow Memory): a reusable procedure induced from a successful
// run. The task becomes a template with named variables ("Subscribe {name} ({email})
// to the newsletter"), each step keeps what it did and a descriptor of the element it
// did it to, and its parameters are templates over the same variables. A new task
// binds the variables (`bindWorkflow`); each step is then made concrete (`instantiate`).
import { z } from 'zod';
import { ScrollAction, WaitAction } from './actions';
import { ElementDescriptor } from './model';
import { BoundingBox } from './observation';
import { extractValues, fitsKind, type TaskValue, type ValueKind, VALUE_KINDS } from './task-values';
import { contentWords, coverage } from './words';

export const VARIABLE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
/** `{name}` in a template; `{{` and `}}` stand for literal braces. */
const SLOT = /\{\{|\}\}|\{([a-z][a-z0-9_]{0,39})\}/g;

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
 */
export const WorkflowTarget = ElementDescriptor.extend({ box: BoundingBox.optional() });
export type WorkflowTarget = z.infer<typeof WorkflowTarget>;

const template = z.string().max(2_000);
const intent = z.string().max(300).optional();

export const WorkflowStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('click'), target: WorkflowTarget, intent }),
  z.object({ kind: z.literal('type'), target: WorkflowTarget, text: template, enter: z.boolean().optional(), intent }),
  z.object({ kind: z.literal('select'), target: WorkflowTarget, option: template, intent }),
  z.object({ kind: z.literal('scroll'), direction: ScrollAction.shape.direction, pages: ScrollAction.shape.pages, target: WorkflowTarget.optional(), intent }),
  z.object({ kind: z.literal('navigate'), url: template, intent }),
  z.object({ kind: z.literal('back'), intent }),
  z.object({ kind: z.literal('wait'), seconds: WaitAction.shape.seconds, intent }),
  z.object({ kind: z.literal('extract'), query: template.optional(), intent }),
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
export function slotNames(text: string): string[] {
  return [...text.matchAll(SLOT)].flatMap((m) => (m[1] ? [m[1]] : []));
}

function stepSlots(step: WorkflowStep): string[] {
  const texts: string[] = [];
  if ('target' in step && step.target) texts.push(step.target.name, step.target.label ?? '');
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
  const out = text.replace(SLOT, (whole, name: string | undefined) => {
    if (!name) return whole === '{{' ? '{' : '}';
    const value = bindings[name];
    if (value === undefined) {
      missing = true;
      return whole;
    }
    return encode(value);
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
    if (name === null || label === null) return null;
    target = { ...step.target, name, ...(label !== undefined ? { label } : {}) };
  }
  switch (step.kind) {
    case 'click':
      return { ...step, target: target! };
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

function bindByTemplate(workflow: Pick<Workflow, 'task' | 'variables'>, task: string): Bindings | null {
  const kinds = new Map(workflow.variables.map((v) => [v.name, v.kind]));
  const order: string[] = [];
  let pattern = '';
  let last = 0;
  const literal = (s: string) =>
    s
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(escapeRegex)
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
    if (!fitsKind(value, kind)) return null;
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
  const literalWords = contentWords(workflow.task.replace(SLOT, ' '));
  if (literalWords.length > 0 && coverage(literalWords, contentWords(task)) < 0.6) return null;
  const values = extractValues(task);
  const used = new Set<TaskValue>();
  const bindings: Bindings = {};
  // Each variable once, in template order (a variable repeated in the template binds once).
  const ordered = [...new Set(slotNames(workflow.task))];
  const kinds = new Map(workflow.variables.map((v) => [v.name, v.kind]));
  const take = (pred: (v: TaskValue) => boolean) => {
    const v = values.find((x) => !used.has(x) && pred(x));
    if (v) used.add(v);
    return v;
  };
  for (const name of ordered) {
    const kind = kinds.get(name) ?? 'text';
    const value = kind === 'text' ? (take((v) => v.quoted) ?? take(() => true)) : (take((v) => v.kind === kind) ?? take((v) => v.quoted && fitsKind(v.text, kind)));
    if (!value) return null;
    bindings[name] = value.text;
  }
  if (used.size !== values.length) return null;
  return complete(workflow, bindings);
}

/** Bindings are only useful when every declared variable has a value. */
function complete(workflow: Pick<Workflow, 'variables'>, bindings: Bindings): Bindings | null {
  return workflow.variables.every((v) => bindings[v.name] !== undefined) ? bindings : null;
}

/**
 * A task turned into a template: each value found by shape becomes a variable named
 * after its kind (`{name}`, `{email}`, `{number2}`…). What a condenser stores with a
 * workflow; `bindWorkflow(abstractTask(t), t)` gives the values back.
 */
export function abstractTask(task: string): { task: string; variables: WorkflowVariable[]; bindings: Bindings } {
  const counts = new Map<ValueKind, number>();
  const variables: WorkflowVariable[] = [];
  const bindings: Bindings = {};
  const byValue = new Map<string, string>();
  let out = '';
  let last = 0;
  for (const v of extractValues(task)) {
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

const escapeBraces = (s: string) => s.replace(/[{}]/g, (b) => b + b);

/**
 * A step parameter as a template: occurrences of bound values in `text` replaced by
 * their variables, longest value first ("ada@x.org" → "{email}").
 */
export function templateFor(text: string, bindings: Bindings): string {
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(bindings)) if (value.length > 0 && !byValue.has(value.toLowerCase())) byValue.set(value.toLowerCase(), name);
  if (byValue.size === 0) return escapeBraces(text);
  const values = [...byValue.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(values.map(escapeRegex).join('|'), 'gi');
  // One pass, so a value is never looked for inside a slot already written.
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeBraces(text.slice(last, m.index)) + `{${byValue.get(m[0].toLowerCase())}}`;
    last = m.index + m[0].length;
  }
  return out + escapeBraces(text.slice(last));
}
