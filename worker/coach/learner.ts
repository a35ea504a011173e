// The learner ("learning to learn"): per task cluster, it chooses the memory design
// from the outcomes of past runs by Thompson sampling, in two draws:
//  1. speak or stay silent: every run where the coach showed advice counts for
//     speaking, every run where it showed nothing (the silent design, or a speaking
//     design that found nothing worth saying) counts for silence. Where advice hurts
//     a kind of task, silence wins this draw and the coach stops speaking there;
//  2. which speaking design: each design's own record of runs where it spoke.
// Each record is a Beta posterior over the reward (a success, less a little for every
// step it took; a failure is 0). Two priors make it start safe and learn fast:
//  - speaking, and the default design among speakers, get a head start of a few
//    pseudo-successes (memory usually helps);
//  - what a design achieved in other clusters counts, scaled down, so a new cluster
//    starts from what worked elsewhere (and a cluster's own record soon outweighs it).
// Sampling is seeded by the cluster and its run count, so the same history gives the
// same choice (benchmarks repeat). A pin fixes the design for a cluster.
import { MEMORY_DESIGNS, DEFAULT_DESIGN, designNamed, SILENT_DESIGN } from '../../shared/memory-designs';
import type { MemoryDesign, Outcome } from '../../shared/model';
import { mulberry32 } from '../../shared/mulberry32';
import type { KeyValueStore } from '../store/key-value-store';

export interface DesignRecord {
  runs: number;
  successes: number;
  /** Sum of rewards (0..1 each). */
  reward: number;
  steps: number;
  lastUsed: number;
}

export interface ClusterRecord {
  cluster: string;
  /** A design fixed by the user for this cluster (ablations, fixed behaviour). */
  pinned?: string;
  designs: Record<string, DesignRecord>;
  /** The designs chosen, most recent last (kept short). */
  choices: { design: string; at: number; how: 'sampled' | 'pinned' | 'requested' }[];
}

export interface DesignChoice {
  design: MemoryDesign;
  how: 'sampled' | 'pinned' | 'requested';
}

const KEY = 'design.';
/** Pseudo-successes of speaking over silence, and of the default among speaking designs. */
const HEAD_START = 2;
/** Other clusters' records count this much… */
const POOLED_WEIGHT = 0.3;
/** …up to this many pseudo-runs per design. */
const POOLED_CAP = 4;
const CHOICES_KEPT = 50;

const emptyRecord = (cluster: string): ClusterRecord => ({ cluster, designs: {}, choices: [] });

/** Reward of one run: 1 for a quick success, down to 0.75 for one that used every step; 0 for a failure. */
export function rewardOf(outcome: Outcome, steps: number, maxSteps: number): number | null {
  if (outcome.status === 'failure') return 0;
  if (outcome.status !== 'success') return null;
  return 1 - 0.25 * Math.min(1, steps / Math.max(1, maxSteps));
}

export class Learner {
  constructor(private readonly store: Pick<KeyValueStore, 'get' | 'update' | 'entries'>) {}

  async record(cluster: string): Promise<ClusterRecord> {
    return (await this.store.get<ClusterRecord>(KEY + cluster)) ?? emptyRecord(cluster);
  }

  /** Changes a cluster's record as stored (read and written together: runs ending at once each count). */
  private change(cluster: string, edit: (rec: ClusterRecord) => void): Promise<ClusterRecord> {
    return this.store.update<ClusterRecord>(KEY + cluster, (stored) => {
      const rec = stored ?? emptyRecord(cluster);
      edit(rec);
      return rec;
    });
  }

  async all(): Promise<ClusterRecord[]> {
    return (await this.store.entries<ClusterRecord>(KEY)).map((e) => e.value);
  }

  async pin(cluster: string, design: string | null): Promise<ClusterRecord> {
    if (design !== null && !designNamed(design)) throw new Error(`No memory design named "${design}". Designs: ${MEMORY_DESIGNS.map((d) => d.name).join(', ')}.`);
    return this.change(cluster, (rec) => {
      if (design === null) delete rec.pinned;
      else rec.pinned = design;
    });
  }

  /** The design for a run in this cluster: the one requested, the pinned one, or a sample. */
  async choose(cluster: string, requested?: string): Promise<DesignChoice> {
    const rec = await this.record(cluster);
    let choice: DesignChoice;
    if (requested && requested !== 'auto') {
      const design = designNamed(requested);
      if (!design) throw new Error(`No memory design named "${requested}". Designs: ${MEMORY_DESIGNS.map((d) => d.name).join(', ')}.`);
      choice = { design, how: 'requested' };
    } else if (rec.pinned && designNamed(rec.pinned)) {
      choice = { design: designNamed(rec.pinned)!, how: 'pinned' };
    } else {
      const pooled = await this.pooled(cluster);
      // Nothing known here or elsewhere yet: the safe default, not a coin toss.
      const known = Object.keys(rec.designs).length > 0 || pooled.size > 0;
      choice = known ? { design: this.sample(rec, pooled), how: 'sampled' } : { design: designNamed(DEFAULT_DESIGN)!, how: 'sampled' };
    }
    const chosen = { design: choice.design.name, at: Date.now(), how: choice.how };
    await this.change(cluster, (stored) => {
      stored.choices = [...stored.choices, chosen].slice(-CHOICES_KEPT);
    });
    return choice;
  }

  /**
   * Adds a run's result to the record of the design that acted in it: the design
   * that spoke, or silence when the coach showed nothing.
   */
  async update(cluster: string, design: string, outcome: Outcome, steps: number, maxSteps: number, advised = true): Promise<ClusterRecord> {
    const reward = rewardOf(outcome, steps, maxSteps);
    if (reward === null) return this.record(cluster);
    return this.change(cluster, (rec) => {
      const d = (rec.designs[advised ? design : SILENT_DESIGN] ??= { runs: 0, successes: 0, reward: 0, steps: 0, lastUsed: 0 });
      d.runs++;
      d.successes += outcome.status === 'success' ? 1 : 0;
      d.reward += reward;
      d.steps += steps;
      d.lastUsed = Date.now();
    });
  }

  /** Each design's record summed over the other clusters. */
  private async pooled(cluster: string): Promise<Map<string, Pooled>> {
    const out = new Map<string, Pooled>();
    for (const rec of await this.all()) {
      if (rec.cluster === cluster) continue;
      for (const [name, d] of Object.entries(rec.designs)) {
        const p = out.get(name) ?? { runs: 0, reward: 0 };
        out.set(name, { runs: p.runs + d.runs, reward: p.reward + d.reward });
      }
    }
    return out;
  }

  private sample(rec: ClusterRecord, pooled: Map<string, Pooled>): MemoryDesign {
    const runsSoFar = Object.values(rec.designs).reduce((n, d) => n + d.runs, 0);
    const random = seededRandom(`${rec.cluster}#${runsSoFar}`);
    const speakers = MEMORY_DESIGNS.filter((d) => d.name !== SILENT_DESIGN);
    // 1. Speak, or stay silent: all speaking designs' records against silence's.
    const sum = (records: (Pooled | undefined)[]): Pooled => records.reduce<Pooled>((a, r) => ({ runs: a.runs + (r?.runs ?? 0), reward: a.reward + (r?.reward ?? 0) }), { runs: 0, reward: 0 });
    const speak = posterior(sum(speakers.map((d) => rec.designs[d.name])), sum(speakers.map((d) => pooled.get(d.name))), HEAD_START);
    const silent = posterior(rec.designs[SILENT_DESIGN], pooled.get(SILENT_DESIGN), 0);
    if (betaSample(silent.alpha, silent.beta, random) > betaSample(speak.alpha, speak.beta, random)) return designNamed(SILENT_DESIGN)!;
    // 2. Which speaking design.
    let best: { design: MemoryDesign; draw: number } | undefined;
    for (const design of speakers) {
      const p = posterior(rec.designs[design.name], pooled.get(design.name), design.name === DEFAULT_DESIGN ? HEAD_START : 0);
      const draw = betaSample(p.alpha, p.beta, random);
      if (!best || draw > best.draw) best = { design, draw };
    }
    return best!.design;
  }
}

interface Pooled {
  runs: number;
  reward: number;
}

/** Beta parameters from a cluster's own record, other clusters' (scaled down) and a head start. */
function posterior(own: Pooled | undefined, elsewhere: Pooled | undefined, head: number): { alpha: number; beta: number } {
  const scale = elsewhere && elsewhere.runs > 0 ? Math.min(POOLED_WEIGHT, POOLED_CAP / elsewhere.runs) : 0;
  return {
    alpha: 1 + head + (own?.reward ?? 0) + scale * (elsewhere?.reward ?? 0),
    beta: 1 + ((own?.runs ?? 0) - (own?.reward ?? 0)) + scale * ((elsewhere?.runs ?? 0) - (elsewhere?.reward ?? 0)),
  };
}

/** A seeded generator for a string: mulberry32 from the string's FNV-1a hash (the same seed, the same draws). */
export function seededRandom(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return mulberry32(h);
}

function normalSample(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (shape < 1 boosted). */
function gammaSample(shape: number, random: () => number): number {
  if (shape < 1) return gammaSample(shape + 1, random) * Math.pow(Math.max(random(), 1e-12), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normalSample(random);
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = random();
    if (Math.log(Math.max(u, 1e-12)) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function betaSample(alpha: number, beta: number, random: () => number): number {
  const x = gammaSample(alpha, random);
  const y = gammaSample(beta, random);
  return x / (x + y);
}
