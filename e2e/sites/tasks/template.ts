// A task family: one start page, one way of phrasing the task, a generator of its
// instances (values drawn from the seeded random source) with their setup and check.
import type { Rng } from './rng';

export interface TaskInstance {
  instruction: string;
  setup_js: string;
  success_js: string;
  /** The values the instruction was made from, for scripted runs in tests. */
  values: Record<string, unknown>;
}

export interface Template {
  /** `app.family`, e.g. `shop.buy-product`: the task's family, used as a tag. */
  id: string;
  app: string;
  /** Where each run starts, relative to the suite root. */
  url: string;
  maxSteps: number;
  /** What makes the family easy or hard for an agent without site knowledge (for readers of the suite). */
  note: string;
  make(rng: Rng): TaskInstance;
}
