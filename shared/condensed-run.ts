// A finished run condensed into one structured record (WebCoach's condenser): what
// the task was as a template, how it ended and why, what mattered on the way, where
// it went wrong, and — for a judged success — the workflow that did it. The same
// schema whether an LLM wrote the summary and lessons or the rules did.
import { z } from 'zod';
import { Outcome } from './model';
import { Workflow, WorkflowTarget, WorkflowVariable } from './workflow';

export const FailurePoint = z.object({
  /** 0-based step index. */
  step: z.number().int().nonnegative(),
  kind: z.enum(['action_error', 'loop', 'no_effect', 'dead_end']),
  /** The action, described ("click [4]"), with its intent when it had one. */
  action: z.string().max(500),
  actionKind: z.string(),
  /** The element it was aimed at, with the task's values as variables. */
  target: WorkflowTarget.optional(),
  url: z.string(),
  detail: z.string().max(1_000),
});
export type FailurePoint = z.infer<typeof FailurePoint>;

export const Lesson = z.object({
  title: z.string().min(1).max(200),
  whenToUse: z.string().min(1).max(500),
  content: z.string().min(1).max(2_000),
  /** Elements not to act on again for this kind of task (from a failure). */
  avoid: z.array(z.object({ actionKind: z.string(), target: WorkflowTarget, reason: z.string().max(500) })).max(5).optional(),
});
export type Lesson = z.infer<typeof Lesson>;

export const CondensedRun = z.object({
  runId: z.string(),
  task: z.string(),
  /** The task with its values as variables, e.g. `Subscribe {name} ({email}) to the newsletter`. */
  template: z.string(),
  variables: z.array(WorkflowVariable),
  bindings: z.record(z.string(), z.string()),
  origin: z.string(),
  /** The task cluster: the template, normalised. */
  cluster: z.string(),
  outcome: Outcome,
  stepCount: z.number().int().nonnegative(),
  summary: z.string().max(2_000),
  keySteps: z.array(z.string().max(300)).max(12),
  failurePoints: z.array(FailurePoint).max(20),
  workflow: Workflow.optional(),
  lessons: z.array(Lesson).max(5),
  /** Who wrote summary and lessons. */
  writtenBy: z.enum(['rules', 'llm']),
});
export type CondensedRun = z.infer<typeof CondensedRun>;

/** The cluster a task template belongs to: lower case, single spaces, no final punctuation. */
export function clusterOf(template: string): string {
  return template
    .toLowerCase()
    .replace(/\{([a-z_]+?)\d*\}/g, '{$1}')
    .replace(/\s+/g, ' ')
    // The article before a value is the value's ("an Aisle seat", "a Window seat"): one task.
    .replace(/\ban (?=\{)/g, 'a ')
    .replace(/[.!?\s]+$/, '')
    .trim()
    .slice(0, 300);
}
