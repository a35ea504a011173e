// The worker API's implementation: each method delegates to the one module that owns it.
import type { LocalLlmStatus, PolicyConfig, PolicyOffer, WorkerApi } from '../shared/worker-api';
import { DEFAULT_DESIGN, MEMORY_DESIGNS } from '../shared/memory-designs';
import { VERSION } from '../shared/version';
import { WorkerCallError } from './serve';
import type { AgentService } from './agent/agent-service';
import type { Coach } from './coach/coach';
import { learnFromDemonstration } from './coach/demonstration';
import type { EmbedderService } from './embedder-service';
import type { Memory } from './memory';
import type { MemorySettingsStore } from './memory-settings';
import { clearMemory, exportMemory, importMemory } from './memory-transfer';
import type { Screens } from './screens';
import { storeSize, type WaymarkDatabase } from './store/database';
import type { ItemStore } from './store/item-store';
import type { RunStore } from './store/run-store';
import { compareSignatures } from './vision/signature';

export interface WorkerParts {
  db: () => Promise<WaymarkDatabase>;
  items: () => Promise<ItemStore>;
  runs: () => Promise<RunStore>;
  memory: () => Promise<Memory>;
  screens: () => Promise<Screens>;
  embedders: () => Promise<EmbedderService>;
  agent: () => Promise<AgentService<PolicyConfig>>;
  coach: () => Promise<Coach>;
  memorySettings: () => Promise<MemorySettingsStore>;
  /** The in-browser LLM providers: which policies can run here, and their models' load state. */
  llm: { policies(): Promise<PolicyOffer[]>; status(): LocalLlmStatus[] };
}

export function createWorkerApi(parts: WorkerParts, host: () => string): WorkerApi {
  const startedAt = performance.now();
  return {
    async ping() {
      return { version: VERSION, host: host(), uptimeMs: Math.round(performance.now() - startedAt) };
    },
    async status() {
      const screens = await parts.screens();
      const ocr = screens.ocrStatus();
      const loadedOcr = ocr ? await ocr.catch(() => null) : null;
      return {
        version: VERSION,
        host: host(),
        uptimeMs: Math.round(performance.now() - startedAt),
        embedder: (await parts.embedders()).report(),
        ocr: loadedOcr ? { id: 'pp-ocrv4', backend: loadedOcr.backend, ...(loadedOcr.fallbackReason ? { fallbackReason: loadedOcr.fallbackReason } : {}) } : { id: null, backend: null },
        index: await (await parts.memory()).indexStatus(),
        llm: parts.llm.status(),
      };
    },
    async configureEmbedder(config, preference) {
      return (await parts.embedders()).configure(config, preference);
    },
    async embed(texts) {
      const vectors = await (await (await parts.embedders()).get()).embed(texts);
      return vectors.map((v) => Array.from(v));
    },
    async addItem(input) {
      return (await parts.memory()).add(input);
    },
    async updateItem(id, patch, reason) {
      return (await parts.memory()).update(id, patch, reason);
    },
    async deleteItem(id) {
      return (await parts.memory()).remove(id);
    },
    async undoItem(id) {
      return (await parts.memory()).undo(id);
    },
    async getItem(id) {
      return (await (await parts.items()).get(id)) ?? null;
    },
    async listItems(query) {
      return (await parts.items()).list(query);
    },
    async itemHistory(id) {
      return (await parts.items()).history(id);
    },
    async searchMemory(query, options) {
      return (await parts.memory()).search(query, options);
    },
    async startRun(run) {
      return (await parts.runs()).start(run);
    },
    async appendStep(id, step, screenshotKey) {
      return (await parts.runs()).appendStep(id, step, screenshotKey);
    },
    async finishRun(id, outcome) {
      return (await parts.runs()).finish(id, outcome);
    },
    async getRun(id) {
      return (await (await parts.runs()).get(id)) ?? null;
    },
    async listRuns(limit) {
      return (await parts.runs()).list(limit);
    },
    async deleteRun(id) {
      await (await parts.runs()).remove(id);
      await (await parts.coach()).forget(id);
    },
    async saveScreenshot(input) {
      return (await parts.screens()).save(input);
    },
    async getScreenshot(key, which) {
      return (await parts.screens()).get(key, which);
    },
    async screenFeatures(key, want) {
      return (await parts.screens()).features(key, want);
    },
    async compareScreens(a, b) {
      return compareSignatures(a, b);
    },
    async storeSize() {
      return storeSize(await parts.db());
    },
    async startAgentRun(request) {
      return (await parts.agent()).start(request);
    },
    async stopAgentRun(runId) {
      return { stopped: (await parts.agent()).stop(runId) };
    },
    async agentRunStatus(runId, options) {
      const agent = await parts.agent();
      return options?.wait ? agent.settled(runId) : agent.status(runId);
    },
    async recordVerdict(runId, verdict) {
      const header = await (await parts.runs()).setOutcome(runId, { status: verdict.success ? 'success' : 'failure', judgedBy: verdict.by ?? 'check', reason: verdict.reason });
      // The run is learned from now that its outcome is known.
      await (await parts.coach()).learn(runId);
      return header;
    },
    async resumeRuns(options) {
      return { resumed: await (await parts.agent()).resumeUnfinished(options?.interruptAll ?? false) };
    },
    async availablePolicies() {
      return parts.llm.policies();
    },
    async memoryDesigns() {
      const learner = await (await parts.coach()).learner();
      return { designs: [...MEMORY_DESIGNS], defaultDesign: DEFAULT_DESIGN, clusters: await learner.all() };
    },
    async pinDesign(cluster, design) {
      const learner = await (await parts.coach()).learner();
      try {
        return await learner.pin(cluster, design);
      } catch (e) {
        throw new WorkerCallError('invalid_call', e instanceof Error ? e.message : String(e));
      }
    },
    async coachRun(runId) {
      const state = await (await parts.coach()).stateOf(runId);
      if (!state) return null;
      return { runId, coach: state.coach, how: state.how, design: state.design, cluster: state.cluster, advice: state.advice, ...(state.learned ? { learned: state.learned } : {}) };
    },
    async exportMemory() {
      return exportMemory(parts);
    },
    async importMemory(data, options) {
      return importMemory(parts, data, options?.mode);
    },
    async clearMemory() {
      return clearMemory(parts);
    },
    async getSettings() {
      return (await parts.memorySettings()).get();
    },
    async updateSettings(patch) {
      return (await parts.memorySettings()).update(patch);
    },
    async learnFromDemonstration(demo) {
      const settings = await parts.memorySettings();
      return learnFromDemonstration({ runs: parts.runs, learn: async (run) => (await parts.coach()).learnFromStoredRun(run), neverRecorded: (origin) => settings.neverRecorded(origin) }, demo);
    },
  };
}
