// The read-only parts of an item's detail: what its kind holds (a workflow's steps,
// a keyframe's screen and text, an insight's "avoid" list, an episode's key steps and
// problems), where it came from (the runs, each replayable), and its history.
import type { MemoryItem } from '../../../shared/model';
import type { HistoryEntry, RunHeader, WorkerApi } from '../../../shared/worker-api';
import { Workflow } from '../../../shared/workflow';
import { describeWorkflowStep } from './describe';
import { formatDate, h } from './dom';
import { renderMarked } from './marked-text';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** What the item's kind keeps in `data`, readably; null when there is nothing to show. */
export function kindSection(item: MemoryItem, worker: WorkerApi): HTMLElement | null {
  const data = item.data ?? {};
  switch (item.kind) {
    case 'workflow': {
      const parsed = Workflow.safeParse(data.workflow);
      if (!parsed.success) return null;
      const wf = parsed.data;
      return h(
        'section',
        { 'aria-labelledby': 'detail-workflow' },
        h('h3', { id: 'detail-workflow', text: 'Workflow steps' }),
        wf.variables.length ? h('p', { class: 'note', text: `Variables: ${wf.variables.map((v) => `{${v.name}}${v.example ? ` (e.g. ${v.example})` : ''}`).join(', ')}` }) : null,
        h('ol', { class: 'workflow-steps' }, ...wf.steps.map((s) => h('li', {}, describeWorkflowStep(s), s.intent ? h('em', { text: ` — ${s.intent}` }) : null))),
      );
    }
    case 'keyframe': {
      const key = typeof data.screenshotKey === 'string' ? data.screenshotKey : null;
      const img = h('img', { class: 'keyframe', alt: `Screenshot: ${item.title}` });
      const figure = key ? h('figure', {}, img) : h('p', { class: 'note', text: 'No screenshot kept.' });
      if (key) void worker.getScreenshot(key, 'image').then((s) => (s ? (img.src = s.dataUrl) : figure.replaceWith(h('p', { class: 'note', text: 'The screenshot is no longer stored.' }))), () => undefined);
      const ocr = typeof data.ocrText === 'string' && data.ocrText ? h('p', {}, h('strong', { text: 'Text on screen: ' }), h('q', { class: 'page-data', text: data.ocrText })) : null;
      return h('section', { 'aria-labelledby': 'detail-screen' }, h('h3', { id: 'detail-screen', text: 'Screen' }), figure, ocr);
    }
    case 'insight': {
      const avoid = Array.isArray(data.avoid) ? (data.avoid as { actionKind?: string; target?: { name?: string }; reason?: string }[]) : [];
      if (avoid.length === 0) return null;
      return h(
        'section',
        { 'aria-labelledby': 'detail-avoid' },
        h('h3', { id: 'detail-avoid', text: 'Actions to avoid' }),
        h('ul', {}, ...avoid.map((a) => h('li', {}, `${a.actionKind ?? 'act on'} `, h('q', { class: 'page-data', text: a.target?.name ?? '?' }), a.reason ? ` — ${a.reason}` : ''))),
      );
    }
    case 'episode': {
      const keySteps = strings(data.keySteps);
      const problems = Array.isArray(data.failurePoints) ? (data.failurePoints as { action?: string; detail?: string }[]) : [];
      if (!keySteps.length && !problems.length) return null;
      return h(
        'section',
        { 'aria-labelledby': 'detail-episode' },
        h('h3', { id: 'detail-episode', text: 'Key steps' }),
        keySteps.length ? h('ol', {}, ...keySteps.map((s) => h('li', {}, ...renderMarked(s)))) : null,
        problems.length ? h('p', {}, h('strong', { text: 'Problems: ' }), ...problems.flatMap((p, i) => [i ? '; ' : '', ...renderMarked(`${p.action ?? ''} — ${p.detail ?? ''}`)])) : null,
      );
    }
  }
}

/** The runs the item came from, each opening the step-by-step replay. */
export function provenanceSection(item: MemoryItem, runs: ReadonlyMap<string, RunHeader>, replay: (runId: string) => void): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'detail-provenance' },
    h('h3', { id: 'detail-provenance', text: 'Learned from' }),
    item.provenance.length
      ? h(
          'ul',
          { class: 'provenance' },
          ...item.provenance.map((runId) => {
            const run = runs.get(runId);
            const label = run ? `${run.task} — ${run.outcome?.status ?? 'no outcome'}, ${run.stepCount} steps, ${formatDate(run.startedAt)}` : `run ${runId}`;
            return h('li', {}, h('button', { type: 'button', class: 'link', 'data-run': runId, onclick: () => replay(runId) }, `Replay: ${label}`));
          }),
        )
      : h('p', { class: 'note', text: 'Added by hand or imported: no run.' }),
  );
}

const CHANGE_WORDS: Record<HistoryEntry['change'], string> = { create: 'created', update: 'changed', delete: 'deleted', undo: 'undone', merge: 'merged', prune: 'pruned' };
const FIELDS = ['title', 'text', 'whenToUse', 'pinned', 'utility', 'counters', 'scope', 'provenance', 'data'] as const;

/** Which fields a change touched, e.g. "title, pinned". */
export function changedFields(entry: Pick<HistoryEntry, 'before' | 'after'>): string[] {
  if (!entry.before || !entry.after) return [];
  return FIELDS.filter((f) => JSON.stringify(entry.before![f]) !== JSON.stringify(entry.after![f]));
}

export function historySection(history: readonly HistoryEntry[], undo: () => void): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'detail-history' },
    h('h3', { id: 'detail-history', text: 'History' }),
    h(
      'ol',
      { class: 'history', reversed: true },
      ...[...history].reverse().map((e) => {
        const fields = changedFields(e);
        return h('li', {}, h('time', { datetime: new Date(e.at).toISOString(), text: formatDate(e.at) }), ` ${CHANGE_WORDS[e.change]}${fields.length ? ` (${fields.join(', ')})` : ''} — ${e.reason}`);
      }),
    ),
    history.length ? h('button', { type: 'button', id: 'undo-last', text: 'Undo the last change', onclick: undo }) : null,
  );
}
