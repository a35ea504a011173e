// The coach as the worker builds it, over fake IndexedDB and the real bundled
// embedder, and a helper that runs the offline agent through it like the CLI does:
// run, then report the task's own check, then learn.
import type { TabBridge } from '../../../shared/browser-bridge';
import type { RunMemoryOptions } from '../../../shared/worker-api';
import { HookSet } from '../../agent/hooks';
import { createOfflinePolicy } from '../../agent/offline-policy';
import { runAgent } from '../../agent/run-agent';
import { EmbedderService } from '../../embedder-service';
import { Memory } from '../../memory';
import type { TextEmbedder } from '../../models/embedder';
import { openWaymarkDb } from '../../store/database';
import { ItemStore } from '../../store/item-store';
import { KeyValueStore } from '../../store/key-value-store';
import { RunStore } from '../../store/run-store';
import { Coach } from '../coach';

let n = 0;

export async function coachOn(embedder: TextEmbedder, options: { itemBudget?: number } = {}) {
  const db = await openWaymarkDb(`coach-test-${++n}`);
  const settings = new KeyValueStore(db, 'settings');
  const learnerStore = new KeyValueStore(db, 'learner');
  const items = new ItemStore(db);
  const runs = new RunStore(db);
  const embedders = new EmbedderService({ loadDefault: async () => embedder, loadTransformer: () => Promise.reject(new Error('offline')) }, settings);
  const memory = new Memory(items, embedders);
  const coach = new Coach({
    memory: async () => memory,
    items: async () => items,
    runs: async () => runs,
    learner: async () => learnerStore,
    settings: async () => settings,
    ...(options.itemBudget ? { itemBudget: async () => options.itemBudget! } : {}),
  });
  const errors: unknown[] = [];
  const hooks = new HookSet((_name, e) => errors.push(e));
  hooks.add(coach.hooks());
  let runCount = 0;

  /** One run of the offline agent with the coach, judged by `check` afterwards. */
  async function run(task: string, site: TabBridge, check: () => boolean, memoryOptions: RunMemoryOptions = {}) {
    const runId = `run-${++runCount}`;
    const result = await runAgent({
      runId,
      task,
      tabId: 1,
      maxSteps: 8,
      policy: createOfflinePolicy({ embed: (texts) => embedder.embed(texts) }),
      bridge: site,
      runs,
      hooks,
      signal: new AbortController().signal,
      memory: { externalCheck: true, ...memoryOptions },
    });
    const success = check();
    await runs.setOutcome(runId, { status: success ? 'success' : 'failure', judgedBy: 'check', reason: success ? 'the check passed' : 'the check failed' });
    const learned = await coach.learn(runId);
    return { runId, result, success, learned, report: coach.report(runId), trajectory: await runs.get(runId) };
  }

  return { db, memory, items, runs, coach, learnerStore, hooks, errors, run };
}
