// The summary printed when a batch ends: the success rate, a table per tag, the
// errors, and where the results and the report are.
import type { AttemptResult } from './results';
import { byTag, percent, rateOf, successRate } from './stats';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export function summaryText(results: AttemptResult[], paths: { results: string; report: string | null }): string {
  const all = rateOf(results);
  const lines: string[] = [];
  lines.push(`Done: ${all.attempts} attempts, ${all.successes} succeeded of ${all.judged} checked — success rate ${percent(successRate(all))}${all.errors ? `; ${all.errors} with errors` : ''}.`);
  const rows = [['tag', 'attempts', 'success', 'rate', 'errors', 'mean steps']];
  for (const [tag, rs] of [...byTag(results).entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const r = rateOf(rs);
    rows.push([tag, String(r.attempts), `${r.successes}/${r.judged}`, percent(successRate(r)), String(r.errors), r.meanSteps === null ? '–' : r.meanSteps.toFixed(1)]);
  }
  lines.push('', table(rows));
  const errors = results.filter((r) => r.error);
  if (errors.length) {
    lines.push('', 'Errors:');
    for (const r of errors.slice(0, 20)) lines.push(`  ${r.taskId}${r.episode === null ? '' : ` #${r.attempt}`}: ${r.error!.split('\n')[0]}`);
    if (errors.length > 20) lines.push(`  … and ${errors.length - 20} more (see results.jsonl)`);
  }
  lines.push('', `Results: ${paths.results}`);
  if (paths.report) lines.push(`Report:  ${paths.report}`);
  return lines.join('\n');
}
