// The space of memory designs the learner chooses from (DESIGN.md, "learning to learn").
// A design is declarative: which kinds of memory a run writes, how many items come
// back and from how similar, how they are ranked, and when the coach speaks. They
// differ where published systems differ: whole episodes (WebCoach), reusable
// workflows (Agent Workflow Memory), lessons from successes and failures
// (ReasoningBank), how eagerly advice is given — and silence: where advice hurts a
// kind of task, the learner can converge on saying nothing (memory is still written).
import { MemoryDesign } from './model';

export const MEMORY_DESIGNS: readonly MemoryDesign[] = [
  {
    name: 'balanced',
    writes: ['episode', 'workflow', 'insight', 'keyframe'],
    retrieval: { k: 5, floor: 0.35, weights: { similarity: 0.6, recency: 0.15, utility: 0.25 } },
    speak: 'on-signal',
    minConfidence: 0.5,
  },
  {
    name: 'silent',
    writes: ['episode', 'workflow', 'insight', 'keyframe'],
    retrieval: { k: 5, floor: 0.35, weights: { similarity: 0.6, recency: 0.15, utility: 0.25 } },
    speak: 'never',
    minConfidence: 1,
  },
  {
    name: 'episodic',
    writes: ['episode', 'keyframe'],
    retrieval: { k: 3, floor: 0.45, weights: { similarity: 0.7, recency: 0.2, utility: 0.1 } },
    speak: 'on-signal',
    minConfidence: 0.5,
  },
  {
    name: 'procedural',
    writes: ['episode', 'workflow'],
    retrieval: { k: 3, floor: 0.35, weights: { similarity: 0.6, recency: 0.1, utility: 0.3 } },
    speak: 'start-only',
    minConfidence: 0.5,
  },
  {
    name: 'reflective',
    writes: ['insight', 'keyframe'],
    retrieval: { k: 5, floor: 0.3, weights: { similarity: 0.5, recency: 0.2, utility: 0.3 } },
    speak: 'on-signal',
    minConfidence: 0.4,
  },
  {
    name: 'eager',
    writes: ['episode', 'workflow', 'insight', 'keyframe'],
    retrieval: { k: 8, floor: 0.2, weights: { similarity: 0.5, recency: 0.2, utility: 0.3 } },
    speak: 'every-step',
    minConfidence: 0.3,
  },
].map((d) => MemoryDesign.parse(d));

/** The safe default: every kind written, advice when it matters. */
export const DEFAULT_DESIGN = 'balanced';
/** The design that shows nothing; runs where the coach said nothing count as its runs. */
export const SILENT_DESIGN = 'silent';

export function designNamed(name: string): MemoryDesign | undefined {
  return MEMORY_DESIGNS.find((d) => d.name === name);
}

/**
 * The kinds a run writes. A design the learner sampled is being tried for how it
 * uses memory (how much it retrieves, how it ranks, when it speaks); the run still
 * writes the safe default's kinds as well, so trying a design that writes less
 * never leaves later runs without the workflow or lesson a success taught (the
 * record stays useful to every design: off-policy). A design that was asked for or
 * pinned writes exactly its own kinds (ablations, fixed behaviour).
 */
export function kindsWritten(design: MemoryDesign, how: 'sampled' | 'pinned' | 'requested'): MemoryDesign['writes'] {
  if (how !== 'sampled') return design.writes;
  const safe = designNamed(DEFAULT_DESIGN)!.writes;
  return [...new Set([...design.writes, ...safe])];
}
