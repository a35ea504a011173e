// What a settings task turns on and off, read from its words: "Turn off email for direct
// messages and push notifications for mentions, and turn on the weekly summary" → the
// stretch each verb governs, with the state it asks for (switch-goals.ts finds the
// switches named in each stretch, and their groups).
import { contentWords } from '../../shared/words';

export interface SwitchGoal {
  /** The state asked for. */
  on: boolean;
  /** The words the verb governs: the switches' names and their groups ("email for direct messages and push for mentions"). */
  stretch: string;
}

const VERB = /\b(?:turn|switch|toggle)\s+(on|off)\b|\b(enable|disable|unmute|mute)\b/gi;
/** "Turn email for mentions off": the state after the words. */
const VERB_AFTER = /\b(?:turn|switch)\s+(.{1,60}?)\s+(on|off)\b/gi;

/** A sentence (or a piece of one) that ends in "on" or "off". */
const STATE_LAST = /(?:^|[.;,]\s*)([^.;,]{1,60}?)\s+(on|off)\s*(?=[.;,]|$)/gi;

/** The stretches a task turns on or off, in order; undefined when it turns nothing. */
export function switchGoals(task: string): SwitchGoal[] | undefined {
  const goals: SwitchGoal[] = [];
  const verbs = [...task.matchAll(VERB)];
  verbs.forEach((m, i) => {
    const on = /^(?:on|enable|unmute)$/i.test(m[1] ?? m[2] ?? '');
    // Up to the next verb or the end of the sentence.
    const stretch = task.slice(m.index + m[0].length, verbs[i + 1]?.index ?? task.length).split(/[.;!?](?:\s|$)/)[0]!.replace(/(?:[\s,]|\band\b)+$/i, '').trim();
    if (contentWords(stretch).length > 0) goals.push({ on, stretch });
  });
  for (const m of task.matchAll(VERB_AFTER)) if (!/^(?:on|off)\b/i.test(m[1]!)) goals.push({ on: m[2]!.toLowerCase() === 'on', stretch: m[1]! });
  // "Email: mentions on. Digest: daily summary off." — a sentence that ends in the state.
  if (goals.length === 0) for (const m of task.matchAll(STATE_LAST)) goals.push({ on: m[2]!.toLowerCase() === 'on', stretch: m[1]!.trim() });
  return goals.length > 0 ? goals : undefined;
}
