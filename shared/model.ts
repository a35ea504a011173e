// The data model of DESIGN.md: steps, runs, recordings, memory items, designs, advice.
import { z } from 'zod';
import { Action, ActionResult } from './actions';
import { BoundingBox } from './observation';

/**
 * How an element is recognised again on another visit (recordings, workflows): what a
 * person reads (role, name, label) and what a person's selector would use (id, name
 * attribute, placeholder, the text before it, its rank among elements like it, a
 * short DOM path). Pages without labels still leave enough of these to go by.
 */
export const ElementDescriptor = z.object({
  tag: z.string(),
  role: z.string(),
  name: z.string(),
  /** Text of a nearby label or heading, for disambiguation. */
  label: z.string().optional(),
  type: z.string().optional(),
  id: z.string().max(60).optional(),
  /** The name attribute of a form field. */
  nameAttr: z.string().max(80).optional(),
  placeholder: z.string().max(80).optional(),
  /** The nearest text before the element (in a workflow, with the task's values as variables). */
  near: z.string().max(200).optional(),
  /** Its place among the page's elements of the same tag, role and type: the n-th (1-based) of `of`. */
  rank: z.object({ n: z.number().int().positive(), of: z.number().int().positive() }).optional(),
  /** A short DOM path, e.g. `form#reply > textarea`. */
  path: z.string().max(400).optional(),
  /** The text of its row, for a control repeated row by row (see ElementLocator.row). */
  row: z.string().max(300).optional(),
  box: BoundingBox,
});
export type ElementDescriptor = z.infer<typeof ElementDescriptor>;

/**
 * What an action was for, as the policy that chose it says: filling a value in,
 * ticking a box, submitting, searching, opening a result, pressing the element the task
 * is about, opening something to find it (a tab, a section, a menu), looking around
 * when nothing here takes the task on (a way on the task's words suggest), going back,
 * following a learned workflow, finishing. Kept with the step (never parsed out of `intent`, which
 * is the user-facing sentence).
 */
export const ActionPurpose = z.enum(['fill', 'toggle', 'submit', 'search', 'open', 'press', 'reveal', 'explore', 'back', 'workflow', 'finish']);
export type ActionPurpose = z.infer<typeof ActionPurpose>;

/** One user action captured in record mode. */
export const RecordedStep = z.object({
  action: Action,
  target: ElementDescriptor.optional(),
  url: z.string(),
  timestamp: z.number(),
});
export type RecordedStep = z.infer<typeof RecordedStep>;

/** What the model returns each step. */
export const AgentOutput = z.object({
  evaluation: z.string().max(2_000).describe('Did the previous step work? Why?'),
  notes: z.string().max(4_000).optional().describe('Working memory: facts to keep for later steps'),
  nextGoal: z.string().max(1_000).describe('What the next actions aim at'),
  actions: z.array(Action).min(1).max(6),
});
export type AgentOutput = z.infer<typeof AgentOutput>;

export const ObservationDigest = z.object({
  url: z.string(),
  title: z.string(),
  elementCount: z.number().int().nonnegative(),
  /** Visual signature of the screen, when one was computed. */
  screenSignature: z.string().optional(),
  screenshotKey: z.string().optional(),
});

export const Step = z.object({
  index: z.number().int().nonnegative(),
  observation: ObservationDigest,
  output: AgentOutput,
  results: z.array(ActionResult),
  /**
   * The element each action was aimed at, as it was seen then (null for actions
   * without an element): what workflows and lessons are learned from.
   */
  targets: z.array(ElementDescriptor.nullable()).optional(),
  /** What each action was for, when the policy said so (null where it did not). */
  purposes: z.array(ActionPurpose.nullable()).optional(),
  /** Memory item ids of the advice shown before this step. */
  adviceIds: z.array(z.string()),
  /** What was mended in the policy's reply before it could be used, and replies asked again (a model's output). */
  repairs: z.array(z.string().max(500)).max(50).optional(),
  startedAt: z.number(),
  tookMs: z.number().nonnegative(),
});
export type Step = z.infer<typeof Step>;

export const Outcome = z.object({
  status: z.enum(['success', 'failure', 'unknown', 'interrupted']),
  /** 'check' (the task's own test), 'llm', 'user', or 'none'. */
  judgedBy: z.enum(['check', 'llm', 'user', 'none']),
  reason: z.string(),
});
export type Outcome = z.infer<typeof Outcome>;

export const Trajectory = z.object({
  id: z.string(),
  task: z.string(),
  origin: z.string(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  steps: z.array(Step),
  outcome: Outcome.optional(),
  /** Screenshot keys by step index. */
  screenshots: z.record(z.string(), z.string()),
  source: z.enum(['agent', 'demonstration']),
});
export type Trajectory = z.infer<typeof Trajectory>;

export const MemoryKind = z.enum(['episode', 'workflow', 'insight', 'keyframe']);
export type MemoryKind = z.infer<typeof MemoryKind>;

export const MemoryItem = z.object({
  id: z.string(),
  kind: MemoryKind,
  title: z.string(),
  text: z.string(),
  whenToUse: z.string(),
  scope: z.object({ origin: z.string().optional(), cluster: z.string().optional() }),
  provenance: z.array(z.string()),
  counters: z.object({
    retrieved: z.number().int().nonnegative(),
    helped: z.number().int().nonnegative(),
    hurt: z.number().int().nonnegative(),
  }),
  utility: z.number(),
  pinned: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int().positive(),
  /** Kind-specific structured content (workflow steps, keyframe signature, …). */
  data: z.record(z.string(), z.unknown()).optional(),
});
export type MemoryItem = z.infer<typeof MemoryItem>;

export const MemoryDesign = z.object({
  name: z.string(),
  writes: z.array(MemoryKind),
  retrieval: z.object({
    k: z.number().int().positive(),
    floor: z.number().min(-1).max(1),
    weights: z.object({ similarity: z.number(), recency: z.number(), utility: z.number() }),
  }),
  /** When the coach speaks: never (memory is written, nothing is shown), at the start, on a signal, or every step. */
  speak: z.enum(['never', 'start-only', 'on-signal', 'every-step']),
  /** Advice below this confidence stays unsaid (0..1). */
  minConfidence: z.number().min(0).max(1),
});
export type MemoryDesign = z.infer<typeof MemoryDesign>;

export const Advice = z.object({
  text: z.string(),
  hints: z.object({
    try: z.array(Action),
    avoid: z.array(Action),
  }),
  sources: z.array(z.string()),
  confidence: z.number().min(0).max(1),
});
export type Advice = z.infer<typeof Advice>;
