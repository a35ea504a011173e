// The worker: the one owner of IndexedDB and of every model, served to each connected
// port through Comlink. Everything is opened on first use, so starting is instant.
import type { PolicyConfig } from '../shared/worker-api';
import { AgentService } from './agent/agent-service';
import { createLlmPolicy } from './agent/llm-policy';
import { createOfflinePolicy } from './agent/offline-policy';
import type { Policy } from './agent/policy';
import { createWorkerApi } from './api';
import { Coach } from './coach/coach';
import { pruneLeastUseful } from './coach/prune';
import { browserBridge, listenForBridge } from './browser-bridge-client';
import { EmbedderService } from './embedder-service';
import { Memory } from './memory';
import { MemorySettingsStore } from './memory-settings';
import { createOpenAiClient } from './llm/openai-client';
import { offerPolicies } from './llm/policy-offers';
import { createPromptApiClient, promptApiIn, promptApiStatus } from './llm/prompt-api-client';
import { webGpuCapabilities } from './llm/webgpu-capabilities';
import { createWebLlmClient, webLlmModelList, webLlmStatus } from './llm/webllm-client';
import { loadDefaultEmbedder, loadOcr, loadTransformerEmbedder } from './model-loaders';
import { Screens } from './screens';
import { serve, validated } from './serve';
import { openWaymarkDb, type WaymarkDatabase } from './store/database';
import { ItemStore } from './store/item-store';
import { KeyValueStore } from './store/key-value-store';
import { makeRoomWhenFull } from './store/room';
import { RunStore } from './store/run-store';

/** A value made on first use; a failure is not kept, so the next call tries again. */
function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= make();
    value.catch(() => {
      value = null;
    });
    return value;
  };
}

const db = lazy<WaymarkDatabase>(async () => {
  const opened = await openWaymarkDb();
  // Storage found full: old runs' screenshots go, then the least useful memory items, and the write is tried again.
  makeRoomWhenFull(opened, async (count) => (await pruneLeastUseful(await memory(), await items(), () => count, 'to make room: storage is full', { forgetPast: true })).length);
  return opened;
});
const settings = lazy(async () => new KeyValueStore(await db(), 'settings'));
const items = lazy(async () => new ItemStore(await db()));
const runs = lazy(async () => new RunStore(await db()));
const embedders = lazy(async () => new EmbedderService({ loadDefault: loadDefaultEmbedder, loadTransformer: loadTransformerEmbedder }, await settings()));
const memory = lazy(async () => new Memory(await items(), await embedders()));
const screens = lazy(async () => new Screens(await runs(), () => loadOcr('auto')));


async function policyFor(config: PolicyConfig): Promise<Policy> {
  switch (config.kind) {
    case 'openai':
      return createLlmPolicy(
        createOpenAiClient({ baseUrl: config.baseUrl, model: config.model, ...(config.apiKey ? { apiKey: config.apiKey } : {}), ...(config.timeoutSeconds ? { timeoutMs: config.timeoutSeconds * 1_000 } : {}) }),
      );
    // Both check at once that they can run here (startAgentRun rejects otherwise); a
    // WebLLM download that fails ends the run, with the reason, at its first step.
    case 'webllm':
      return createLlmPolicy(await createWebLlmClient({ model: config.model }));
    case 'prompt-api':
      return createLlmPolicy(await createPromptApiClient());
    case 'offline':
      // The bundled embedder adds semantic matching; if it cannot load, words alone decide.
      return createOfflinePolicy({ embed: async (texts) => (await (await embedders()).get()).embed(texts) });
  }
}
const llm = {
  policies: () => offerPolicies({ webGpu: webGpuCapabilities, webLlmModelList, promptApi: () => promptApiIn() }),
  status: () => [webLlmStatus(), promptApiStatus()].filter((s) => s !== null),
};
const learnerStore = lazy(async () => new KeyValueStore(await db(), 'learner'));
const memorySettings = lazy(async () => new MemorySettingsStore(await settings()));
const coach = lazy(async () => {
  const made = new Coach({
    memory,
    items,
    runs,
    learner: learnerStore,
    settings,
    bridge: browserBridge,
    screens,
    // The user's budget and excluded sites, read at each learning: a change applies from the next one.
    itemBudget: async () => (await (await memorySettings()).get()).itemBudget,
    neverRecorded: async (origin) => (await memorySettings()).neverRecorded(origin),
  });
  // What the coach kept of runs deleted since (or before deletions cleaned it up) goes, in the background.
  void made.sweep().catch((e: unknown) => console.warn('[waymark] sweeping coach records failed:', e));
  return made;
});
/** The screen a step starts from, kept for the replay — never on a site the user excluded. */
async function captureStepScreen(runId: string, tabId: number, stepIndex: number): Promise<string | null> {
  const origin = (await (await runs()).header(runId))?.origin;
  if (origin && (await (await memorySettings()).neverRecorded(origin))) return null;
  const shot = await (await browserBridge()).screenshot(tabId, { scale: 0.5, quality: 0.6 });
  return (await (await screens()).save({ trajectoryId: runId, stepIndex, dataUrl: shot.dataUrl })).key;
}
const agent = lazy(async () => {
  const theCoach = await coach();
  const service = new AgentService<PolicyConfig>({ store: runs, bridge: browserBridge, policy: policyFor, settings, captureScreen: captureStepScreen, coachReport: (runId) => theCoach.report(runId), sensitive: async () => (await memorySettings()).sensitive() });
  service.hooks.add(theCoach.hooks());
  return service;
});

listenForBridge();
let host = 'unknown';
serve(validated(createWorkerApi({ db, items, runs, memory, screens, embedders, agent, coach, memorySettings, llm }, () => host)), (name) => {
  host = name;
});
