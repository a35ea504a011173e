// The order of a batch: `repeat` passes over the tasks, each pass shuffled with a
// seeded generator when asked, so the same seed gives the same order every time.
import { mulberry32 } from '../../shared/mulberry32';
import type { Task } from './task-file';

export interface Attempt<T extends Task = Task> {
  task: T;
  /** 1-based: which pass over this task. */
  attempt: number;
  /** 0-based position in the whole batch: the x axis of a learning curve. */
  episode: number;
}

/** mulberry32, seeded from a string hash: small, fast and the same on every machine. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return mulberry32(h);
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function schedule<T extends Task>(tasks: readonly T[], options: { repeat: number; shuffle: boolean; seed: string }): Attempt<T>[] {
  const random = seededRandom(options.seed);
  const out: Attempt<T>[] = [];
  for (let pass = 1; pass <= options.repeat; pass++) {
    for (const task of options.shuffle ? shuffled(tasks, random) : tasks) out.push({ task, attempt: pass, episode: out.length });
  }
  return out;
}
