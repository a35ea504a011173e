// A run replayed step by step in a modal dialog: for each step the screen before it
// (thumbnail; activate it for the full screenshot), the page, what the agent aimed at,
// each action with its intent and result, and the advice the coach gave at that step.
// Left/Right arrows (or the step buttons) move through the run; Escape closes.
import type { Trajectory } from '../../../shared/model';
import type { CoachRunRecord, WorkerApi } from '../../../shared/worker-api';
import { describeActionOn } from './describe';
import { errorText, formatDate, formatDuration, h, siteLabel } from './dom';
import { renderMarked } from './marked-text';

export class RunReplay {
  private run: Trajectory | null = null;
  private coach: CoachRunRecord | null = null;
  private index = 0;
  private readonly images = new Map<string, Promise<string | null>>();

  constructor(
    private readonly worker: WorkerApi,
    private readonly dialog: HTMLDialogElement,
    /** Opens a memory item the advice came from. */
    private readonly openItem?: (id: string) => void,
  ) {
    dialog.addEventListener('keydown', (e) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      if (e.key === 'ArrowRight') this.go(this.index + 1);
      else if (e.key === 'ArrowLeft') this.go(this.index - 1);
    });
  }

  async open(runId: string): Promise<void> {
    this.dialog.replaceChildren(h('p', { role: 'status', text: 'Loading the run…' }));
    if (!this.dialog.open) this.dialog.showModal();
    try {
      [this.run, this.coach] = await Promise.all([this.worker.getRun(runId), this.worker.coachRun(runId).catch(() => null)]);
    } catch (e) {
      this.run = null;
      this.dialog.replaceChildren(this.closeButton(), h('p', { class: 'error', role: 'alert', text: `Could not load run ${runId}: ${errorText(e)}` }));
      return;
    }
    if (!this.run) {
      this.dialog.replaceChildren(this.closeButton(), h('p', { role: 'alert', text: `Run ${runId} is no longer stored.` }));
      return;
    }
    this.index = 0;
    this.dialog.replaceChildren(
      h('header', { class: 'replay-head' }, h('h2', { id: 'replay-title', text: `Run: ${this.run.task}` }), this.closeButton()),
      this.summary(this.run, this.coach),
      h('div', { id: 'replay-step' }),
    );
    this.dialog.setAttribute('aria-labelledby', 'replay-title');
    this.go(0);
  }

  private closeButton(): HTMLElement {
    return h('button', { type: 'button', class: 'close', text: 'Close', onclick: () => this.dialog.close() });
  }

  private summary(run: Trajectory, coach: CoachRunRecord | null): HTMLElement {
    const o = run.outcome;
    const rows: [string, string | Node][] = [
      ['Site', siteLabel(run.origin)],
      ['Made by', run.source === 'demonstration' ? 'your demonstration' : 'the agent'],
      ['Started', formatDate(run.startedAt)],
      ['Duration', formatDuration(run.endedAt === undefined ? undefined : run.endedAt - run.startedAt)],
      ['Outcome', o ? `${o.status} (judged by ${o.judgedBy}) — ${o.reason}` : 'not finished'],
    ];
    if (coach) {
      rows.push(['Memory', coach.coach ? `on — design ${coach.design} (${coach.how}) for “${coach.cluster}”` : 'off (the coach did not advise)']);
      if (coach.learned) rows.push(['Learned', coach.learned.written.length ? coach.learned.written.map((w) => `${w.kind} (${w.action})`).join(', ') : 'nothing new']);
    }
    return h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, v)]));
  }

  private go(index: number): void {
    const run = this.run;
    const host = this.dialog.querySelector('#replay-step');
    if (!run || !host) return;
    if (run.steps.length === 0) {
      host.replaceChildren(h('p', { text: 'This run has no steps.' }));
      return;
    }
    this.index = Math.min(run.steps.length - 1, Math.max(0, index));
    const nav = h(
      'nav',
      { class: 'step-nav', 'aria-label': 'Steps of the run' },
      h('button', { type: 'button', text: '← Previous', disabled: this.index === 0, onclick: () => this.go(this.index - 1) }),
      h('span', { role: 'status', 'aria-live': 'polite', text: `Step ${this.index + 1} of ${run.steps.length}` }),
      h('button', { type: 'button', text: 'Next →', disabled: this.index === run.steps.length - 1, onclick: () => this.go(this.index + 1) }),
      h(
        'ol',
        { class: 'step-dots' },
        ...run.steps.map((s, i) =>
          h(
            'li',
            {},
            h('button', {
              type: 'button',
              class: s.results.some((r) => !r.ok) ? 'failed' : '',
              'aria-label': `Step ${i + 1}`,
              'aria-current': i === this.index ? 'step' : undefined,
              text: String(i + 1),
              onclick: () => this.go(i),
            }),
          ),
        ),
      ),
    );
    host.replaceChildren(nav, this.stepView(run, this.index));
    (host.querySelector('[aria-current="step"]') as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private stepView(run: Trajectory, index: number): HTMLElement {
    const step = run.steps[index]!;
    const shotKey = run.screenshots[String(index)] ?? step.observation.screenshotKey;
    const figure = shotKey ? this.screenshot(shotKey, index) : h('p', { class: 'note', text: 'No screenshot of this step.' });
    const actions = h(
      'ol',
      { class: 'actions' },
      ...step.output.actions.map((action, i) => {
        const result = step.results[i];
        const outcome = !result ? 'not run' : result.ok ? `done${result.navigated ? ` → ${result.url ?? 'another page'}` : ''}` : `failed: ${result.error?.message ?? 'error'}`;
        return h(
          'li',
          { class: result && !result.ok ? 'failed' : '' },
          h('span', { class: 'action', text: describeActionOn(action, step.targets?.[i]) }),
          action.intent ? h('span', { class: 'intent' }, ' — ', h('em', {}, ...renderMarked(action.intent))) : null,
          h('span', { class: 'result', text: ` (${outcome})` }),
        );
      }),
    );
    const advice = (this.coach?.advice ?? []).filter((a) => a.step === index);
    return h(
      'article',
      { class: 'replay-step', 'aria-label': `Step ${index + 1}` },
      figure,
      h('p', { class: 'page' }, h('strong', { text: 'Page: ' }), step.observation.title || '', ' ', h('span', { class: 'note', text: step.observation.url })),
      h('p', {}, h('strong', { text: 'Aim: ' }), ...renderMarked(step.output.nextGoal)),
      step.output.evaluation ? h('p', {}, h('strong', { text: 'Last step: ' }), ...renderMarked(step.output.evaluation)) : null,
      step.repairs?.length ? h('p', { class: 'note' }, h('strong', { text: 'Reply mended: ' }), step.repairs.join('; ')) : null,
      h('h3', { text: 'Actions' }),
      actions,
      h('h3', { text: 'Advice given at this step' }),
      advice.length
        ? h('ul', { class: 'advice' }, ...advice.map((a) => h('li', {}, h('blockquote', {}, ...renderMarked(a.text)), this.sources(a.sources, a.confidence))))
        : h('p', { class: 'note', text: 'None.' }),
    );
  }

  private sources(ids: string[], confidence: number): HTMLElement {
    return h(
      'p',
      { class: 'note' },
      `Confidence ${Math.round(confidence * 100)} %. From memory: `,
      ...ids.flatMap((id, i) => [i ? ', ' : '', this.openItem ? h('button', { type: 'button', class: 'link', text: id.slice(0, 8), title: id, onclick: () => (this.dialog.close(), this.openItem!(id)) }) : id]),
    );
  }

  private image(key: string, which: 'image' | 'thumbnail'): Promise<string | null> {
    const cacheKey = `${which}:${key}`;
    let p = this.images.get(cacheKey);
    if (!p) {
      p = this.worker.getScreenshot(key, which).then((s) => s?.dataUrl ?? null, () => null);
      this.images.set(cacheKey, p);
    }
    return p;
  }

  /** The thumbnail; activating it swaps in the full screenshot and back. */
  private screenshot(key: string, index: number): HTMLElement {
    const img = h('img', { alt: `The screen before step ${index + 1}`, class: 'thumb' });
    const toggle = h('button', { type: 'button', class: 'shot', 'aria-pressed': 'false', title: 'Show the full screenshot' }, img);
    void this.image(key, 'thumbnail').then((url) => (url ? (img.src = url) : toggle.replaceWith(h('p', { class: 'note', text: 'The screenshot is no longer stored.' }))));
    toggle.addEventListener('click', async () => {
      const full = toggle.getAttribute('aria-pressed') !== 'true';
      const url = await this.image(key, full ? 'image' : 'thumbnail');
      if (url) img.src = url;
      toggle.setAttribute('aria-pressed', String(full));
      img.classList.toggle('full', full);
    });
    return h('figure', {}, toggle);
  }
}
