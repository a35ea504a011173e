// Credit and blame: every item shown to the agent in a run moves toward that run's
// outcome — Q ← Q + α(r − Q), r = 1 for a success and 0 for a failure — and counts
// it as retrieved, and as helped or hurt. Runs without a verdict move nothing.
import type { Outcome } from '../../shared/model';
import { updatedUtility } from '../../shared/ranking';
import type { Memory } from '../memory';
import type { ItemStore } from '../store/item-store';

export async function creditItems(memory: Pick<Memory, 'credit'>, items: Pick<ItemStore, 'get'>, shown: readonly string[], outcome: Outcome, runId: string): Promise<number> {
  if (outcome.status !== 'success' && outcome.status !== 'failure') return 0;
  const reward = outcome.status === 'success' ? 1 : 0;
  let moved = 0;
  for (const id of new Set(shown)) {
    const item = await items.get(id);
    if (!item) continue; // deleted since
    const counters = { retrieved: item.counters.retrieved + 1, helped: item.counters.helped + reward, hurt: item.counters.hurt + (1 - reward) };
    await memory.credit(id, { counters, utility: updatedUtility(item.utility, reward) }, `${outcome.status === 'success' ? 'credit' : 'blame'} from run ${runId} (${outcome.status}, judged by ${outcome.judgedBy})`);
    moved++;
  }
  return moved;
}
