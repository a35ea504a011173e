// Shared shape of benchmark results: medians against a baseline measured in the same run.

export interface BenchResult {
  name: string;
  /** Median of the measured implementation. */
  median: number;
  /** Median of the baseline, measured in the same run on the same data. */
  baseline: number;
  /** median / baseline: below 1 means faster than the baseline (for time units). */
  ratio: number;
  unit: string;
  samples: number;
  /** What the figures were measured on. */
  data: string;
  /** An absolute target, where the project has one. */
  target?: { max?: number; min?: number; met: boolean };
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function result(r: Omit<BenchResult, 'ratio' | 'target'> & { max?: number; min?: number }): BenchResult {
  const { max, min, ...rest } = r;
  const out: BenchResult = { ...rest, ratio: Math.round((r.median / r.baseline) * 1000) / 1000 };
  if (max !== undefined || min !== undefined) {
    const met = (max === undefined || r.median <= max) && (min === undefined || r.median >= min);
    out.target = { ...(max !== undefined ? { max } : {}), ...(min !== undefined ? { min } : {}), met };
  }
  return out;
}
