// What the report shows, computed from one or more results folders: each folder is a
// series (labelled memory on or off), compared on the same charts and tables.
import { basename } from 'node:path';
import { type AttemptResult, readResults, readRunInfo, type RunInfo } from '../results';
import { byTag, byTask, defaultWindow, designsByCluster, episodes, learningCurve, rateOf, successRate } from '../stats';

export interface Series {
  label: string;
  dir: string;
  info: RunInfo | null;
  results: AttemptResult[];
  unreadableLines: number;
}

export interface RateRow {
  attempts: number;
  successes: number;
  judged: number;
  rate: number | null;
  errors: number;
  meanSteps: number | null;
  meanDurationMs: number | null;
}

export interface ReportModel {
  generatedAt: string;
  window: number;
  series: {
    label: string;
    dir: string;
    info: RunInfo | null;
    unreadableLines: number;
    overall: RateRow & { adviceGiven: number; attemptsAdvised: number };
    curve: { episode: number; cumulative: number | null; moving: number | null }[];
    /** Steps of each attempt in episode order, for the scatter of steps over time. */
    steps: { episode: number; steps: number; taskId: string; success: boolean | null }[];
  }[];
  /** Task ids in first-seen order, with a row per series. */
  tasks: { taskId: string; tags: string[]; bySeries: (RateRow | null)[] }[];
  tags: { tag: string; bySeries: (RateRow | null)[] }[];
  designs: { series: string; cluster: string; design: string; attempts: number; successes: number; judged: number }[];
  errors: { series: string; taskId: string; attempt: number; episode: number | null; error: string }[];
}

export function loadSeries(dirs: string[]): Series[] {
  const series = dirs.map((dir) => {
    const info = readRunInfo(dir);
    const { results, unreadable } = readResults(dir);
    const coach = info?.coach ?? results[0]?.coach ?? 'on';
    return { label: `memory ${coach}`, dir, info, results, unreadableLines: unreadable };
  });
  // Two folders with the same setting are told apart by their folder's name.
  const counts = new Map<string, number>();
  for (const s of series) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  return series.map((s) => (counts.get(s.label)! > 1 ? { ...s, label: `${s.label} (${basename(s.dir)})` } : s));
}

function rateRow(results: AttemptResult[]): RateRow {
  const r = rateOf(results);
  return { attempts: r.attempts, successes: r.successes, judged: r.judged, rate: successRate(r), errors: r.errors, meanSteps: r.meanSteps, meanDurationMs: r.meanDurationMs };
}

export function buildReportModel(series: Series[]): ReportModel {
  const longest = Math.max(0, ...series.map((s) => episodes(s.results).length));
  const window = defaultWindow(longest);
  const taskOrder = new Map<string, string[]>();
  const tagSet = new Set<string>();
  for (const s of series) {
    for (const r of s.results) {
      if (!taskOrder.has(r.taskId)) taskOrder.set(r.taskId, r.tags);
      for (const t of r.tags.length ? r.tags : ['(untagged)']) tagSet.add(t);
    }
  }
  const perTask = series.map((s) => byTask(s.results));
  const perTag = series.map((s) => byTag(s.results));
  return {
    generatedAt: new Date().toISOString(),
    window,
    series: series.map((s) => ({
      label: s.label,
      dir: s.dir,
      info: s.info,
      unreadableLines: s.unreadableLines,
      overall: { ...rateRow(s.results), adviceGiven: s.results.reduce((n, r) => n + r.advice.length, 0), attemptsAdvised: s.results.filter((r) => r.advice.length > 0).length },
      curve: learningCurve(s.results, window),
      steps: episodes(s.results)
        .filter((r) => r.runId !== null)
        .map((r) => ({ episode: r.episode! + 1, steps: r.steps, taskId: r.taskId, success: r.success })),
    })),
    tasks: [...taskOrder.entries()].map(([taskId, tags]) => ({ taskId, tags, bySeries: perTask.map((m) => (m.has(taskId) ? rateRow(m.get(taskId)!) : null)) })),
    tags: [...tagSet].sort().map((tag) => ({ tag, bySeries: perTag.map((m) => (m.has(tag) ? rateRow(m.get(tag)!) : null)) })),
    designs: series.flatMap((s) => designsByCluster(s.results).map((d) => ({ series: s.label, ...d }))),
    errors: series.flatMap((s) => s.results.filter((r) => r.error).map((r) => ({ series: s.label, taskId: r.taskId, attempt: r.attempt, episode: r.episode, error: r.error! }))),
  };
}
