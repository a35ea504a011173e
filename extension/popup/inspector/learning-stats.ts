// The numbers behind the Learning view: success rate over judged runs, with memory
// (the coach advising) and without, as a rolling rate per run so the curve shows
// learning rather than a lifetime average; and each cluster's record per design.
import type { DesignClusterRecord } from '../../../shared/worker-api';

export interface JudgedRun {
  at: number;
  success: boolean;
  /** The coach advised the run (memory on). */
  memory: boolean;
}

export interface SuccessSeries {
  /** Run numbers in time order (1-based), the chart's x axis. */
  labels: number[];
  /** Success rate (%) of the last `window` memory-on runs, at each memory-on run; null elsewhere. */
  on: (number | null)[];
  off: (number | null)[];
  totals: { on: { runs: number; successes: number }; off: { runs: number; successes: number } };
}

export function successSeries(runs: readonly JudgedRun[], window = 10): SuccessSeries {
  const ordered = [...runs].sort((a, b) => a.at - b.at);
  const recent = { on: [] as boolean[], off: [] as boolean[] };
  const totals = { on: { runs: 0, successes: 0 }, off: { runs: 0, successes: 0 } };
  const on: (number | null)[] = [];
  const off: (number | null)[] = [];
  for (const run of ordered) {
    const side = run.memory ? 'on' : 'off';
    recent[side].push(run.success);
    if (recent[side].length > window) recent[side].shift();
    totals[side].runs++;
    if (run.success) totals[side].successes++;
    const rate = Math.round((100 * recent[side].filter(Boolean).length) / recent[side].length);
    on.push(run.memory ? rate : null);
    off.push(run.memory ? null : rate);
  }
  return { labels: ordered.map((_, i) => i + 1), on, off, totals };
}

export interface DesignRow {
  design: string;
  runs: number;
  successes: number;
  /** Mean reward per run (0–1), null before any run. */
  meanReward: number | null;
  meanSteps: number | null;
}

/** A cluster's record per design, most runs first. */
export function designRows(record: DesignClusterRecord): DesignRow[] {
  return Object.entries(record.designs)
    .map(([design, r]) => ({
      design,
      runs: r.runs,
      successes: r.successes,
      meanReward: r.runs ? r.reward / r.runs : null,
      meanSteps: r.runs ? r.steps / r.runs : null,
    }))
    .sort((a, b) => b.runs - a.runs || a.design.localeCompare(b.design));
}

/** The design the learner chose last for the cluster (its pin when there is one). */
export function currentDesign(record: DesignClusterRecord, fallback: string): { design: string; how: string } {
  if (record.pinned) return { design: record.pinned, how: 'pinned' };
  const last = record.choices.at(-1);
  return last ? { design: last.design, how: last.how } : { design: fallback, how: 'default' };
}
