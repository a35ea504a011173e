// Pruning under a size budget: when memory holds more items than the budget, the ones
// least worth keeping go first (low utility per use, and old); pinned items never.
// A pruned item stays in its history, so the inspector can bring it back. Storage
// found full prunes the same way (`store/room.ts`).
import { keepScore } from '../../shared/ranking';
import type { Memory } from '../memory';
import type { ItemStore } from '../store/item-store';

export const DEFAULT_ITEM_BUDGET = 5_000;

export async function pruneToBudget(memory: Pick<Memory, 'remove'>, items: Pick<ItemStore, 'list'>, budget: number, now = Date.now()): Promise<string[]> {
  return pruneLeastUseful(memory, items, (count) => count - budget, `to keep memory within ${budget} items`, { now });
}

/**
 * Prunes the `howMany(count of items)` items least worth keeping; `why` ends "pruned …".
 * `forgetPast` (storage is full) drops their earlier versions from history too.
 */
export async function pruneLeastUseful(memory: Pick<Memory, 'remove'>, items: Pick<ItemStore, 'list'>, howMany: (count: number) => number, why: string, { now = Date.now(), forgetPast = false } = {}): Promise<string[]> {
  const all = await items.list();
  const excess = howMany(all.length);
  if (excess <= 0) return [];
  const candidates = all.filter((i) => !i.pinned).sort((a, b) => keepScore(a, now) - keepScore(b, now));
  const pruned: string[] = [];
  for (const item of candidates.slice(0, excess)) {
    await memory.remove(item.id, `pruned ${why} (keep score ${keepScore(item, now).toFixed(3)})`, 'prune', { forgetPast });
    pruned.push(item.id);
  }
  return pruned;
}
