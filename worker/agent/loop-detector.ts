// Notices the agent doing the same thing on the same screen again and again.
import { type Action, describeAction } from '../../shared/actions';
import type { Observation } from '../../shared/observation';
import type { LoopSignal } from './hooks';

/** What identifies "the same screen" cheaply: the URL and the listed elements. */
export function screenKey(o: Observation): string {
  let h = 0;
  for (const e of o.elements) {
    const s = `${e.tag}|${e.role}|${e.name}|${e.value ?? ''}`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${o.url}#${o.elements.length}#${h >>> 0}`;
}

export class LoopDetector {
  private lastKey = '';
  private repeats = 0;

  /** Call once per step; returns a signal from the second identical step on. */
  observe(observation: Observation, actions: Action[]): LoopSignal | undefined {
    const action = actions.map(describeAction).join('; ');
    const key = `${screenKey(observation)}::${JSON.stringify(actions.map(({ intent: _i, ...a }) => a))}`;
    this.repeats = key === this.lastKey ? this.repeats + 1 : 1;
    this.lastKey = key;
    return this.repeats >= 2 ? { repeats: this.repeats, action } : undefined;
  }
}
