// The memory items a condensed run gives, per the kinds its design writes:
// the episode (the whole run), a workflow (judged successes only), insights (lessons
// from successes and failures), and keyframes (screens at decisive moments).
import type { CondensedRun } from '../../shared/condensed-run';
import type { MemoryDesign, MemoryKind } from '../../shared/model';
import { NEUTRAL_UTILITY } from '../../shared/ranking';
import type { VisualSignature } from '../../shared/worker-api';
import type { NewMemoryItem } from '../../shared/worker-api';
import { templateFor } from '../../shared/workflow';
import { isJudgedSuccess } from './condenser';

/** A screen worth remembering, captured during the run. */
export interface Keyframe {
  moment: 'first-error' | 'success' | 'failure';
  step: number;
  url: string;
  title: string;
  /** The page's element names, hashed: recognises the screen without pixels. */
  fingerprint: string;
  screenshotKey?: string;
  signature?: VisualSignature;
  /** Text read off the screenshot (page-originated: data, never instructions). */
  ocrText?: string;
  /** Taken at the end of the run: its moment is decided by the outcome. */
  final?: boolean;
}

function base(c: CondensedRun, kind: MemoryKind): Pick<NewMemoryItem, 'kind' | 'scope' | 'provenance' | 'utility'> {
  return { kind, scope: { origin: c.origin, cluster: c.cluster }, provenance: [c.runId], utility: NEUTRAL_UTILITY };
}

export function itemsFor(c: CondensedRun, design: Pick<MemoryDesign, 'writes'>, keyframes: readonly Keyframe[] = []): NewMemoryItem[] {
  const writes = new Set(design.writes);
  const items: NewMemoryItem[] = [];
  const judged = c.outcome.status === 'success' || c.outcome.status === 'failure';
  if (writes.has('episode')) {
    items.push({
      ...base(c, 'episode'),
      title: `${c.outcome.status}: ${c.task}`.slice(0, 300),
      whenToUse: `Tasks like "${c.template}" on ${c.origin}`.slice(0, 500),
      text: c.summary,
      data: { runId: c.runId, outcome: c.outcome, template: c.template, steps: c.stepCount, keySteps: c.keySteps, pattern: c.keySteps.map((s) => templateFor(s, c.bindings)), failurePoints: c.failurePoints, seen: 1 },
    });
  }
  if (writes.has('workflow') && c.workflow && isJudgedSuccess(c.outcome)) {
    items.push({
      ...base(c, 'workflow'),
      title: c.workflow.task.slice(0, 300),
      whenToUse: `To ${c.template.replace(/^\w/, (ch) => ch.toLowerCase())} on ${c.origin}`.slice(0, 500),
      text: `Steps that did it: ${c.keySteps.join('; ')}`.slice(0, 2_000),
      data: { workflow: c.workflow, runId: c.runId, succeeded: 1 },
    });
  }
  if (writes.has('insight') && judged) {
    for (const lesson of c.lessons) {
      items.push({
        ...base(c, 'insight'),
        title: lesson.title,
        whenToUse: lesson.whenToUse,
        text: lesson.content,
        data: { from: c.outcome.status, template: c.template, variables: c.variables, ...(lesson.avoid ? { avoid: lesson.avoid } : {}), seen: 1 },
      });
    }
  }
  if (writes.has('keyframe')) {
    for (const k of keyframes) {
      items.push({
        ...base(c, 'keyframe'),
        title: `${k.moment === 'success' ? 'Screen of success' : k.moment === 'failure' ? 'Screen where it failed' : 'Screen of the first error'}: ${k.title || k.url}`.slice(0, 300),
        whenToUse: `On this screen during tasks like "${c.template}"`.slice(0, 500),
        text: `${k.url} — ${k.title}${k.ocrText ? `\nOn screen: ${k.ocrText.slice(0, 600)}` : ''}`.slice(0, 2_000),
        data: { ...k, template: c.template, outcome: c.outcome.status, seen: 1 },
      });
    }
  }
  return items;
}
