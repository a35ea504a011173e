// Numbers from a batch's results, for the terminal summary and the report alike.
import type { AttemptResult } from './results';

export interface Rate {
  attempts: number;
  /** Attempts with a known success (a check, or a judged outcome). */
  judged: number;
  successes: number;
  errors: number;
  meanSteps: number | null;
  meanDurationMs: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function rateOf(results: AttemptResult[]): Rate {
  const ran = results.filter((r) => r.runId !== null);
  return {
    attempts: results.length,
    judged: results.filter((r) => r.success !== null).length,
    successes: results.filter((r) => r.success === true).length,
    errors: results.filter((r) => r.error !== undefined).length,
    meanSteps: mean(ran.map((r) => r.steps)),
    meanDurationMs: mean(ran.map((r) => r.durationMs)),
  };
}

/** Success rate among the attempts whose success is known; null when none is. */
export function successRate(rate: Rate): number | null {
  return rate.judged ? rate.successes / rate.judged : null;
}

export function groupBy<K>(results: AttemptResult[], keysOf: (r: AttemptResult) => K[]): Map<K, AttemptResult[]> {
  const out = new Map<K, AttemptResult[]>();
  for (const r of results) {
    for (const key of keysOf(r)) {
      const list = out.get(key) ?? [];
      list.push(r);
      out.set(key, list);
    }
  }
  return out;
}

export const byTask = (results: AttemptResult[]) => groupBy(results, (r) => [r.taskId]);
export const byTag = (results: AttemptResult[]) => groupBy(results, (r) => (r.tags.length ? r.tags : ['(untagged)']));

/** Attempts that were part of the schedule (a task-file line that was not a task has no episode), in order. */
export function episodes(results: AttemptResult[]): AttemptResult[] {
  return results.filter((r) => r.episode !== null).sort((a, b) => a.episode! - b.episode!);
}

export interface CurvePoint {
  episode: number;
  /** Success rate of all attempts so far (unknown ones left out). */
  cumulative: number | null;
  /** Success rate of the last `window` attempts. */
  moving: number | null;
}

export function learningCurve(results: AttemptResult[], window: number): CurvePoint[] {
  const ordered = episodes(results);
  const points: CurvePoint[] = [];
  let judged = 0;
  let successes = 0;
  ordered.forEach((r, i) => {
    if (r.success !== null) judged++;
    if (r.success === true) successes++;
    const recent = ordered.slice(Math.max(0, i + 1 - window), i + 1).filter((x) => x.success !== null);
    points.push({
      episode: r.episode! + 1,
      cumulative: judged ? successes / judged : null,
      moving: recent.length ? recent.filter((x) => x.success).length / recent.length : null,
    });
  });
  return points;
}

/** A moving-average window that suits the batch's length. */
export function defaultWindow(count: number): number {
  return Math.max(3, Math.min(20, Math.round(count / 8)));
}

/** How often each design was chosen for each task cluster, with its record. */
export function designsByCluster(results: AttemptResult[]): { cluster: string; design: string; attempts: number; successes: number; judged: number }[] {
  const groups = groupBy(
    results.filter((r) => r.design !== null),
    (r) => [`${r.cluster ?? '(none)'}\u0000${r.design}`],
  );
  return [...groups.entries()]
    .map(([key, rs]) => {
      const [cluster, design] = key.split('\u0000') as [string, string];
      const rate = rateOf(rs);
      return { cluster, design, attempts: rs.length, successes: rate.successes, judged: rate.judged };
    })
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || b.attempts - a.attempts);
}

export function percent(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}
