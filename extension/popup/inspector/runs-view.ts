// The Runs view: past runs, newest first, with outcome, steps and duration; each opens
// the step-by-step replay. A finished run nobody judged asks "Did it work?": the
// answer is the user's verdict, and the coach learns from the run with it.
import type { RunHeader, WorkerApi } from '../../../shared/worker-api';
import { byId, errorText, formatDate, formatDuration, h, siteLabel } from './dom';
import { notify } from './toast';

const RUNS_SHOWN = 500;

export class RunsView {
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly worker: WorkerApi,
    private readonly replay: (runId: string) => void,
  ) {
    byId('runs-reload').addEventListener('click', () => void this.load(true));
  }

  load(force = false): Promise<void> {
    if (this.loaded && !force) return this.loaded;
    this.loaded = this.render().catch((e: unknown) => {
      byId('runs-status').textContent = `Could not load runs: ${errorText(e)}`;
      this.loaded = null;
    });
    return this.loaded;
  }

  private async render(): Promise<void> {
    byId('runs-status').textContent = 'Loading runs…';
    const runs = await this.worker.listRuns(RUNS_SHOWN);
    byId('runs-status').textContent = runs.length ? `${runs.length} run${runs.length === 1 ? '' : 's'}, newest first.` : 'No runs yet: start one from the run control, or record a demonstration.';
    byId('runs-body').replaceChildren(...runs.map((run) => this.row(run)));
  }

  private row(run: RunHeader): HTMLElement {
    const status = run.outcome?.status ?? (run.endedAt === undefined ? 'running' : 'unknown');
    return h(
      'tr',
      { 'data-run': run.id },
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', title: 'Replay this run step by step', onclick: () => this.replay(run.id) }, run.task)),
      h('td', { text: siteLabel(run.origin) }),
      h('td', {}, h('span', { class: `badge outcome-${status}`, text: status }), run.source === 'demonstration' ? h('span', { class: 'note', text: ' (demonstrated)' }) : null),
      h('td', { class: 'num', text: String(run.stepCount) }),
      h('td', { class: 'num', text: formatDuration(run.endedAt === undefined ? undefined : run.endedAt - run.startedAt) }),
      h('td', { text: formatDate(run.startedAt) }),
      h('td', {}, status === 'unknown' ? this.verdict(run) : ''),
    );
  }

  /** "Did it work? Yes / No" for a finished run without a verdict. */
  private verdict(run: RunHeader): HTMLElement {
    const group = h('div', { class: 'verdict', role: 'group', 'aria-label': `Did “${run.task}” work?` }, h('span', { text: 'Did it work? ' }));
    const answer = async (success: boolean) => {
      group.querySelectorAll('button').forEach((b) => (b.disabled = true));
      group.firstElementChild!.textContent = 'Learning from it… ';
      try {
        await this.worker.recordVerdict(run.id, { success, reason: success ? 'the user says it worked' : 'the user says it did not work', by: 'user' });
        notify(`Thanks: “${run.task}” marked as ${success ? 'a success' : 'a failure'}; Waymark learns from it.`);
        await this.load(true);
        (document.querySelector(`tr[data-run="${CSS.escape(run.id)}"] button`) as HTMLElement | null)?.focus();
      } catch (e) {
        group.querySelectorAll('button').forEach((b) => (b.disabled = false));
        group.firstElementChild!.textContent = 'Did it work? ';
        notify(`Could not record the answer: ${errorText(e)}`, { error: true });
      }
    };
    group.append(h('button', { type: 'button', text: 'Yes', onclick: () => void answer(true) }), ' ', h('button', { type: 'button', text: 'No', onclick: () => void answer(false) }));
    return group;
  }
}
