// Brute-force float search and recall, the reference the index tests compare against.
import type { IndexedVector, SearchFilter, VectorScope } from './vector-index';

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

export function matches(scope: VectorScope, filter: SearchFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.origin !== undefined && scope.origin !== filter.origin) return false;
  if (filter.cluster !== undefined && scope.cluster !== filter.cluster) return false;
  if (filter.kind !== undefined) {
    const kinds = typeof filter.kind === 'string' ? [filter.kind] : filter.kind;
    if (scope.kind === undefined || !kinds.includes(scope.kind)) return false;
  }
  return true;
}

/** Exact float32 top-k by cosine (vectors are unit length), best first. */
export function bruteForce(records: IndexedVector[], query: Float32Array, k: number, filter?: SearchFilter): { id: string; score: number }[] {
  return records
    .filter((r) => matches(r.scope, filter))
    .map((r) => ({ id: r.id, score: dot(r.vector, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/** Fraction of `truth` ids found in `found`. */
export function recall(found: { id: string }[], truth: { id: string }[]): number {
  if (truth.length === 0) return 1;
  const ids = new Set(found.map((h) => h.id));
  return truth.filter((t) => ids.has(t.id)).length / truth.length;
}

/** Rows of a row-major matrix as records with ids `v0`, `v1`, … and the given scopes. */
export function toRecords(vectors: Float32Array, d: number, scopeOf: (i: number) => VectorScope = () => ({})): IndexedVector[] {
  const n = vectors.length / d;
  return Array.from({ length: n }, (_, i) => ({ id: `v${i}`, vector: vectors.slice(i * d, i * d + d), scope: scopeOf(i) }));
}

export function row(matrix: Float32Array, d: number, i: number): Float32Array {
  return matrix.slice(i * d, i * d + d);
}
