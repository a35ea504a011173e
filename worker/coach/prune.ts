// Pruning under a size budget: when memory holds more items than the budget, the ones
// least worth keeping go first (low utility per use, and old); pinned items never.
// A pruned item stays in its history, so the inspector can bring it back.
import { keepScore } from '../../shared/ranking';
import type { Memory } from '../memory';
import type { ItemStore } from '../store/item-store';

export const DEFAULT_ITEM_BUDGET = 5_000;

export async function pruneToBudget(memory: Pick<Memory, 'remove'>, items: Pick<ItemStore, 'list'>, budget: number, now = Date.now()): Promise<string[]> {
  const all = await items.list();
  if (all.length <= budget) return [];
  const candidates = all.filter((i) => !i.pinned).sort((a, b) => keepScore(a, now) - keepScore(b, now));
  const excess = all.length - budget;
  const pruned: string[] = [];
  for (const item of candidates.slice(0, excess)) {
    await memory.remove(item.id, `pruned to keep memory within ${budget} items (keep score ${keepScore(item, now).toFixed(3)})`, 'prune');
    pruned.push(item.id);
  }
  return pruned;
}
