// The worker's API as the extension sees it through Comlink. The worker
// implements it; everything else holds a Comlink Remote of it.
export interface WorkerApi {
  /** Liveness and version; `host` says who started the worker. */
  ping(): Promise<{ version: string; host: string; uptimeMs: number }>;
}

/** Name of the runtime.Port through which extension contexts reach the worker. */
export const WORKER_PORT_NAME = 'waymark-worker';
