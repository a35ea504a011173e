// report.html: one self-contained file (Chart.js inlined, data embedded) that opens
// from disk anywhere. Tables are plain HTML, readable without scripts; the charts
// are drawn by Chart.js from the same model.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { formatDuration } from '../progress';
import { percent } from '../stats';
import type { RateRow, ReportModel } from './report-model';

function chartJsSource(): string {
  const main = createRequire(import.meta.url).resolve('chart.js');
  return readFileSync(join(dirname(main), 'chart.umd.min.js'), 'utf8');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** JSON or code inside a <script>: nothing in it may close the element. */
const scriptSafe = (s: string) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

function rateCells(row: RateRow | null): string {
  if (!row) return '<td colspan="4" class="none">–</td>';
  return `<td>${row.successes}/${row.judged}</td><td>${percent(row.rate)}</td><td>${row.meanSteps === null ? '–' : row.meanSteps.toFixed(1)}</td><td>${row.errors || ''}</td>`;
}

function seriesHeads(model: ReportModel): string {
  return model.series.map((s) => `<th colspan="4">${escapeHtml(s.label)}</th>`).join('');
}

function subHeads(model: ReportModel): string {
  return model.series.map(() => '<th>success</th><th>rate</th><th>steps</th><th>errors</th>').join('');
}

function overviewTable(model: ReportModel): string {
  const rows = model.series
    .map((s) => {
      const o = s.overall;
      const i = s.info;
      return `<tr><th scope="row">${escapeHtml(s.label)}</th><td>${o.attempts}</td><td>${o.successes}/${o.judged}</td><td><strong>${percent(o.rate)}</strong></td><td>${o.errors}</td><td>${o.meanSteps === null ? '–' : o.meanSteps.toFixed(1)}</td><td>${o.meanDurationMs === null ? '–' : formatDuration(o.meanDurationMs)}</td><td>${o.adviceGiven} in ${o.attemptsAdvised}</td><td>${escapeHtml(i ? `${i.policy}, design ${i.design}, ${i.browser}, repeat ${i.repeat}${i.shuffle ? `, shuffled (seed ${i.seed})` : ''}, concurrency ${i.concurrency}` : '')}</td><td><code>${escapeHtml(s.dir)}</code>${s.unreadableLines ? ` (${s.unreadableLines} unreadable lines)` : ''}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>series</th><th>attempts</th><th>success</th><th>rate</th><th>errors</th><th>mean steps</th><th>mean time</th><th>advice (attempts)</th><th>setup</th><th>results</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function taskTable(model: ReportModel): string {
  const rows = model.tasks.map((t) => `<tr><th scope="row">${escapeHtml(t.taskId)}</th><td class="tags">${escapeHtml(t.tags.join(', '))}</td>${t.bySeries.map(rateCells).join('')}</tr>`).join('\n');
  return `<table><thead><tr><th rowspan="2">task</th><th rowspan="2">tags</th>${seriesHeads(model)}</tr><tr>${subHeads(model)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function tagTable(model: ReportModel): string {
  const rows = model.tags.map((t) => `<tr><th scope="row">${escapeHtml(t.tag)}</th>${t.bySeries.map(rateCells).join('')}</tr>`).join('\n');
  return `<table><thead><tr><th rowspan="2">tag</th>${seriesHeads(model)}</tr><tr>${subHeads(model)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function designTable(model: ReportModel): string {
  if (!model.designs.length) return '<p class="none">No memory designs in these results: the coach was off, or it is not part of this build yet.</p>';
  const rows = model.designs
    .map((d) => `<tr><td>${escapeHtml(d.series)}</td><th scope="row">${escapeHtml(d.cluster)}</th><td>${escapeHtml(d.design)}</td><td>${d.attempts}</td><td>${d.successes}/${d.judged}</td><td>${percent(d.judged ? d.successes / d.judged : null)}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>series</th><th>task cluster</th><th>design</th><th>chosen</th><th>success</th><th>rate</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function errorTable(model: ReportModel): string {
  if (!model.errors.length) return '<p class="none">No errors.</p>';
  const rows = model.errors.map((e) => `<tr><td>${escapeHtml(e.series)}</td><th scope="row">${escapeHtml(e.taskId)}</th><td>${e.episode === null ? '–' : e.attempt}</td><td class="error">${escapeHtml(e.error)}</td></tr>`).join('\n');
  return `<table><thead><tr><th>series</th><th>task</th><th>attempt</th><th>error</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** Draws the charts from the embedded model (runs in the report page). */
const CHARTS_SCRIPT = `
const model = JSON.parse(document.getElementById('report-data').textContent);
const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const dark = matchMedia('(prefers-color-scheme: dark)').matches;
Chart.defaults.color = dark ? '#d4d4d8' : '#3f3f46';
Chart.defaults.borderColor = dark ? '#3f3f46' : '#e4e4e7';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
const pct = { min: 0, max: 1, ticks: { callback: (v) => Math.round(v * 100) + '%' } };

new Chart(document.getElementById('curve'), {
  type: 'line',
  data: {
    datasets: model.series.flatMap((s, i) => [
      { label: s.label + ': cumulative', data: s.curve.map((p) => ({ x: p.episode, y: p.cumulative })), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], pointRadius: 0, borderWidth: 2, spanGaps: true, clip: false },
      { label: s.label + ': last ' + model.window, data: s.curve.map((p) => ({ x: p.episode, y: p.moving })), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderDash: [5, 4], pointRadius: 0, borderWidth: 1.5, spanGaps: true, clip: false },
    ]),
  },
  options: { parsing: false, scales: { x: { type: 'linear', title: { display: true, text: 'episode' }, ticks: { precision: 0 } }, y: { ...pct, title: { display: true, text: 'success rate' } } }, plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ': ' + (c.parsed.y === null ? '–' : Math.round(c.parsed.y * 100) + '%') } } } },
});

new Chart(document.getElementById('steps-per-task'), {
  type: 'bar',
  data: {
    labels: model.tasks.map((t) => t.taskId),
    datasets: model.series.map((s, i) => ({ label: s.label, data: model.tasks.map((t) => (t.bySeries[i] ? t.bySeries[i].meanSteps : null)), backgroundColor: palette[i % palette.length] })),
  },
  options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'mean steps' } } } },
});

new Chart(document.getElementById('steps-over-time'), {
  type: 'scatter',
  data: {
    datasets: model.series.map((s, i) => ({
      label: s.label,
      data: s.steps.map((p) => ({ x: p.episode, y: p.steps, task: p.taskId, success: p.success })),
      backgroundColor: palette[i % palette.length],
      pointStyle: s.steps.map((p) => (p.success === true ? 'circle' : p.success === false ? 'crossRot' : 'triangle')),
      borderColor: palette[i % palette.length],
      pointRadius: 4,
    })),
  },
  options: { scales: { x: { title: { display: true, text: 'episode' }, ticks: { precision: 0 } }, y: { beginAtZero: true, title: { display: true, text: 'steps' } } }, plugins: { tooltip: { callbacks: { label: (c) => c.raw.task + ': ' + c.raw.y + ' steps, ' + (c.raw.success === true ? 'success' : c.raw.success === false ? 'failure' : 'unknown') } } } },
});

const designCanvas = document.getElementById('designs');
if (model.designs.length) {
  const clusters = [...new Set(model.designs.map((d) => (model.series.length > 1 ? d.series + ' · ' : '') + d.cluster))];
  const designs = [...new Set(model.designs.map((d) => d.design))];
  new Chart(designCanvas, {
    type: 'bar',
    data: {
      labels: clusters,
      datasets: designs.map((name, i) => ({
        label: name,
        data: clusters.map((c) => model.designs.filter((d) => d.design === name && (model.series.length > 1 ? d.series + ' · ' : '') + d.cluster === c).reduce((n, d) => n + d.attempts, 0)),
        backgroundColor: palette[i % palette.length],
      })),
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, title: { display: true, text: 'times chosen' }, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
} else {
  designCanvas.remove();
}
`;

export function renderReport(model: ReportModel): string {
  const title = model.series.length > 1 ? `Waymark: ${model.series.map((s) => s.label).join(' vs ')}` : `Waymark run report (${model.series[0]?.label ?? 'empty'})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light dark; --fg: #18181b; --bg: #fff; --muted: #71717a; --line: #e4e4e7; --head: #f4f4f5; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e4e4e7; --bg: #18181b; --muted: #a1a1aa; --line: #3f3f46; --head: #27272a; } }
  body { font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 24px auto; max-width: 1200px; padding: 0 16px; }
  h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 32px; }
  .muted, .none { color: var(--muted); }
  table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
  th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; vertical-align: top; }
  th[scope=row], td.tags, td.error, td:first-child { text-align: left; }
  thead th { background: var(--head); text-align: center; }
  td.error { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; }
  .chart { position: relative; height: 340px; margin: 8px 0; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="muted">Generated ${escapeHtml(model.generatedAt)}. Success is the task's own check (success_js) where it has one, otherwise the run's judged outcome; unknown outcomes are left out of rates.</p>

<h2>Overview</h2>
${overviewTable(model)}

<h2>Learning curve</h2>
<p class="muted">Success rate against episode (the attempt's place in the batch): cumulative (solid) and over the last ${model.window} attempts (dashed).</p>
<div class="chart"><canvas id="curve" role="img" aria-label="Success rate against episode"></canvas></div>

<div class="charts">
  <section><h2>Steps per task</h2><div class="chart"><canvas id="steps-per-task" role="img" aria-label="Mean steps per task"></canvas></div></section>
  <section><h2>Steps over time</h2><p class="muted">● success, ✕ failure, ▲ unknown</p><div class="chart"><canvas id="steps-over-time" role="img" aria-label="Steps of each attempt against episode"></canvas></div></section>
</div>

<h2>Designs chosen</h2>
<div class="chart"><canvas id="designs" role="img" aria-label="Memory designs chosen per task cluster"></canvas></div>
${designTable(model)}

<h2>Per task</h2>
${taskTable(model)}

<h2>Per tag</h2>
${tagTable(model)}

<h2>Errors</h2>
${errorTable(model)}

<script>${scriptSafe(chartJsSource())}</script>
<script type="application/json" id="report-data">${scriptSafe(JSON.stringify(model))}</script>
<script>${CHARTS_SCRIPT}</script>
</body>
</html>
`;
}
