// The practice suite: six small web apps (shop, flights, mail, admin, docs, calendar)
// served statically on loopback, and the task files generated for them.
import { resolve } from 'node:path';
import { startServer } from '../lib/server';

/** The suite's root folder: task URLs like `/shop/index.html` are relative to it. */
export const PRACTICE_SITES_DIR = resolve(import.meta.dirname);
/** Where the generated task files (`practice.jsonl`, `curriculum.jsonl`) live. */
export const PRACTICE_TASKS_DIR = resolve(import.meta.dirname, 'tasks');

export interface PracticeSites {
  origin: string;
  /** An absolute URL for a path on the suite (`/shop/index.html`). */
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves the practice apps on 127.0.0.1 at `port` (0: a free one); rejects when the port is taken. */
export async function startPracticeSites(port = 0): Promise<PracticeSites> {
  const server = await startServer(PRACTICE_SITES_DIR, [], port);
  return { origin: server.origin, url: server.url, close: server.close };
}
