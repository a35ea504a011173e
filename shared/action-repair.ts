// One action as a small model wrote it → an object the Action schema accepts, or
// a precise error. Only repairs whose meaning is certain: another name for the
// kind or a parameter, the kind used as a key, parameters nested one level down,
// numbers and booleans written as strings. Each repair is named.
import { ACTION_KINDS, ACTIONS, Action, type ActionKind, actionJsonSchema } from './actions';
import { readWholeJson } from './relaxed-json';

type Json = Record<string, unknown>;

export type ActionRepair = { ok: true; action: Action } | { ok: false; error: string };

/** Lower case without separators: `next_goal`, `nextGoal` and `Next-Goal` are one key. */
export function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]/g, '');
}

export function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Other names small models give the kinds (several from browser-use's registry), canonical form: from the action table. */
const KIND_ALIASES: Record<string, { kind: ActionKind; implied?: Json }> = Object.fromEntries(
  ACTION_KINDS.flatMap((kind) => Object.entries((ACTIONS[kind] as { aliases?: Record<string, Json> }).aliases ?? {}).map(([alias, implied]) => [alias, { kind, ...(Object.keys(implied).length ? { implied } : {}) }])),
);

function resolveKind(name: string): { kind: ActionKind; implied?: Json } | undefined {
  const canon = canonicalKey(name);
  const exact = ACTION_KINDS.find((k) => k === canon);
  return exact ? { kind: exact } : KIND_ALIASES[canon];
}

export function isKnownActionName(name: string): boolean {
  return resolveKind(name) !== undefined;
}

/** Keys that name the kind when `kind` is missing, canonical form. */
const KIND_KEYS = new Set(['action', 'actiontype', 'actionname', 'type', 'name', 'tool']);
/** Keys that hold the parameters one level down, canonical form. */
const PARAM_CONTAINERS = new Set(['params', 'parameters', 'args', 'arguments']);
/** Keys that hold the intent, canonical form. */
const INTENT_KEYS = new Set(['intent', 'reason', 'purpose', 'description']);

/** Each kind's parameters, from the schema, so a new parameter needs no change here. */
const SCHEMA_PARAMS = Object.fromEntries(
  Action.options.map((o) => [o.shape.kind.value, Object.keys(o.shape).filter((k) => k !== 'kind' && k !== 'intent')]),
) as Record<ActionKind, string[]>;

/** Other names small models give parameters, canonical form (a parameter's own name in any case counts too): from the action table. */
export const PARAM_SYNONYMS = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, (ACTIONS[kind] as { synonyms?: Record<string, string[]> }).synonyms ?? {}])) as Record<ActionKind, Record<string, string[]>>;

/** The parameter a kind's bare value stands for: `{"click": 12}`, `{"navigate": "https://…"}`. */
const PRIMARY_PARAM = Object.fromEntries(ACTION_KINDS.flatMap((kind) => {
  const primary = (ACTIONS[kind] as { primary?: string }).primary;
  return primary ? [[kind, primary]] : [];
})) as Partial<Record<ActionKind, string>>;

/** How each parameter is typed, read off the action's JSON Schema (so a new parameter is coerced like its kind). */
const PARAM_TYPES = new Map<string, string>();
for (const variant of ((actionJsonSchema() as { oneOf?: { properties: Record<string, { type?: string }> }[]; anyOf?: { properties: Record<string, { type?: string }> }[] }).oneOf ?? (actionJsonSchema() as { anyOf?: { properties: Record<string, { type?: string }> }[] }).anyOf ?? [])) {
  for (const [name, p] of Object.entries(variant.properties)) if (p.type && name !== 'kind' && name !== 'intent') PARAM_TYPES.set(name, p.type);
}
const paramsOfType = (type: string) => new Set([...PARAM_TYPES].filter(([, t]) => t === type).map(([n]) => n));
const INTEGER_PARAMS = paramsOfType('integer');
const NUMBER_PARAMS = paramsOfType('number');
const BOOLEAN_PARAMS = paramsOfType('boolean');
const STRING_PARAMS = new Set([...paramsOfType('string')].filter((n) => !['url', 'direction', 'query', 'keys'].includes(n)));
const INTENT_MAX = 300;

/** Does this object read as one action (as opposed to an agent output or anything else)? */
export function looksLikeAction(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.some((k) => (canonicalKey(k) === 'kind' || KIND_KEYS.has(canonicalKey(k))) && typeof v[k] === 'string')) return true;
  const named = keys.filter((k) => !INTENT_KEYS.has(canonicalKey(k)));
  return named.length === 1 && (isKnownActionName(named[0]!) || isPlainObject(v[named[0]!]));
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 60 ? `${v.slice(0, 59)}…` : v)}`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `the ${typeof v} ${String(v)}`;
}

const EXPECTED_KINDS = `expected one of ${ACTION_KINDS.join(', ')}`;

interface Found {
  name: string;
  params: Json;
}

/** Finds the kind's name and the parameters around it, in the shapes small models write. */
function findKind(raw: Json, repairs: string[]): Found | string {
  const keys = Object.keys(raw);
  const kindKey = keys.find((k) => canonicalKey(k) === 'kind');
  if (kindKey !== undefined) {
    const { [kindKey]: name, ...params } = raw;
    if (typeof name !== 'string') return `"kind" must be the action's name, got ${describe(name)}`;
    if (kindKey !== 'kind') repairs.push(`renamed "${kindKey}" to "kind"`);
    return { name, params };
  }

  // {"action": "click", "index": 3}, {"type": "click", …}, {"name": "click", "arguments": {…}}
  const named = keys.filter((k) => KIND_KEYS.has(canonicalKey(k)) && typeof raw[k] === 'string');
  if (named.length > 0) {
    const known = named.filter((k) => isKnownActionName(raw[k] as string));
    const chosen = known.length > 0 ? known : named;
    const kinds = new Set(chosen.map((k) => resolveKind(raw[k] as string)?.kind ?? raw[k]));
    if (kinds.size > 1) return `several action names (${chosen.map((k) => `"${k}": ${JSON.stringify(raw[k])}`).join(', ')})`;
    const key = chosen[0]!;
    const { [key]: name, ...params } = raw;
    repairs.push(`read "${key}": ${JSON.stringify(name)} as the kind`);
    return { name: name as string, params };
  }

  // {"click": {"index": 3}}, {"click": 3}, {"back": {}}
  const actionKeys = keys.filter((k) => !INTENT_KEYS.has(canonicalKey(k)));
  const knownKeys = actionKeys.filter(isKnownActionName);
  if (knownKeys.length > 1) return `several actions in one object (${knownKeys.map((k) => `"${k}"`).join(', ')}): give each its own object`;
  if (actionKeys.length === 1) {
    const name = actionKeys[0]!;
    const inner = raw[name];
    const outer: Json = {};
    for (const k of keys) if (k !== name) outer[k] = raw[k];
    repairs.push(`read the key "${name}" as the kind`);
    if (isPlainObject(inner)) return { name, params: { ...outer, ...inner } };
    if (inner === null || inner === true || (Array.isArray(inner) && inner.length === 0)) return { name, params: outer };
    const kind = resolveKind(name)?.kind;
    if (kind === undefined) return { name, params: outer }; // reported as an unknown action
    const primary = PRIMARY_PARAM[kind];
    if (primary === undefined) return `"${name}" needs an object of parameters, got ${describe(inner)}`;
    return { name, params: { ...outer, [primary]: inner } };
  }
  return `no action name: expected "kind" (${EXPECTED_KINDS})`;
}

/** Moves parameters nested under "params"/"args"/"arguments" up, decoding a JSON string of them. */
function liftParams(params: Json, repairs: string[]): Json | string {
  const out: Json = {};
  const nested: [string, Json][] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!PARAM_CONTAINERS.has(canonicalKey(k))) {
      out[k] = v;
      continue;
    }
    let inner = v;
    if (typeof inner === 'string') {
      const decoded = readWholeJson(inner);
      if (!decoded || !isPlainObject(decoded.value)) return `"${k}" must be an object of parameters, got ${describe(v)}`;
      inner = decoded.value;
      repairs.push(`decoded "${k}" that was encoded as a string`);
    }
    if (!isPlainObject(inner)) return `"${k}" must be an object of parameters, got ${describe(v)}`;
    nested.push([k, inner]);
  }
  for (const [k, inner] of nested) {
    for (const [name, v] of Object.entries(inner)) {
      if (name in out && JSON.stringify(out[name]) !== JSON.stringify(v)) return `"${name}" is given twice with different values`;
      out[name] = v;
    }
    repairs.push(`took the parameters out of "${k}"`);
  }
  return out;
}

/** Renames parameters to their schema names; an error when two names claim one parameter. */
function renameParams(kind: ActionKind, params: Json, repairs: string[]): Json | string {
  const names = SCHEMA_PARAMS[kind];
  const synonyms = PARAM_SYNONYMS[kind];
  const out: Json = {};
  // The intent is only shown to the user: "intent" itself wins over its synonyms, else the first synonym.
  const intentKeys = Object.keys(params).filter((k) => INTENT_KEYS.has(canonicalKey(k)));
  const intentKey = intentKeys.find((k) => k === 'intent') ?? intentKeys.find((k) => canonicalKey(k) === 'intent') ?? intentKeys[0];
  if (intentKey !== undefined) {
    out.intent = params[intentKey];
    if (intentKey !== 'intent') repairs.push(`renamed "${intentKey}" to "intent"`);
  }
  const claimed = new Map<string, string>();
  for (const [k, v] of Object.entries(params)) {
    const canon = canonicalKey(k);
    if (INTENT_KEYS.has(canon)) continue;
    // A parameter's own name wins over another parameter's synonym.
    const target = names.find((p) => canonicalKey(p) === canon) ?? names.find((p) => synonyms[p]?.includes(canon));
    if (target === undefined) continue; // not a parameter of this kind; the schema would drop it anyway
    const previous = claimed.get(target);
    if (previous !== undefined) return `both "${previous}" and "${k}" give "${target}"`;
    claimed.set(target, k);
    if (k !== target) repairs.push(`renamed "${k}" to "${target}"`);
    out[target] = v;
  }
  return out;
}

/** Numbers and booleans written as strings, and other unambiguous value slips. */
function coerceValues(params: Json, repairs: string[]): void {
  for (const [k, v] of Object.entries(params)) {
    if (INTEGER_PARAMS.has(k) && typeof v === 'string') {
      const m = /^\s*\[?\s*(\d+)\s*\]?\s*$/.exec(v);
      if (m) {
        params[k] = Number(m[1]);
        repairs.push(`read "${k}": ${JSON.stringify(v)} as ${params[k]}`);
      }
    } else if (NUMBER_PARAMS.has(k) && typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v)) {
      params[k] = Number(v);
      repairs.push(`read "${k}": ${JSON.stringify(v)} as ${params[k]}`);
    } else if (BOOLEAN_PARAMS.has(k) && typeof v === 'string' && /^\s*(true|false)\s*$/i.test(v)) {
      params[k] = v.trim().toLowerCase() === 'true';
      repairs.push(`read "${k}": ${JSON.stringify(v)} as ${params[k]}`);
    } else if (STRING_PARAMS.has(k) && typeof v === 'number') {
      params[k] = String(v);
      repairs.push(`read "${k}": ${v} as the text ${JSON.stringify(String(v))}`);
    } else if (k === 'direction' && typeof v === 'string' && v !== v.trim().toLowerCase()) {
      params[k] = v.trim().toLowerCase();
      repairs.push(`read "direction": ${JSON.stringify(v)} as ${JSON.stringify(params[k])}`);
    } else if (k === 'intent' && typeof v === 'string' && v.length > INTENT_MAX) {
      // The intent is only shown to the user; a long one is not worth a failed step.
      params[k] = `${v.slice(0, INTENT_MAX - 1)}…`;
      repairs.push('shortened "intent" to 300 characters');
    }
  }
}

/** What the schema finds wrong, e.g. `missing "text"; "index": Invalid input: expected number, received string`. */
function schemaErrors(action: Json): string {
  const parsed = Action.safeParse(action);
  if (parsed.success) return '';
  return parsed.error.issues
    .map((issue) => {
      const key = issue.path.map(String).join('.');
      if (issue.code === 'invalid_type' && action[key] === undefined) return `missing "${key}"`;
      return `"${key}": ${issue.message}`;
    })
    .join('; ');
}

/**
 * The action at `raw` as the schema wants it, or an error naming what is wrong.
 * Repairs are appended to `repairs` with `where` (e.g. `actions[0]`) in front.
 */
export function repairAction(raw: unknown, where: string, repairs: string[]): ActionRepair {
  const local: string[] = [];
  const fail = (error: string, kind?: ActionKind): ActionRepair => ({ ok: false, error: `${where}${kind ? ` (${kind})` : ''}: ${error}` });

  let value = raw;
  if (typeof value === 'string' && /^\s*\{/.test(value)) {
    const decoded = readWholeJson(value);
    if (decoded && isPlainObject(decoded.value)) {
      value = decoded.value;
      local.push('decoded an action that was encoded as a string');
    }
  }
  if (!isPlainObject(value)) return fail(`expected an action object like {"kind": "click", "index": 3}, got ${describe(value)}`);

  const found = findKind(value, local);
  if (typeof found === 'string') return fail(found);
  const resolved = resolveKind(found.name);
  if (!resolved) return fail(`unknown action ${JSON.stringify(found.name)} (${EXPECTED_KINDS})`);
  const { kind, implied } = resolved;
  if (found.name !== kind) local.push(`read the action ${JSON.stringify(found.name)} as "${kind}"`);

  const lifted = liftParams(found.params, local);
  if (typeof lifted === 'string') return fail(lifted, kind);
  const params = renameParams(kind, lifted, local);
  if (typeof params === 'string') return fail(params, kind);
  for (const [k, v] of Object.entries(implied ?? {})) {
    if (params[k] !== undefined && params[k] !== v) return fail(`"${found.name}" conflicts with "${k}": ${JSON.stringify(params[k])}`, kind);
    params[k] = v;
  }
  coerceValues(params, local);

  const action = { kind, ...params };
  const errors = schemaErrors(action);
  if (errors) return fail(errors, kind);
  repairs.push(...local.map((r) => `${where}: ${r}`));
  return { ok: true, action: Action.parse(action) };
}
