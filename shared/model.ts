// The data model of DESIGN.md: steps, runs, recordings, memory items, designs, advice.
import { z } from 'zod';
import { Action, ActionResult } from './actions';
import { BoundingBox } from './observation';

/** How an element is recognised again on another visit (recordings, workflows). */
export const ElementDescriptor = z.object({
  tag: z.string(),
  role: z.string(),
  name: z.string(),
  /** Text of a nearby label or heading, for disambiguation. */
  label: z.string().optional(),
  type: z.string().optional(),
  box: BoundingBox,
});
export type ElementDescriptor = z.infer<typeof ElementDescriptor>;

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
  /** Memory item ids of the advice shown before this step. */
  adviceIds: z.array(z.string()),
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
  speak: z.enum(['start-only', 'on-signal', 'every-step']),
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
