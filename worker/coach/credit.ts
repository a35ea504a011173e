// Credit and blame: every item shown to the agent in a run moves toward that run's
// outcome — Q ← Q + α(r − Q), r = 1 for a success and 0 for a failure — and counts
// it as retrieved, and as helped or hurt. Runs without a verdict move nothing.
// A workflow loses its standing fast: when the runs it was shown to failed twice in a
// row on new instances of the task, it is retired to its history (undoable). A workflow
// tried on another wording of its task is judged there apart: the outcome goes to its
// transfer record (whether to try it on other wordings again), not to its own standing.
import type { MemoryItem, Outcome } from '../../shared/model';
import { transferRecordOf } from './advice';
import { updatedUtility } from '../../shared/ranking';
import type { Memory } from '../memory';
import { StoreError } from '../store/store-error';

/** Failures in a row, on different task instances, that retire a workflow. */
export const RETIRE_AFTER = 2;

export interface Credited {
  /** Items whose counters and utility moved. */
  moved: number;
  /** Workflows retired. */
  retired: string[];
}

/** A workflow's run of failures on fresh instances, kept in its data. */
interface FailStreak {
  count: number;
  /** The task of the last failure: the same instance failing again is not new evidence. */
  task: string;
}

function streakOf(item: MemoryItem): FailStreak {
  const s = item.data?.failStreak as Partial<FailStreak> | undefined;
  return { count: typeof s?.count === 'number' ? s.count : 0, task: typeof s?.task === 'string' ? s.task : '' };
}

export async function creditItems(memory: Pick<Memory, 'credit' | 'remove'>, shown: readonly string[], outcome: Outcome, run: { runId: string; task: string; transferred?: readonly string[] }): Promise<Credited> {
  const out: Credited = { moved: 0, retired: [] };
  if (outcome.status !== 'success' && outcome.status !== 'failure') return out;
  const reward = outcome.status === 'success' ? 1 : 0;
  for (const id of new Set(shown)) {
    // Made from the item as stored when written: a run ending at the same time, or an
    // edit in the inspector, is counted too, not written over.
    let retire = false;
    const credited = await memory
      .credit(
        id,
        (item) => {
          if (run.transferred?.includes(id)) {
            const t = transferRecordOf(item);
            retire = false;
            return { data: { ...(item.data ?? {}), transfer: { tried: t.tried + 1, worked: t.worked + reward } } };
          }
          const counters = { retrieved: item.counters.retrieved + 1, helped: item.counters.helped + reward, hurt: item.counters.hurt + (1 - reward) };
          let data = item.data;
          retire = false;
          if (item.kind === 'workflow') {
            const streak = streakOf(item);
            const next: FailStreak = reward ? { count: 0, task: '' } : streak.task === run.task ? streak : { count: streak.count + 1, task: run.task };
            data = { ...(item.data ?? {}), failStreak: next };
            retire = next.count >= RETIRE_AFTER && !item.pinned;
          }
          return { counters, utility: updatedUtility(item.utility, reward), ...(data ? { data } : {}) };
        },
        `${outcome.status === 'success' ? 'credit' : 'blame'} from run ${run.runId} (${outcome.status}, judged by ${outcome.judgedBy})`,
      )
      .catch((e: unknown) => {
        if (e instanceof StoreError && e.code === 'not_found') return null; // deleted since it was shown
        throw e;
      });
    if (!credited) continue;
    out.moved++;
    if (retire) {
      await memory.remove(id, `retired: the runs it was shown to failed ${RETIRE_AFTER} times in a row on new instances (last: run ${run.runId})`);
      out.retired.push(id);
    }
  }
  return out;
}
