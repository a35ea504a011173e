// Controls repeated row by row ("View order", "Return", "Card options"): the task says
// which row by a value the row shows (order 10842, the card ending 8317), else by words
// of its own the row shares ("the brass desk lamp" for "Desk lamp, brushed brass").
import type { ObservedElement } from '../../shared/observation';
import { containsPhrase, contentWords } from '../../shared/words';
import { labelOf, soleBest } from './element-match';
import type { ParsedTask } from './task-parse';

export interface NamedRows {
  /** The element is one of a repeated set and sits in the row the task names. */
  named(e: ObservedElement): boolean;
  /** The element is one of a repeated set whose named row is another. */
  other(e: ObservedElement): boolean;
}

/**
 * Which of `candidates`' rows the task names, among controls that repeat row by row
 * (of one set, `setOf`: by default the same label, in two rows or more). By value first;
 * by the task's words only when one row shares more of them than any other (words every
 * row has, and the controls' own, say nothing of which row).
 */
export function namedRows(task: ParsedTask, candidates: readonly ObservedElement[], setOf: (e: ObservedElement) => string = labelOf): NamedRows {
  const sets = new Map<string, ObservedElement[]>();
  for (const e of candidates) if (e.locator?.row) sets.set(setOf(e), [...(sets.get(setOf(e)) ?? []), e]);
  const chosen = new Set<ObservedElement>();
  const repeated = new Set<ObservedElement>();
  const values = task.slots.map((s) => s.value.text);
  for (const set of sets.values()) {
    if (new Set(set.map((e) => e.locator!.row)).size < 2) continue;
    for (const e of set) repeated.add(e);
    // A value every row shows names no row; nor does one the control's own label says ("Member" of "Member ▾").
    const naming = values.filter((v) => !set.every((e) => containsPhrase(e.locator!.row!, v)));
    const byValue = set.filter((e) => naming.some((v) => !containsPhrase(labelOf(e), v) && containsPhrase(e.locator!.row!, v)));
    if (byValue.length > 0) {
      for (const e of byValue) chosen.add(e);
      continue;
    }
    const rowWords = set.map((e) => new Set(contentWords(e.locator!.row!)));
    const own = new Set(set.flatMap((e) => contentWords(labelOf(e))));
    const everywhere = (w: string) => rowWords.every((r) => r.has(w));
    const wanted = [...new Set(task.plainWords)].filter((w) => !own.has(w) && !everywhere(w));
    const best = soleBest(rowWords.map((r) => wanted.filter((w) => r.has(w)).length));
    if (best >= 0) chosen.add(set[best]!);
  }
  const namedSets = new Set([...chosen].map(setOf));
  return {
    named: (e) => chosen.has(e),
    other: (e) => repeated.has(e) && !chosen.has(e) && namedSets.has(setOf(e)),
  };
}
