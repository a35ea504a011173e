// The model's reply → a validated AgentOutput. Small models wrap the JSON in prose,
// fences and <think> blocks, rename fields and misshape actions; this repairs what
// has one possible meaning, names every repair, and otherwise rejects the reply with
// an error precise enough to send back to the model.
import { z } from 'zod';
import { type ActionRepair, canonicalKey, isPlainObject, looksLikeAction, repairAction } from './action-repair';
import type { Action } from './actions';
import { type Candidate, findJson } from './json-in-reply';
import { AgentOutput } from './model';
import { type Relaxation, readWholeJson } from './relaxed-json';

export type ParsedAgentOutput = { ok: true; output: AgentOutput; repairs: string[] } | { ok: false; error: string };

type Json = Record<string, unknown>;
type Field = 'evaluation' | 'notes' | 'nextGoal' | 'actions';

/** Names small models give the top-level fields, canonical form (see `canonicalKey`). */
const FIELD_NAMES: Record<string, Field> = {
  evaluation: 'evaluation',
  eval: 'evaluation',
  evaluationpreviousgoal: 'evaluation',
  evaluationofpreviousgoal: 'evaluation',
  evaluationpreviousstep: 'evaluation',
  evaluationofpreviousstep: 'evaluation',
  evaluationofthepreviousstep: 'evaluation',
  previousgoalevaluation: 'evaluation',
  previousstepevaluation: 'evaluation',
  notes: 'notes',
  note: 'notes',
  memory: 'notes',
  workingmemory: 'notes',
  workingnotes: 'notes',
  scratchpad: 'notes',
  nextgoal: 'nextGoal',
  goal: 'nextGoal',
  nextobjective: 'nextGoal',
  actions: 'actions',
  action: 'actions',
  actionlist: 'actions',
};

/** How many actions one step may have, read from the schema so prompt, parser and validator agree. */
export const ACTIONS_PER_STEP: { min: number; max: number } = (() => {
  const schema = z.toJSONSchema(AgentOutput.shape.actions) as { minItems?: number; maxItems?: number };
  return { min: schema.minItems ?? 1, max: schema.maxItems ?? Number.POSITIVE_INFINITY };
})();
/** How deep a JSON string may hold another encoded reply. */
const MAX_DECODE_DEPTH = 2;

// ---------------------------------------------------------------- the reply's shape

/** The fields of an agent output under whatever names the model used; an error if two names claim one field. */
function mapFields(obj: Json, repairs: string[]): { fields: Partial<Record<Field, unknown>>; keys: Partial<Record<Field, string>>; rest: Json } | string {
  const fields: Partial<Record<Field, unknown>> = {};
  const keys: Partial<Record<Field, string>> = {};
  const rest: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    const field = FIELD_NAMES[canonicalKey(k)];
    if (!field) {
      rest[k] = v;
      continue;
    }
    if (keys[field] !== undefined) return `both "${keys[field]}" and "${k}" are given for "${field}"; cannot tell which is meant`;
    keys[field] = k;
    fields[field] = v;
    if (k !== field) repairs.push(`renamed "${k}" to "${field}"`);
  }
  return { fields, keys, rest };
}

/** Has a field of an agent output. `{"action": "click", "index": 3}` is an action, not an output. */
function isOutputLike(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, value]) => {
    const field = FIELD_NAMES[canonicalKey(k)];
    return field !== undefined && (field !== 'actions' || typeof value !== 'string' || /^\s*[[{]/.test(value));
  });
}

/** `{"response": {…output…}}` → the inner object. */
function unwrapSingleKey(v: unknown, repairs: string[]): unknown {
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && !FIELD_NAMES[canonicalKey(keys[0]!)] && isOutputLike(v[keys[0]!])) {
    repairs.push(`took the output out of "${keys[0]}"`);
    return v[keys[0]!];
  }
  return v;
}

/** The actions value as a list, with the slips that have one meaning undone. */
function actionList(fields: Partial<Record<Field, unknown>>, key: string, rest: Json, repairs: string[]): unknown[] | string {
  let value = fields.actions;
  if (typeof value === 'string') {
    // "action": "click" beside "index": 3 — the action's fields are at the top level.
    if (/^\s*[A-Za-z_-]+\s*$/.test(value)) {
      repairs.push(`read the action from the top-level fields ("${key}": ${JSON.stringify(value)})`);
      return [{ ...rest, kind: value }];
    }
    const decoded = readWholeJson(value);
    if (!decoded) return `"${key}" must be a list of action objects, got a string that is not JSON`;
    repairs.push(`decoded "${key}" that was encoded as a string`);
    value = decoded.value;
  }
  if (isPlainObject(value)) {
    if (!looksLikeAction(value)) return `"${key}" must be a list of action objects like [{"kind": "click", "index": 3}]`;
    repairs.push(`put the single action of "${key}" in a list`);
    return [value];
  }
  if (!Array.isArray(value)) return `"${key}" must be a list of action objects, got ${value === null ? 'null' : typeof value}`;
  return value;
}

/** Objects some prompts (browser-use's) nest the text fields in, canonical form. */
const STATE_KEYS = new Set(['currentstate', 'state', 'brain']);

/** `{"current_state": {"evaluation_previous_goal": …, "next_goal": …}, "action": […]}` → one level. */
function liftState(obj: Json, repairs: string[]): Json | string {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (!STATE_KEYS.has(canonicalKey(k)) || !isPlainObject(v)) continue;
    for (const [inner, value] of Object.entries(v)) {
      if (Object.keys(obj).includes(inner)) return `"${inner}" is given both at the top and inside "${k}"`;
      out[inner] = value;
    }
    repairs.push(`took the fields out of "${k}"`);
  }
  for (const [k, v] of Object.entries(obj)) if (!(STATE_KEYS.has(canonicalKey(k)) && isPlainObject(v))) out[k] = v;
  return out;
}

/** An agent output from one JSON object (or a bare action), or the errors that stop it. */
function toOutput(raw: unknown, bareAction: boolean): ParsedAgentOutput {
  const repairs: string[] = [];
  let fields: Partial<Record<Field, unknown>>;
  let actionsKey = 'actions';
  let rest: Json = {};
  if (bareAction) {
    repairs.push(Array.isArray(raw) ? 'the reply is a bare list of actions: read it as "actions"' : 'the reply is a bare action: read it as the only action');
    fields = { actions: Array.isArray(raw) ? raw : [raw] };
  } else {
    const lifted = liftState(unwrapSingleKey(raw, repairs) as Json, repairs);
    if (typeof lifted === 'string') return { ok: false, error: lifted };
    const mapped = mapFields(lifted, repairs);
    if (typeof mapped === 'string') return { ok: false, error: mapped };
    ({ fields, rest } = mapped);
    actionsKey = mapped.keys.actions ?? 'actions';
  }

  let list: unknown[] | string;
  if (fields.actions !== undefined) list = actionList(fields, actionsKey, rest, repairs);
  else if (looksLikeAction(rest) && Object.keys(rest).some((k) => ['kind', 'type'].includes(canonicalKey(k)))) {
    repairs.push('read the action from the top-level fields');
    list = [rest];
  } else list = `missing "actions": give ${ACTIONS_PER_STEP.min} to ${ACTIONS_PER_STEP.max} actions, e.g. [{"kind": "click", "index": 3}]`;
  if (typeof list === 'string') return { ok: false, error: list };
  if (list.length === 0) return { ok: false, error: '"actions" is empty: give at least one action' };
  if (list.length > ACTIONS_PER_STEP.max) return { ok: false, error: `"actions" has ${list.length} actions; at most ${ACTIONS_PER_STEP.max} per step` };

  const results: ActionRepair[] = list.map((a, i) => repairAction(a, `actions[${i}]`, repairs));
  const errors = results.flatMap((r) => (r.ok ? [] : [r.error]));
  if (errors.length > 0) return { ok: false, error: errors.join('; ') };
  const actions: Action[] = results.flatMap((r) => (r.ok ? [r.action] : []));

  const explanation: Json = {};
  for (const field of ['evaluation', 'nextGoal', 'notes'] as const) {
    const v = fields[field];
    if (v === undefined || v === null) {
      // The actions are what the step runs; these fields only explain them.
      if (field !== 'notes') {
        explanation[field] = '';
        repairs.push(`filled the missing "${field}" with ""`);
      }
    } else explanation[field] = v;
  }
  const parsed = AgentOutput.safeParse({ ...explanation, actions });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `"${i.path.map(String).join('.')}": ${i.message}`).join('; ') };
  }
  return { ok: true, output: parsed.data, repairs };
}

// ---------------------------------------------------------------- the reply

/** Removes reasoning blocks; an error if the reply ends inside one. */
function stripThinking(text: string, repairs: string[]): string | { error: string } {
  let out = text.replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi, () => {
    repairs.push('removed a <think> block');
    return '';
  });
  // The chat template may have opened the block: only its end is in the reply.
  const close = /<\/(think|thinking|reasoning)>/gi;
  let lastClose = -1;
  for (let m = close.exec(out); m; m = close.exec(out)) lastClose = m.index + m[0].length;
  if (lastClose >= 0) {
    out = out.slice(lastClose);
    repairs.push('removed the reasoning before </think>');
  }
  if (/<(think|thinking|reasoning)>/i.test(out)) return { error: 'the reply ends inside a <think> block: there is no answer after the reasoning' };
  return out;
}

function describeRelaxations(relaxations: Relaxation[]): string[] {
  return relaxations.map((r) => `accepted ${r} in the JSON`);
}

function nonBlank(s: string): boolean {
  return s.trim() !== '';
}

/** Repairs for where the JSON was found: a ``` block, prose around it. */
function placementRepairs(text: string, c: Candidate): string[] {
  const out: string[] = [];
  const outer = c.fence ?? { start: c.start, end: c.end };
  if (c.fence) out.push('took the JSON out of a ``` code block');
  if (nonBlank(text.slice(0, outer.start)) || nonBlank(text.slice(outer.end))) out.push('ignored the text around the JSON');
  return out;
}

/** A JSON value that reads as an agent output or as bare actions. */
interface Shaped {
  c: Candidate;
  value: unknown;
  tier: 'output' | 'action';
  /** Repairs made to reach that shape. */
  extra: string[];
}

/** `{…output…}`, `{"response": {…output…}}` and `[{…output…}]` are outputs; an action or a list of them is bare actions. */
function shape(c: Candidate): Shaped | undefined {
  const v = c.value;
  if (Array.isArray(v) && v.length === 1 && isOutputLike(v[0])) {
    return { c, value: v[0], tier: 'output', extra: ['took the output out of a one-element list'] };
  }
  if (Array.isArray(v) && v.length > 0 && v.every(looksLikeAction)) return { c, value: v, tier: 'action', extra: [] };
  if (isOutputLike(unwrapSingleKey(v, []))) return { c, value: v, tier: 'output', extra: [] };
  if (looksLikeAction(v)) return { c, value: v, tier: 'action', extra: [] };
  return undefined;
}

function parseReply(reply: string, depth: number): ParsedAgentOutput {
  const repairs: string[] = [];
  const stripped = stripThinking(reply, repairs);
  if (typeof stripped !== 'string') return { ok: false, error: stripped.error };
  const text = stripped;
  if (!nonBlank(text)) return { ok: false, error: reply.trim() ? 'the reply has no answer after the reasoning' : 'the reply is empty' };

  const { candidates, unreadable } = findJson(text);

  // A reply that is one JSON string holding the JSON (double-encoded).
  const strings = candidates.filter((c) => typeof c.value === 'string' && /^\s*[[{]/.test(c.value));
  if (strings.length === 1 && candidates.length === 1 && unreadable.length === 0 && depth < MAX_DECODE_DEPTH) {
    const inner = parseReply(strings[0]!.value as string, depth + 1);
    if (!inner.ok) return inner;
    return { ok: true, output: inner.output, repairs: [...repairs, ...placementRepairs(text, strings[0]!), 'decoded JSON that was encoded as a string', ...inner.repairs] };
  }

  // Every JSON object must be readable: a cut-off or broken one may be the answer the model meant.
  if (unreadable.length > 0) {
    const readable = candidates.some((c) => isPlainObject(c.value) || Array.isArray(c.value));
    const first = unreadable[0]!;
    return { ok: false, error: readable ? `the reply holds more than one JSON object and one cannot be read: ${first.error}` : first.error };
  }

  const shaped = candidates.flatMap((c) => shape(c) ?? []);
  if (shaped.length === 0) {
    if (candidates.length === 0) return { ok: false, error: 'no JSON object found in the reply' };
    const keys = candidates.flatMap((c) => (isPlainObject(c.value) ? Object.keys(c.value) : [])).slice(0, 8);
    return {
      ok: false,
      error: `the JSON in the reply is not an agent output: expected "evaluation", "nextGoal" and "actions"${keys.length ? `, found ${keys.map((k) => `"${k}"`).join(', ')}` : ''}`,
    };
  }
  // Bare actions count only when no object has the output's shape (prose may quote an action).
  const tier = shaped.some((s) => s.tier === 'output') ? 'output' : 'action';
  const attempts = shaped
    .filter((s) => s.tier === tier)
    .map((s) => ({ s, result: toOutput(s.value, tier === 'action') }));

  const valid = attempts.flatMap(({ s, result }) => (result.ok ? [{ s, result }] : []));
  if (valid.length === 0) {
    if (attempts.length === 1) return attempts[0]!.result;
    const errors = attempts.map(({ result }, i) => `JSON object ${i + 1}: ${result.ok ? '' : result.error}`);
    return { ok: false, error: errors.join(' | ') };
  }
  const distinct = new Set(valid.map(({ result }) => JSON.stringify(result.output)));
  if (distinct.size > 1) return { ok: false, error: `the reply holds ${distinct.size} different agent outputs; cannot tell which one is meant` };

  const { s: chosen, result } = valid[0]!;
  const ignoredInvalid = attempts.length - valid.length;
  const all = [
    ...repairs,
    ...placementRepairs(text, chosen.c),
    ...(valid.length > 1 ? [`ignored ${valid.length - 1} identical ${valid.length === 2 ? 'copy' : 'copies'} of the output`] : []),
    // Placeholders and format examples: the one object that validates is the answer.
    ...(ignoredInvalid > 0 ? [`ignored ${ignoredInvalid} other JSON object(s) that are not a valid output`] : []),
    ...describeRelaxations(chosen.c.relaxations),
    ...chosen.extra,
    ...result.repairs,
  ];
  return { ok: true, output: result.output, repairs: all };
}

/**
 * The model's reply as a validated AgentOutput. Repairs only what has one possible
 * meaning and names each one in `repairs`; otherwise says precisely what is wrong.
 */
export function parseAgentOutput(text: string): ParsedAgentOutput {
  return parseReply(text, 0);
}
