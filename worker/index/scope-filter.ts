// Scopes as small integer codes, so a scan filters with integer compares, and counts
// of stored vectors per scope combination, so a search knows how selective its filter is.

export interface VectorScope {
  origin?: string;
  kind?: string;
  cluster?: string;
}

export interface SearchFilter {
  origin?: string;
  /** One kind or any of several. */
  kind?: string | string[];
  cluster?: string;
}

/** Code of a scope field that was not set. */
export const UNSET = 0;
/** In a compiled filter: this field is not constrained. */
export const ANY = -1;

/** A filter in codes. `kinds[code] === 1` for the allowed kinds, or null for any kind. */
export interface CompiledFilter {
  /** No filter given: every vector passes. */
  unconstrained: boolean;
  origin: number;
  kinds: Uint8Array | null;
  cluster: number;
  /** How many stored vectors pass it (exact). */
  matching: number;
}

export interface ScopeCode {
  origin: number;
  kind: number;
  cluster: number;
}

class Interner {
  private readonly codes = new Map<string, number>();
  get(value: string | undefined): number | undefined {
    return value === undefined ? UNSET : this.codes.get(value);
  }
  intern(value: string | undefined): number {
    if (value === undefined) return UNSET;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.codes.size + 1;
      this.codes.set(value, code);
    }
    return code;
  }
  get count(): number {
    return this.codes.size + 1;
  }
}

/** Interns scope strings and counts stored vectors per (origin, kind, cluster). */
export class ScopeCodes {
  private readonly origins = new Interner();
  private readonly kinds = new Interner();
  private readonly clusters = new Interner();
  private readonly combos = new Map<string, ScopeCode & { count: number }>();
  /** Vectors counted. */
  total = 0;

  /** Codes of a scope being stored (interning new strings). Counts it. */
  add(scope: VectorScope): ScopeCode {
    const code = {
      origin: this.origins.intern(scope.origin),
      kind: this.kinds.intern(scope.kind),
      cluster: this.clusters.intern(scope.cluster),
    };
    const key = `${code.origin},${code.kind},${code.cluster}`;
    const combo = this.combos.get(key);
    if (combo) combo.count++;
    else this.combos.set(key, { ...code, count: 1 });
    this.total++;
    return code;
  }

  /** A stored vector with these codes was removed. */
  release(code: ScopeCode): void {
    const key = `${code.origin},${code.kind},${code.cluster}`;
    const combo = this.combos.get(key);
    if (!combo) return;
    this.total--;
    if (--combo.count === 0) this.combos.delete(key);
  }

  /** The filter in codes, with the exact number of stored vectors it lets through. */
  compile(filter: SearchFilter | undefined): CompiledFilter {
    if (!filter || (filter.origin === undefined && filter.kind === undefined && filter.cluster === undefined)) {
      return { unconstrained: true, origin: ANY, kinds: null, cluster: ANY, matching: this.total };
    }
    const nothing: CompiledFilter = { unconstrained: false, origin: ANY, kinds: null, cluster: ANY, matching: 0 };
    let origin = ANY;
    if (filter.origin !== undefined) {
      const code = this.origins.get(filter.origin);
      if (code === undefined) return nothing;
      origin = code;
    }
    let cluster = ANY;
    if (filter.cluster !== undefined) {
      const code = this.clusters.get(filter.cluster);
      if (code === undefined) return nothing;
      cluster = code;
    }
    let kinds: Uint8Array | null = null;
    if (filter.kind !== undefined) {
      kinds = new Uint8Array(this.kinds.count);
      let known = 0;
      for (const kind of typeof filter.kind === 'string' ? [filter.kind] : filter.kind) {
        const code = this.kinds.get(kind);
        if (code !== undefined && code !== UNSET) {
          kinds[code] = 1;
          known++;
        }
      }
      if (known === 0) return nothing;
    }
    let matching = 0;
    for (const combo of this.combos.values()) {
      if (origin !== ANY && combo.origin !== origin) continue;
      if (cluster !== ANY && combo.cluster !== cluster) continue;
      if (kinds !== null && kinds[combo.kind] !== 1) continue;
      matching += combo.count;
    }
    return { unconstrained: false, origin, kinds, cluster, matching };
  }
}
