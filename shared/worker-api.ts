// The worker's API as the extension sees it through Comlink: one table of methods
// with the schema of their arguments (checked by the worker on every call) and the
// types of their results. Values cross runtime.Ports, so everything is plain JSON.
import { z } from 'zod';
import { ActionResult } from './actions';
import { type MemoryDesign, MemoryItem, MemoryKind, Outcome, RecordedStep, Step, Trajectory } from './model';
import type { ImportSummary, MemoryExport } from './memory-export';
import { type MemorySettings, MemorySettingsPatch } from './memory-settings';
import { BoundingBox } from './observation';

/** Name of the runtime.Port through which extension contexts reach the worker. */
export const WORKER_PORT_NAME = 'waymark-worker';

export const BackendPreference = z.enum(['auto', 'webgpu', 'wasm']);
export type BackendPreference = z.infer<typeof BackendPreference>;

/** Which text embedder to use: the bundled one, or a sentence-transformer ONNX export by URL. */
export const EmbedderConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default') }),
  z.object({
    kind: z.literal('transformer'),
    modelUrl: z.url({ protocol: /^https?$/ }),
    tokenizerUrl: z.url({ protocol: /^https?$/ }),
    maxLength: z.number().int().min(8).max(8192).optional(),
  }),
]);
export type EmbedderConfig = z.infer<typeof EmbedderConfig>;

const id = z.string().min(1).max(200);

/** A memory item as written by its producer; the store fills in version and timestamps. */
export const NewMemoryItem = MemoryItem.omit({ id: true, version: true, createdAt: true, updatedAt: true, counters: true, utility: true, pinned: true }).extend({
  id: id.optional(),
  counters: MemoryItem.shape.counters.optional(),
  utility: z.number().optional(),
  pinned: z.boolean().optional(),
});
export type NewMemoryItem = z.infer<typeof NewMemoryItem>;

export const ItemPatch = MemoryItem.pick({ title: true, text: true, whenToUse: true, scope: true, pinned: true, data: true, counters: true, utility: true }).partial().strict();
export type ItemPatch = z.infer<typeof ItemPatch>;

export const SearchFilter = z
  .object({ origin: z.string().optional(), kind: z.union([MemoryKind, z.array(MemoryKind)]).optional(), cluster: z.string().optional() })
  .strict();
export type SearchFilter = z.infer<typeof SearchFilter>;

export const SearchOptions = z
  .object({
    k: z.number().int().min(1).max(200).optional(),
    filter: SearchFilter.optional(),
    /** Hits below this cosine similarity are not returned. */
    floor: z.number().min(-1).max(1).optional(),
  })
  .strict();
export type SearchOptions = z.infer<typeof SearchOptions>;

export const NewRun = Trajectory.pick({ id: true, task: true, origin: true, startedAt: true, source: true });
export type NewRun = z.infer<typeof NewRun>;

export const ScreenshotInput = z.object({
  trajectoryId: id,
  stepIndex: z.number().int().nonnegative(),
  dataUrl: z.string().regex(/^data:image\/(jpeg|png|webp);base64,/, 'a base64 data URL of a JPEG, PNG or WebP image'),
});
export type ScreenshotInput = z.infer<typeof ScreenshotInput>;

/** A screenshot's visual signature: perceptual hash plus a small luminance grid (worker/vision/signature.ts). */
export const VisualSignature = z.object({
  version: z.literal(1),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  vector: z.array(z.number()).max(4096),
  mean: z.number(),
  contrast: z.number(),
});
export type VisualSignature = z.infer<typeof VisualSignature>;

export const ScreenFeatureRequest = z.object({ ocr: z.boolean().optional(), signature: z.boolean().optional() }).strict();

export interface OcrLine {
  text: string;
  confidence: number;
  box: BoundingBox;
}

export interface ScreenComparison {
  hashDistance: number;
  vectorSimilarity: number;
  largestCellChange: number;
  same: boolean;
}

export interface ModelStatus {
  id: string | null;
  backend: 'webgpu' | 'wasm' | null;
  dimensions?: number;
  /** Why WebGPU is not in use, when it was wanted. */
  fallbackReason?: string;
  /** The last failure (e.g. a download that did not work); the default stays in use. */
  error?: string;
  /** Download progress of a model being fetched, 0–1. */
  progress?: number;
}

export interface WorkerStatusReport {
  version: string;
  host: string;
  uptimeMs: number;
  embedder: ModelStatus;
  ocr: ModelStatus;
  index: { size: number; mode: 'exact' | 'approximate' };
  /** In-browser LLMs loaded or loading (WebLLM, Chrome's Prompt API); empty until one is used. */
  llm: LocalLlmStatus[];
}

/** An in-browser LLM's download, load and use, for the status display. */
export interface LocalLlmStatus {
  provider: 'webllm' | 'prompt-api';
  /** The model's id (WebLLM) or the browser's name for its model. */
  model: string;
  state: 'loading' | 'ready' | 'failed';
  /** Download and load progress, 0–1. */
  progress: number;
  /** The provider's own words on what it is doing (e.g. "Fetching param cache[3/20]: 120MB fetched"). */
  text?: string;
  /** Runs using it now. */
  users: number;
  /** A caveat the user should see, e.g. a software WebGPU adapter: it works, very slowly. */
  warning?: string;
  /** Why loading failed. */
  error?: string;
}

/** One model of WebLLM's prebuilt list that the WebGPU adapter can run. */
export interface WebLlmModelInfo {
  id: string;
  /** WebLLM's estimate of the GPU memory it needs, in MB. */
  vramMB: number;
  /** Tokens of context, when WebLLM's list says (it does for its chat models). */
  contextWindow: number | null;
  /** WebLLM marks models that fit limited devices (phones, integrated GPUs). */
  lowResource: boolean;
}

/** Whether a kind of policy can be chosen in this browser, and why not. */
export interface PolicyOffer {
  kind: PolicyConfig['kind'];
  offered: boolean;
  /** Why it is not offered. */
  reason?: string;
  /** Offered, with a caveat (a software WebGPU adapter, a model still to download). */
  warning?: string;
  /** WebLLM: the models this adapter can run, least GPU memory first. */
  models?: WebLlmModelInfo[];
}

export interface StoreSizeReport {
  usageBytes: number | null;
  quotaBytes: number | null;
  counts: Record<'trajectories' | 'steps' | 'screenshots' | 'items' | 'vectors' | 'history', number>;
}

export interface SearchHit {
  item: MemoryItem;
  score: number;
}

export interface HistoryEntry {
  itemId: string;
  at: number;
  change: 'create' | 'update' | 'delete' | 'undo' | 'merge' | 'prune';
  before: MemoryItem | null;
  after: MemoryItem | null;
  reason: string;
}

export type RunHeader = Omit<Trajectory, 'steps'> & { stepCount: number; updatedAt: number };

/** Which policy decides the agent's steps. */
export const PolicyConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('openai'),
    /** The URL `/chat/completions` is appended to, e.g. http://localhost:11434/v1. */
    baseUrl: z.string().min(1).max(2_000),
    model: z.string().min(1).max(300),
    apiKey: z.string().max(1_000).optional(),
    /** How long to wait for one answer (a small model on a CPU can need minutes); default 120 s. */
    timeoutSeconds: z.number().min(1).max(3_600).optional(),
  }),
  /** WebLLM in the worker, on WebGPU; `model` is an id from WebLLM's prebuilt list (see availablePolicies). */
  z.object({ kind: z.literal('webllm'), model: z.string().min(1).max(200) }),
  /** Chrome's built-in model through the Prompt API (`LanguageModel`). */
  z.object({ kind: z.literal('prompt-api') }),
  /** No model: ranks the page against the task and follows learned workflows (worker/agent/offline-policy.ts). */
  z.object({ kind: z.literal('offline') }),
]);
export type PolicyConfig = z.infer<typeof PolicyConfig>;

/** How a run uses memory: whether the coach advises it, and under which memory design. */
export const RunMemoryOptions = z
  .object({
    /** The coach retrieves past experience and advises the agent (default true). Off: nothing is retrieved, but the run is still learned from. */
    coach: z.boolean().optional(),
    /** `auto` (default): the learner picks the design for the task's cluster; a design's name pins it. */
    design: z.string().min(1).max(100).optional(),
    /**
     * The caller reports the task's own check with `recordVerdict` after the run; the
     * run is learned from then, with that outcome, instead of when it ends.
     */
    externalCheck: z.boolean().optional(),
  })
  .strict();
export type RunMemoryOptions = z.infer<typeof RunMemoryOptions>;

export const AgentRunRequest = z.object({
  task: z.string().min(1).max(5_000),
  tabId: z.number().int().nonnegative(),
  maxSteps: z.number().int().min(1).max(200).optional(),
  policy: PolicyConfig,
  memory: RunMemoryOptions.optional(),
});
export type AgentRunRequest = z.infer<typeof AgentRunRequest>;

/** Live progress of a run (ephemeral; the persisted record is the step). */
export type AgentActivity =
  | { type: 'observing'; step: number }
  | { type: 'thinking'; step: number }
  | { type: 'repaired'; step: number; repairs: string[] }
  | { type: 'acting'; step: number; action: string; intent?: string }
  | { type: 'acted'; step: number; action: string; result: z.infer<typeof ActionResult> }
  | { type: 'loop'; step: number; repeats: number; action: string };

export interface AgentRunResult {
  runId: string;
  outcome: z.infer<typeof Outcome>;
  steps: number;
  /** The agent's answer from `done` (or what `extract` returned last). */
  answer?: string;
  /** What the coach did in this run (absent when the coach was off). */
  coach?: CoachReport;
}

/** The learner's record of one task cluster (worker/coach/learner.ts). */
export interface DesignClusterRecord {
  cluster: string;
  pinned?: string;
  designs: Record<string, { runs: number; successes: number; reward: number; steps: number; lastUsed: number }>;
  choices: { design: string; at: number; how: 'sampled' | 'pinned' | 'requested' }[];
}

/** What the coach kept of a run: its design, the advice it gave, and what was learned. */
export interface CoachRunRecord extends CoachReport {
  runId: string;
  coach: boolean;
  how: 'sampled' | 'pinned' | 'requested';
  learned?: { at: number; outcome: string; written: { kind: string; action: 'add' | 'update' | 'supersede' | 'no-op'; id: string }[]; credited: number; pruned: number };
}

/** The coach's part in a run: the design it used and each piece of advice it gave. */
export interface CoachReport {
  design: string;
  /** The task cluster the run belongs to (the learner chooses designs per cluster). */
  cluster: string;
  advice: { step: number; text: string; sources: string[]; confidence: number; workflow?: string }[];
}

export interface AgentRunStatus {
  runId: string;
  running: boolean;
  activity: AgentActivity[];
  result?: AgentRunResult;
  error?: string;
}

/** A demonstration recorded in record mode, with the task it accomplished. */
export const DemonstrationRequest = z
  .object({
    task: z.string().min(1).max(5_000),
    steps: z.array(RecordedStep).min(1).max(500),
  })
  .strict();
export type DemonstrationRequest = z.infer<typeof DemonstrationRequest>;

export interface DemonstrationResult {
  runId: string;
  /** What the coach wrote from it (empty when the site is one that is never recorded). */
  written: { kind: string; action: 'add' | 'update' | 'supersede' | 'no-op'; id: string }[];
}

const none = z.tuple([]);

/** Argument schemas of every worker method, checked on arrival. */
export const WorkerCalls = {
  ping: none,
  status: none,
  configureEmbedder: z.tuple([EmbedderConfig, BackendPreference.optional()]),
  embed: z.tuple([z.array(z.string().max(100_000)).max(1024)]),
  addItem: z.tuple([NewMemoryItem]),
  updateItem: z.tuple([id, ItemPatch, z.string().max(500).optional()]),
  deleteItem: z.tuple([id]),
  undoItem: z.tuple([id]),
  getItem: z.tuple([id]),
  listItems: z.tuple([z.object({ kind: MemoryKind.optional(), limit: z.number().int().positive().optional() }).strict().optional()]),
  itemHistory: z.tuple([id]),
  searchMemory: z.tuple([z.string().min(1).max(10_000), SearchOptions.optional()]),
  startRun: z.tuple([NewRun]),
  appendStep: z.tuple([id, Step, z.string().optional()]),
  finishRun: z.tuple([id, Outcome]),
  getRun: z.tuple([id]),
  listRuns: z.tuple([z.number().int().positive().optional()]),
  deleteRun: z.tuple([id]),
  saveScreenshot: z.tuple([ScreenshotInput]),
  getScreenshot: z.tuple([z.string().min(1), z.enum(['image', 'thumbnail']).optional()]),
  screenFeatures: z.tuple([z.string().min(1), ScreenFeatureRequest]),
  compareScreens: z.tuple([VisualSignature, VisualSignature]),
  storeSize: none,
  startAgentRun: z.tuple([AgentRunRequest]),
  stopAgentRun: z.tuple([id]),
  agentRunStatus: z.tuple([id, z.object({ wait: z.boolean().optional() }).strict().optional()]),
  /** The task's own success check, reported after the run (judgedBy: 'check'). */
  recordVerdict: z.tuple([id, z.object({ success: z.boolean(), reason: z.string().min(1).max(2_000), by: z.enum(['check', 'user']).optional() }).strict()]),
  /** `interruptAll` after a browser restart: the runs' tabs are gone, so none can go on. */
  resumeRuns: z.tuple([z.object({ interruptAll: z.boolean().optional() }).strict().optional()]),
  /** Which policies this browser can run (WebLLM needs WebGPU, the Prompt API needs Chrome's model), and why not. */
  availablePolicies: none,
  /** The memory designs, and per task cluster the learner's record and choices. */
  memoryDesigns: none,
  /** Fixes a cluster's design (null: the learner chooses again). */
  pinDesign: z.tuple([z.string().min(1).max(300), z.string().min(1).max(100).nullable()]),
  /** What the coach did in a run and what was learned from it. */
  coachRun: z.tuple([id]),
  /** Memory as a versioned JSON file (shared/memory-export.ts): items, their history, the learner's state. */
  exportMemory: none,
  /** Checks the whole file first (a bad one changes nothing: `invalid_import` with `problems`); merge is the default. */
  importMemory: z.tuple([z.unknown(), z.object({ mode: z.enum(['merge', 'replace']) }).strict().optional()]),
  /** Removes every memory item (each removal kept in its history) and resets the learner; runs stay. */
  clearMemory: none,
  /** The user's memory settings (shared/memory-settings.ts): item budget, sites never recorded. */
  getSettings: none,
  updateSettings: z.tuple([MemorySettingsPatch]),
  /** Record mode: the user's own demonstration becomes a stored successful run, and the coach learns from it. */
  learnFromDemonstration: z.tuple([DemonstrationRequest]),
} as const;

/** What each method resolves to. */
export interface WorkerResults {
  ping: { version: string; host: string; uptimeMs: number };
  status: WorkerStatusReport;
  configureEmbedder: ModelStatus;
  embed: number[][];
  addItem: MemoryItem;
  updateItem: MemoryItem;
  deleteItem: MemoryItem;
  undoItem: MemoryItem | null;
  getItem: MemoryItem | null;
  listItems: MemoryItem[];
  itemHistory: HistoryEntry[];
  searchMemory: SearchHit[];
  startRun: RunHeader;
  appendStep: number;
  finishRun: RunHeader;
  getRun: Trajectory | null;
  listRuns: RunHeader[];
  deleteRun: void;
  saveScreenshot: { key: string; width: number; height: number; bytes: number };
  getScreenshot: { dataUrl: string; width: number; height: number } | null;
  screenFeatures: { signature?: VisualSignature; ocr?: OcrLine[]; tookMs: number };
  compareScreens: ScreenComparison;
  storeSize: StoreSizeReport;
  startAgentRun: { runId: string };
  stopAgentRun: { stopped: boolean };
  /** With `wait`, answers once the run has ended. */
  agentRunStatus: AgentRunStatus | null;
  recordVerdict: RunHeader;
  /** Runs left unfinished by a worker that was killed: resumed (ids) or marked interrupted. */
  resumeRuns: { resumed: string[] };
  availablePolicies: PolicyOffer[];
  memoryDesigns: { designs: MemoryDesign[]; defaultDesign: string; clusters: DesignClusterRecord[] };
  pinDesign: DesignClusterRecord;
  coachRun: CoachRunRecord | null;
  exportMemory: MemoryExport;
  importMemory: ImportSummary;
  clearMemory: ImportSummary;
  getSettings: MemorySettings;
  updateSettings: MemorySettings;
  learnFromDemonstration: DemonstrationResult;
}

export type WorkerMethod = keyof typeof WorkerCalls;

/**
 * Calls that give the same result when made twice: a call that found the worker host
 * gone (closed by the browser, an event page suspended) is made again once the host is
 * back, so a verdict or a read is not lost. Others (starting a run, importing, adding)
 * are not repeated: the first may have been carried out.
 */
export const RETRY_SAFE: ReadonlySet<WorkerMethod> = new Set<WorkerMethod>([
  'status',
  'getItem',
  'listItems',
  'itemHistory',
  'searchMemory',
  'getRun',
  'listRuns',
  'getScreenshot',
  'storeSize',
  'stopAgentRun',
  'agentRunStatus',
  'recordVerdict',
  'availablePolicies',
  'memoryDesigns',
  'coachRun',
  'exportMemory',
  'getSettings',
  'updateSettings',
]);

export type WorkerApi = {
  [M in WorkerMethod]: (...args: z.input<(typeof WorkerCalls)[M]>) => Promise<WorkerResults[M]>;
};

/** Error codes a worker call can fail with (on `error.code`). */
export type WorkerErrorCode = 'invalid_call' | 'not_found' | 'conflict' | 'quota_exceeded' | 'storage_failed' | 'newer_schema' | 'model_missing' | 'model_corrupt' | 'backend_unavailable' | 'download_failed' | 'inference_failed' | 'image_invalid' | 'unusable_output' | 'unavailable' | 'invalid_import' | 'failed' | LlmErrorCodeForApi;

/** LLM provider failures (worker/llm), as they reach API callers. */
type LlmErrorCodeForApi = 'unreachable' | 'unauthorized' | 'model_not_found' | 'timeout' | 'rate_limited' | 'bad_response' | 'server_error' | 'aborted';
