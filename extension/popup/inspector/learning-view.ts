// The Learning view: success rate over judged runs with memory on and off (a chart.js
// line chart, with the same numbers as a table for screen readers), and per task
// cluster the memory design the learner chose, its record per design, and a pin.
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { DesignClusterRecord, WorkerApi } from '../../../shared/worker-api';
import { byId, errorText, formatNumber, h } from './dom';
import { currentDesign, designRows, type JudgedRun, successSeries } from './learning-stats';
import { notify } from './toast';

// Only what a line chart needs: the rest of chart.js stays out of the bundle.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const RUNS_CHARTED = 300;
const WINDOW = 10;

export class LearningView {
  private chart: Chart<'line', (number | null)[], number> | null = null;
  private loaded: Promise<void> | null = null;

  constructor(private readonly worker: WorkerApi) {
    byId('learning-reload').addEventListener('click', () => void this.load(true));
  }

  load(force = false): Promise<void> {
    if (this.loaded && !force) return this.loaded;
    this.loaded = Promise.all([this.renderChart(), this.renderDesigns()])
      .then(() => undefined)
      .catch((e: unknown) => {
        byId('learning-status').textContent = `Could not load: ${errorText(e)}`;
        this.loaded = null;
      });
    return this.loaded;
  }

  /** Judged agent runs, each with whether the coach advised it. */
  private async judgedRuns(): Promise<JudgedRun[]> {
    const runs = (await this.worker.listRuns(RUNS_CHARTED)).filter((r) => r.source === 'agent' && (r.outcome?.status === 'success' || r.outcome?.status === 'failure'));
    const records = await Promise.all(runs.map((r) => this.worker.coachRun(r.id).catch(() => null)));
    return runs.map((r, i) => ({ at: r.startedAt, success: r.outcome!.status === 'success', memory: records[i]?.coach === true }));
  }

  private async renderChart(): Promise<void> {
    const series = successSeries(await this.judgedRuns(), WINDOW);
    const rate = (t: { runs: number; successes: number }) => (t.runs ? `${formatNumber((100 * t.successes) / t.runs)} % (${t.successes} of ${t.runs})` : 'no runs');
    const summary = `Memory on: ${rate(series.totals.on)}. Memory off: ${rate(series.totals.off)}.`;
    byId('learning-status').textContent = series.labels.length ? summary : 'No judged runs yet: the chart fills as runs are judged (by a check, a judge model, or your answer in Runs).';
    const canvas = byId<HTMLCanvasElement>('success-chart');
    canvas.setAttribute('aria-label', `Success rate over the last ${WINDOW} runs of each kind, by run. ${summary}`);
    const css = getComputedStyle(document.documentElement);
    const color = (name: string) => css.getPropertyValue(name).trim() || '#888';
    const data = {
      labels: series.labels,
      datasets: [
        { label: 'Memory on', data: series.on, borderColor: color('--chart-on'), backgroundColor: color('--chart-on'), spanGaps: true, tension: 0.2 },
        { label: 'Memory off', data: series.off, borderColor: color('--chart-off'), backgroundColor: color('--chart-off'), spanGaps: true, tension: 0.2, borderDash: [6, 4] },
      ],
    };
    const grid = color('--chart-grid');
    const text = color('--fg');
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: 'line',
      data,
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { title: { display: true, text: 'Run', color: text }, ticks: { color: text }, grid: { color: grid } },
          y: { min: 0, max: 100, title: { display: true, text: `Success, last ${WINDOW} runs (%)`, color: text }, ticks: { color: text }, grid: { color: grid } },
        },
        plugins: { legend: { labels: { color: text } } },
      },
    });
    byId('success-table-body').replaceChildren(
      ...(['on', 'off'] as const).map((side) => h('tr', {}, h('th', { scope: 'row', text: `Memory ${side}` }), h('td', { class: 'num', text: String(series.totals[side].runs) }), h('td', { class: 'num', text: String(series.totals[side].successes) }), h('td', { class: 'num', text: rate(series.totals[side]) }))),
    );
  }

  private async renderDesigns(): Promise<void> {
    const { designs, defaultDesign, clusters } = await this.worker.memoryDesigns();
    const host = byId('clusters');
    if (clusters.length === 0) {
      host.replaceChildren(h('p', { class: 'note', text: 'No task clusters yet: the learner keeps a record per kind of task once runs are learned from.' }));
      return;
    }
    host.replaceChildren(...clusters.map((c, i) => this.clusterCard(c, i, designs.map((d) => d.name), defaultDesign)));
  }

  private clusterCard(record: DesignClusterRecord, i: number, names: string[], fallback: string): HTMLElement {
    const now = currentDesign(record, fallback);
    const select = h('select', { id: `pin-${i}` }, new Option('Learner chooses', ''), ...names.map((n) => new Option(`Always ${n}`, n)));
    select.value = record.pinned ?? '';
    select.addEventListener('change', async () => {
      try {
        await this.worker.pinDesign(record.cluster, select.value || null);
        notify(select.value ? `“${record.cluster}” now always uses ${select.value}.` : `The learner chooses the design for “${record.cluster}” again.`);
        await this.renderDesigns();
        byId(`pin-${i}`).focus();
      } catch (e) {
        notify(`Could not pin: ${errorText(e)}`, { error: true });
      }
    });
    const rows = designRows(record);
    return h(
      'article',
      { class: 'cluster', 'aria-labelledby': `cluster-${i}` },
      h('h3', { id: `cluster-${i}`, text: record.cluster }),
      h('p', {}, 'Design in use: ', h('strong', { text: now.design }), ` (${now.how})`),
      h('label', { for: `pin-${i}`, text: 'Memory design for this kind of task' }),
      select,
      rows.length
        ? h(
            'table',
            {},
            h('caption', { text: 'Record per design' }),
            h('thead', {}, h('tr', {}, ...['Design', 'Runs', 'Successes', 'Mean reward', 'Mean steps'].map((t) => h('th', { scope: 'col', text: t })))),
            h(
              'tbody',
              {},
              ...rows.map((r) =>
                h('tr', {}, h('th', { scope: 'row', text: r.design }), h('td', { class: 'num', text: String(r.runs) }), h('td', { class: 'num', text: String(r.successes) }), h('td', { class: 'num', text: r.meanReward === null ? '—' : formatNumber(r.meanReward, 2) }), h('td', { class: 'num', text: r.meanSteps === null ? '—' : formatNumber(r.meanSteps, 1) })),
              ),
            ),
          )
        : h('p', { class: 'note', text: 'No runs recorded for a design yet.' }),
    );
  }
}
