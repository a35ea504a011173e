// The coach's overhead per step (retrieve + decide, no LLM) at 10k memory items, in
// Node over fake IndexedDB with the real bundled embedder. Measured: the coach's
// beforeStep hook at the start of a run (it always retrieves then) and mid-run after
// a loop signal. Baseline, in the same run: one plain top-k memory search for the
// same query (the least any retrieval costs). Target: median ≤ 30 ms.
import 'fake-indexeddb/auto';
import { clusterOf } from '../shared/condensed-run';
import type { MemoryItem, MemoryKind } from '../shared/model';
import type { Observation } from '../shared/observation';
import { abstractTask } from '../shared/workflow';
import { Coach } from '../worker/coach/coach';
import { EmbedderService } from '../worker/embedder-service';
import { itemEmbeddingText, Memory } from '../worker/memory';
import { createGloveEmbedder, type GloveVocab } from '../worker/models/glove-embedder';
import { openWaymarkDb } from '../worker/store/database';
import { ItemStore } from '../worker/store/item-store';
import { KeyValueStore } from '../worker/store/key-value-store';
import { RunStore } from '../worker/store/run-store';
import { ensureGloveModel } from '../scripts/models/glove-model';
import { readFileSync } from 'node:fs';
import { RunSecrets } from '../shared/secrets';
import { type BenchResult, median, result } from './stats';
import { generatedTasks } from './embed.bench';

const ITEMS = 10_000;
const ORIGINS = 50;
const STEPS = 60;
const KINDS: MemoryKind[] = ['episode', 'insight', 'keyframe', 'workflow'];

function observation(url: string): Observation {
  return { id: 'o', url, title: 'Checkout', elements: [], text: '', scroll: { x: 0, y: 0, viewportWidth: 1280, viewportHeight: 800, pageHeight: 800 }, timestamp: 0, tookMs: 0 };
}

export async function coachBench(): Promise<BenchResult[]> {
  const files = ensureGloveModel();
  const embedder = await createGloveEmbedder({ model: new Uint8Array(readFileSync(files.modelPath)), vocab: JSON.parse(readFileSync(files.vocabPath, 'utf8')) as GloveVocab, preference: 'wasm' });
  const db = await openWaymarkDb('coach-bench');
  const items = new ItemStore(db);
  const settings = new KeyValueStore(db, 'settings');
  const memory = new Memory(items, new EmbedderService({ loadDefault: async () => embedder, loadTransformer: () => Promise.reject(new Error('offline')) }, settings));
  const coach = new Coach({ memory: async () => memory, items: async () => items, runs: async () => new RunStore(db), learner: async () => new KeyValueStore(db, 'learner'), settings: async () => settings });

  // 10k items over 50 sites and the clusters of generated tasks, stored with their vectors.
  const tasks = generatedTasks(ITEMS + STEPS);
  const now = Date.now();
  for (let i = 0; i < ITEMS; i += 500) {
    const batch: MemoryItem[] = tasks.slice(i, i + 500).map((task, j) => {
      const n = i + j;
      const template = abstractTask(task).task;
      return {
        id: `item-${n}`,
        kind: KINDS[n % KINDS.length]!,
        title: task,
        text: `A run of "${task}" on site ${n % ORIGINS}: filled the form and pressed the button that carried it on.`,
        whenToUse: `Tasks like "${template}"`,
        scope: { origin: `https://site${n % ORIGINS}.example`, cluster: clusterOf(template) },
        provenance: [`run-${n}`],
        counters: { retrieved: n % 7, helped: n % 3, hurt: n % 2 },
        utility: 0.3 + (n % 5) / 10,
        pinned: false,
        createdAt: now - n * 60_000,
        updatedAt: now - n * 60_000,
        version: 1,
      };
    });
    const vectors = await embedder.embed(batch.map(itemEmbeddingText));
    for (const [j, item] of batch.entries()) await items.put(item, 'create', 'bench', { model: embedder.id, itemId: item.id, vector: vectors[j]!, kind: item.kind, origin: item.scope.origin!, cluster: item.scope.cluster! });
  }
  await memory.search('warm up the index', { k: 1 });

  const hooks = coach.hooks();
  const start: number[] = [];
  const signalled: number[] = [];
  const plain: number[] = [];
  for (let s = 0; s < STEPS; s++) {
    const task = tasks[ITEMS + s]!;
    const origin = `https://site${s % ORIGINS}.example`;
    const run = { runId: `bench-${s}`, task, secrets: new RunSecrets(), tabId: 1, origin, maxSteps: 20, policy: 'offline' };
    await hooks.beforeRun!(run);
    let t = performance.now();
    await hooks.beforeStep!(run, { index: 0, observation: observation(`${origin}/checkout`), history: [] });
    start.push(performance.now() - t);
    await hooks.afterStep!(run, { record: { index: 0, observation: { url: `${origin}/checkout`, title: 'Checkout', elementCount: 0 }, output: { evaluation: '', nextGoal: '', actions: [{ kind: 'scroll', direction: 'down' }] }, results: [{ ok: true, navigated: false, pageChanged: false, tookMs: 1 }], adviceIds: [], startedAt: 0, tookMs: 1 }, loop: { repeats: 3, action: 'scroll down' } });
    t = performance.now();
    await hooks.beforeStep!(run, { index: 1, observation: observation(`${origin}/checkout`), history: [] });
    signalled.push(performance.now() - t);
    t = performance.now();
    await memory.search(task, { k: 5 });
    plain.push(performance.now() - t);
  }
  await embedder.dispose();
  const data = `${ITEMS} items (${ORIGINS} sites, 4 kinds, generated task clusters), GloVe embedder in Node (WASM), fake IndexedDB, ${STEPS} runs`;
  const baseline = median(plain);
  return [
    result({ name: 'coach overhead per step at the start of a run (retrieve + decide)', median: median(start), baseline, unit: 'ms', samples: start.length, data, max: 30 }),
    result({ name: 'coach overhead per step after a loop signal (retrieve + decide)', median: median(signalled), baseline, unit: 'ms', samples: signalled.length, data, max: 30 }),
  ];
}
