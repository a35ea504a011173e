// Writing report.html for one results folder (next to its results.jsonl) or a
// comparison of several (where --out says, or out/reports/).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SetupError } from '../errors';
import { REPORT_FILE, RESULTS_FILE } from '../results';
import { renderReport } from './report-html';
import { buildReportModel, loadSeries } from './report-model';

export const REPORTS_DIR = resolve(import.meta.dirname, '../../../out/reports');

export function writeReport(resultsDirs: string[], outFile?: string): string {
  for (const dir of resultsDirs) {
    if (!existsSync(join(dir, RESULTS_FILE))) throw new SetupError(`no ${RESULTS_FILE} in ${resolve(dir)}`);
  }
  const file = resolve(outFile ?? (resultsDirs.length === 1 ? join(resultsDirs[0]!, REPORT_FILE) : join(REPORTS_DIR, `compare-${timestamp()}.html`)));
  const html = renderReport(buildReportModel(loadSeries(resultsDirs)));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, html);
  return file;
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}
