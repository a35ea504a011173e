// Waymark's memory as a file: a versioned JSON export of the memory items, their
// history and the learner's state, and the check every import goes through first.
// A file that fails the check is reported as a list of problems, each with the path
// of the value at fault, so a person can find and fix it; nothing is imported then.
import { z } from 'zod';
import { MemoryItem } from './model';

export const MEMORY_EXPORT_FORMAT = 'waymark-memory';
/** The newest version this code reads and the one it writes. */
export const MEMORY_EXPORT_VERSION = 1;

export const ExportedHistoryEntry = z.object({
  itemId: z.string().min(1),
  at: z.number(),
  change: z.enum(['create', 'update', 'delete', 'undo', 'merge', 'prune']),
  before: MemoryItem.nullable(),
  after: MemoryItem.nullable(),
  reason: z.string(),
});
export type ExportedHistoryEntry = z.infer<typeof ExportedHistoryEntry>;

export const LearnerEntry = z.object({ key: z.string().min(1), value: z.unknown() });
export type LearnerEntry = z.infer<typeof LearnerEntry>;

export const MemoryExport = z.object({
  format: z.literal(MEMORY_EXPORT_FORMAT),
  version: z.literal(MEMORY_EXPORT_VERSION),
  /** When the file was written (ISO 8601). */
  exportedAt: z.iso.datetime({ offset: true }),
  items: z.array(MemoryItem),
  /** The items' history, oldest first per item (optional: a hand-written file may have none). */
  history: z.array(ExportedHistoryEntry).optional(),
  /** The learner's key-value state (design statistics per task cluster). */
  learner: z.array(LearnerEntry).optional(),
});
export type MemoryExport = z.infer<typeof MemoryExport>;

export const ImportMode = z.enum(['merge', 'replace']);
export type ImportMode = z.infer<typeof ImportMode>;

/** What an import did. */
export interface ImportSummary {
  mode: ImportMode;
  /** Items that were not in memory before. */
  added: number;
  /** Items in memory that the file had a newer version of (merge). */
  updated: number;
  /** Items in memory whose version in the file was not newer (merge), left as they were. */
  kept: number;
  /** Items removed because the file replaces memory (replace); their history keeps them. */
  removed: number;
  historyEntries: number;
  learnerEntries: number;
}

export interface ImportProblem {
  /** Where in the file, e.g. `items[3].kind`; empty for the file as a whole. */
  path: string;
  message: string;
}

export type MemoryExportCheck = { ok: true; data: MemoryExport } | { ok: false; problems: ImportProblem[] };

/** More problems than this are summed up in one last line: the first ones say enough. */
const MAX_PROBLEMS = 50;

/**
 * Checks that `value` is a memory export this version can import: the format is
 * Waymark's, the version is not newer, every item and entry is well formed, and no
 * id (or learner key) appears twice.
 */
export function checkMemoryExport(value: unknown): MemoryExportCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail([{ path: '', message: `expected a JSON object (a Waymark memory export), found ${describe(value)}` }]);
  }
  const header = value as { format?: unknown; version?: unknown };
  // A foreign file would produce a problem for every field; one line says it better.
  if (header.format !== MEMORY_EXPORT_FORMAT) {
    const found = header.format === undefined ? 'no "format" field' : `format ${JSON.stringify(header.format)}`;
    return fail([{ path: 'format', message: `not a Waymark memory export: expected format "${MEMORY_EXPORT_FORMAT}", found ${found}` }]);
  }
  if (typeof header.version !== 'number' || !Number.isInteger(header.version) || header.version < 1) {
    return fail([{ path: 'version', message: `expected a positive whole number, found ${describe(header.version)}` }]);
  }
  if (header.version > MEMORY_EXPORT_VERSION) {
    return fail([
      {
        path: 'version',
        message: `written by a newer Waymark (export version ${header.version}; this one reads up to ${MEMORY_EXPORT_VERSION}): update the extension to import it`,
      },
    ]);
  }

  // What no schema should have to survive: keys that reach prototypes, nesting deeper
  // than any export has, strings no memory item needs, files too big to be memory.
  const shape = shapeProblems(value);
  if (shape.length) return fail(shape);

  // The lists are checked entry by entry, and problems past the first ones are only
  // counted: a file of 100 000 broken entries must not exhaust the checker itself.
  const problems = new Problems();
  const head = ExportHead.safeParse(value, { reportInput: true });
  if (!head.success) for (const issue of head.error.issues) problems.add(toProblem(issue));
  const raw = value as { items?: unknown; history?: unknown; learner?: unknown };
  const items = entries(raw.items, 'items', MemoryItem, problems);
  const history = raw.history === undefined ? undefined : entries(raw.history, 'history', ExportedHistoryEntry, problems);
  const learner = raw.learner === undefined ? undefined : entries(raw.learner, 'learner', LearnerEntry, problems);
  // Duplicates are looked for in the raw file too, so one pass lists every problem.
  for (const p of duplicates(stringsAt(raw.items, 'id'), (i) => `items[${i}].id`, 'id')) problems.add(p);
  for (const p of duplicates(stringsAt(raw.learner, 'key'), (i) => `learner[${i}].key`, 'key')) problems.add(p);
  if (history) for (const p of historyMismatches(history)) problems.add(p);
  if (!head.success || problems.count > 0 || !items) return { ok: false, problems: problems.list() };
  return { ok: true, data: { ...head.data, items, ...(history ? { history } : {}), ...(learner ? { learner } : {}) } };
}

/** Deeper than any export Waymark writes (an item's data holds a workflow a few levels down). */
export const MAX_DEPTH = 32;
/** Longer than any text a memory item keeps. */
export const MAX_STRING = 200_000;
/** More values than a memory of a million small items. */
const MAX_VALUES = 20_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/** The file's shape checked without recursion (a 100 000-deep file is walked, not descended). */
function shapeProblems(value: unknown): ImportProblem[] {
  const problems = new Problems();
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: value, path: [] }];
  let seen = 0;
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (++seen > MAX_VALUES) {
      problems.add({ path: '', message: `the file holds more than ${MAX_VALUES.toLocaleString('en')} values: too big to be a memory export` });
      break;
    }
    if (typeof v === 'string') {
      if (v.length > MAX_STRING) problems.add({ path: formatPath(path), message: `a text of ${v.length.toLocaleString('en')} characters; memory keeps at most ${MAX_STRING.toLocaleString('en')}` });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= MAX_DEPTH) {
      problems.add({ path: formatPath(path), message: `nested more than ${MAX_DEPTH} levels deep; a memory export is not` });
      continue;
    }
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    else
      for (const key of Object.keys(v).reverse()) {
        if (FORBIDDEN_KEYS.has(key)) problems.add({ path: formatPath([...path, key]), message: `a key named "${key}" is not allowed (it could reach into the program's objects)` });
        else stack.push({ v: (v as Record<string, unknown>)[key], path: [...path, key] });
      }
  }
  return problems.list();
}

/** The export without its lists, which are checked entry by entry. */
const ExportHead = MemoryExport.omit({ items: true, history: true, learner: true });

/** Problems as they are found: the first MAX_PROBLEMS kept, the rest counted. */
class Problems {
  private readonly kept: ImportProblem[] = [];
  count = 0;
  add(p: ImportProblem): void {
    if (++this.count <= MAX_PROBLEMS) this.kept.push(p);
  }
  list(): ImportProblem[] {
    return this.count > MAX_PROBLEMS ? [...this.kept, { path: '', message: `… and ${this.count - MAX_PROBLEMS} more problems` }] : this.kept;
  }
}

/** A list of the file checked entry by entry; undefined when it is not a list or an entry is bad. */
function entries<T>(list: unknown, name: string, schema: z.ZodType<T>, problems: Problems): T[] | undefined {
  if (!Array.isArray(list)) {
    problems.add({ path: name, message: `expected array${list === undefined ? ', but it is missing' : `, found ${describe(list)}`}` });
    return undefined;
  }
  const out: T[] = [];
  let bad = false;
  list.forEach((entry, i) => {
    const parsed = schema.safeParse(entry, { reportInput: true });
    if (parsed.success) out.push(parsed.data);
    else {
      bad = true;
      for (const issue of parsed.error.issues) problems.add(toProblem({ ...issue, path: [name, i, ...issue.path] }));
    }
  });
  return bad ? undefined : out;
}

/** The string `field` of each object in `list` (undefined where there is none). */
function stringsAt(list: unknown, field: string): (string | undefined)[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => {
    const v = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[field] : undefined;
    return typeof v === 'string' ? v : undefined;
  });
}

/** The problems as lines for an error message: `path: message`, one per line. */
export function formatProblems(problems: ImportProblem[]): string {
  return problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n');
}

function fail(problems: ImportProblem[]): MemoryExportCheck {
  return { ok: false, problems };
}

function duplicates(values: (string | undefined)[], pathOf: (index: number) => string, what: string): ImportProblem[] {
  const first = new Map<string, number>();
  const out: ImportProblem[] = [];
  values.forEach((v, i) => {
    if (v === undefined) return;
    const seen = first.get(v);
    if (seen === undefined) first.set(v, i);
    else out.push({ path: pathOf(i), message: `duplicate ${what} ${JSON.stringify(v)} (first at ${pathOf(seen)})` });
  });
  return out;
}

/** A history entry must be about the item it names. */
function historyMismatches(history: ExportedHistoryEntry[]): ImportProblem[] {
  const out: ImportProblem[] = [];
  history.forEach((entry, i) => {
    for (const side of ['before', 'after'] as const) {
      const item = entry[side];
      if (item && item.id !== entry.itemId) {
        out.push({ path: `history[${i}].${side}.id`, message: `is ${JSON.stringify(item.id)}, but the entry is about item ${JSON.stringify(entry.itemId)}` });
      }
    }
  });
  return out;
}

function toProblem(issue: z.core.$ZodIssue): ImportProblem {
  return { path: formatPath(issue.path), message: issueMessage(issue) };
}

/** `['items', 3, 'kind']` → `items[3].kind`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map(String).join('|')}`;
    case 'invalid_type':
      return `expected ${issue.expected}${issue.input === undefined ? ', but it is missing' : `, found ${describe(issue.input)}`}`;
    default:
      return issue.message;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `a string ("${value.slice(0, 40)}…")` : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
