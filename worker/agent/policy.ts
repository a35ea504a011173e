// The one interface every policy implements: given the task, the page and what
// happened so far, decide the next step's actions.
import type { JudgeInput, Verdict } from '../../shared/judge';
import type { ActionPurpose, AgentOutput, Step } from '../../shared/model';
import type { Observation } from '../../shared/observation';
import type { BoundWorkflow, WorkflowTarget } from '../../shared/workflow';
import type { LlmClient } from '../llm/llm-client';

/** Text a hook adds to the next step's prompt (e.g. the coach's advice), with where it came from. */
export interface HookContext {
  source: string;
  text: string;
  /** Memory items the text came from, recorded with the step. */
  memoryIds?: string[];
  /** How sure the source is that the text fits this task and page (0..1), when it says. */
  confidence?: number;
  /**
   * A learned workflow with its variables bound to this task (the coach offers one
   * when a past success matches). The offline policy executes it step by step;
   * LLM policies read `text` instead.
   */
  workflow?: BoundWorkflow;
  /**
   * Elements not to act on for this task (lessons from past failures), with the task's
   * values filled in. The offline policy leaves them out; LLM policies read `text`.
   */
  avoid?: AvoidHint[];
}

export interface AvoidHint {
  actionKind: string;
  target: WorkflowTarget;
  reason: string;
  /** The memory item the hint came from. */
  memoryId?: string;
}

export interface StepInput {
  task: string;
  observation: Observation;
  /** Steps taken so far in this run, oldest first. */
  history: Step[];
  context: HookContext[];
  /** 0-based number of the step about to be taken. */
  step: number;
  maxSteps: number;
  /** The agent's working notes from its last step. */
  notes?: string;
}

export interface PolicyDecision {
  output: AgentOutput;
  /** What each action is for, when the policy knows (kept with the step; the offline policy reads it back). */
  purposes?: (ActionPurpose | null)[];
  /** Repairs applied to the model's reply, and replies asked again, if any (kept with the step, shown in the step log and the replay). */
  repairs?: string[];
}

export type PolicyErrorCode = 'unusable_output' | 'unavailable' | 'failed';

/** The policy could not decide; the run ends with this reason. */
export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

export interface Policy {
  /** e.g. `llm:openai:qwen2.5:3b@http://127.0.0.1:11434/v1` or `offline`. */
  readonly id: string;
  next(input: StepInput, signal: AbortSignal): Promise<PolicyDecision>;
  /** Policies with a model can judge a finished run (strictly); without one, runs stay `unknown`. */
  judge?(input: JudgeInput, signal: AbortSignal): Promise<Verdict>;
  dispose(): Promise<void>;
  /** The policy's language model, when it has one (the coach writes advice and lessons with it). */
  readonly llm?: LlmClient;
}
