// Serving the worker API over Comlink: every call's arguments are checked against
// WorkerCalls before any work, and errors cross the port with their `code`.
import * as Comlink from 'comlink';
import { z } from 'zod';
import { type WorkerApi, WorkerCalls, type WorkerErrorCode, type WorkerMethod } from '../shared/worker-api';
import { sendErrorCodes } from '../shared/comlink-errors';

/** A call the worker refuses (bad arguments); the message names the method and the problem. */
export class WorkerCallError extends Error {
  constructor(
    readonly code: WorkerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerCallError';
  }
}

/** Wraps an implementation so each method validates its arguments first. */
export function validated(impl: WorkerApi): WorkerApi {
  const checked: Partial<Record<WorkerMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of Object.keys(WorkerCalls) as WorkerMethod[]) {
    const run = impl[method] as (...args: unknown[]) => Promise<unknown>;
    checked[method] = async (...args: unknown[]) => {
      const parsed = WorkerCalls[method].safeParse(args);
      if (!parsed.success) throw new WorkerCallError('invalid_call', `${method}: invalid arguments: ${z.prettifyError(parsed.error)}`);
      return run.apply(impl, parsed.data as unknown[]);
    };
  }
  return checked as WorkerApi;
}

/** Serves `api` on every MessagePort the host hands over. */
export function serve(api: WorkerApi, onHost: (host: string) => void): void {
  sendErrorCodes();
  self.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { waymarkConnect?: boolean; host?: string } | undefined;
    const port = event.ports[0];
    if (!data?.waymarkConnect || !port) return;
    if (typeof data.host === 'string') onHost(data.host);
    Comlink.expose(api, port);
  });
}
