// Calling the worker's Comlink API from the extension's control page, as the popup does.
import type { Page } from 'playwright-core';
import type { WorkerApi, WorkerMethod } from '../../shared/worker-api';

type Args<M extends WorkerMethod> = Parameters<WorkerApi[M]>;
type Result<M extends WorkerMethod> = Awaited<ReturnType<WorkerApi[M]>>;

export interface WorkerCallFailure {
  name: string;
  message: string;
  code?: string;
}

export type WorkerCallOutcome = { ok: true; value: unknown } | { ok: false; error: WorkerCallFailure };

/** Run in an extension page opened with ?control=1 (Playwright or puppeteer): one call of its worker API. */
export async function callWorkerInPage([method, args]: readonly [string, unknown[]]): Promise<WorkerCallOutcome> {
  const api = await (globalThis as unknown as { waymarkWorker: Promise<Record<string, (...x: unknown[]) => Promise<unknown>>> }).waymarkWorker;
  try {
    return { ok: true as const, value: await api[method]!(...args) };
  } catch (e) {
    const err = e as { name?: string; message?: string; code?: string };
    return { ok: false as const, error: { name: String(err.name), message: String(err.message), ...(err.code ? { code: err.code } : {}) } };
  }
}

function invoke(page: Page, method: string, args: unknown[]): Promise<WorkerCallOutcome> {
  return page.evaluate(callWorkerInPage, [method, args] as const);
}

export async function workerCall<M extends WorkerMethod>(page: Page, method: M, ...args: Args<M>): Promise<Result<M>> {
  const out = await invoke(page, method, args);
  if (!out.ok) throw new Error(`${method} failed: ${out.error.code ?? out.error.name}: ${out.error.message}`);
  return out.value as Result<M>;
}

/** Calls a method that is expected to fail (arguments unchecked on purpose) and returns its error. */
export async function workerCallError(page: Page, method: string, ...args: unknown[]): Promise<WorkerCallFailure> {
  const out = await invoke(page, method, args);
  if (out.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(out.value).slice(0, 200)}`);
  return out.error;
}
