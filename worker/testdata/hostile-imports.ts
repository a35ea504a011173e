// Hostile memory files, generated from a good export by seeded mutations: wrong types
// anywhere, huge strings, deep nesting, `__proto__` and `constructor` keys, NaN and
// Infinity, duplicate ids, newer or nonsense versions, missing fields, foreign shapes,
// huge arrays. Shared by the import fuzz test and `npm run stress`.
import type { MemoryExport } from '../../shared/memory-export';
import { mulberry32 } from '../../shared/mulberry32';

export interface HostileFile {
  /** What was done to the file (for a failure's message). */
  name: string;
  data: unknown;
}

type Json = unknown;

/** Every path to a value in a JSON-like tree (arrays by index), the root excluded. */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...at, i]), paths(v, [...at, i], out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push([...at, k]), paths(v, [...at, k], out));
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
}

function deleteAt(root: Json, path: (string | number)[]): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
  else delete node[path.at(-1)!];
}

function nested(depth: number, leaf: Json, asArray: boolean): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

const WEIRD: Json[] = [null, 0, -1, 1.5, 'x', '', [], {}, true, false, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, '2027-99-99', '{"json":"in a string"}', '\u0000\uffff'];

/** `count` hostile files from `good` (seed decides which), plus the fixed hard cases. */
export function hostileImports(good: MemoryExport, count: number, seed = 1): HostileFile[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const copy = () => structuredClone(good) as unknown as Record<string, Json>;
  const files: HostileFile[] = [
    { name: 'a 50 MB text in an item', data: (() => { const f = copy(); setAt(f, ['items', 0, 'text'], 'a'.repeat(50 * 1024 * 1024)); return f; })() },
    { name: 'nesting 100 000 deep', data: (() => { const f = copy(); setAt(f, ['items', 0, 'data'], nested(100_000, 1, false)); return f; })() },
    { name: 'a newer version', data: { ...copy(), version: 999 } },
    { name: '__proto__ at the top', data: JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good).slice(1)}`) },
    { name: 'not an object', data: 'a memory file' },
    { name: 'null', data: null },
    { name: '100 000 empty items', data: { ...copy(), items: Array.from({ length: 100_000 }, () => ({})) } },
  ];
  const kinds = ['wrong type', 'huge string', 'deep nesting', 'prototype keys', 'odd numbers', 'duplicate id', 'version', 'missing field', 'foreign shape', 'extra field', 'huge array'] as const;
  while (files.length < count) {
    const kind = kinds[files.length % kinds.length]!;
    const f = copy();
    const all = paths(f);
    const path = pick(all);
    switch (kind) {
      case 'wrong type':
        setAt(f, path, pick(WEIRD));
        break;
      case 'huge string':
        setAt(f, path, pick(['x', '🙂', 'a b ', '"']).repeat(Math.floor(200_000 + rand() * 2_000_000)));
        break;
      case 'deep nesting':
        setAt(f, path, nested(Math.floor(100 + rand() * 20_000), pick(WEIRD), rand() < 0.5));
        break;
      case 'prototype keys': {
        const key = pick(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
        const objects = all.filter((p) => { let n: Json = f; for (const k of p) n = (n as Record<string | number, Json>)[k]; return !!n && typeof n === 'object' && !Array.isArray(n); });
        const at = objects.length ? pick(objects) : [];
        const target = at.length ? (() => { let n: Json = f; for (const k of at) n = (n as Record<string | number, Json>)[k]; return n as Record<string, Json>; })() : f;
        // An own property named so, as JSON.parse makes one.
        Object.defineProperty(target, key, { value: JSON.parse('{"polluted": true, "id": "x"}'), enumerable: true, configurable: true, writable: true });
        break;
      }
      case 'odd numbers':
        setAt(f, path, pick([Number.NaN, Number.POSITIVE_INFINITY, -1e308, -0, 2 ** 53 + 1, -5]));
        break;
      case 'duplicate id': {
        const items = f.items as Json[];
        if (items.length) items.push(structuredClone(pick(items)));
        else f.items = [{}, {}];
        break;
      }
      case 'version':
        f.version = pick([0, -1, 1.5, '1', 2, 2 ** 31, Number.NaN, null, [1], { v: 1 }]);
        break;
      case 'missing field':
        deleteAt(f, path);
        break;
      case 'foreign shape':
        files.push({ name: kind, data: pick<Json>([[good], { items: good.items }, { format: 'waymark-memory' }, 42, true, [], { format: good.format, version: 1 }]) });
        continue;
      case 'extra field':
        setAt(f, [...path.slice(0, -1), `unknown_${Math.floor(rand() * 1e6)}`], pick(WEIRD));
        break;
      case 'huge array':
        setAt(f, path, Array.from({ length: Math.floor(1_000 + rand() * 50_000) }, () => pick(WEIRD)));
        break;
    }
    files.push({ name: `${kind} at ${path.join('.')}`, data: f });
  }
  return files.slice(0, Math.max(count, 7));
}
