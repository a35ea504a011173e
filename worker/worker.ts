// The worker: one owner of models and memory, served to every connected port through Comlink.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../shared/worker-api';
import { VERSION } from '../shared/version';

const startedAt = performance.now();
let host = 'unknown';

const api: WorkerApi = {
  async ping() {
    return { version: VERSION, host, uptimeMs: Math.round(performance.now() - startedAt) };
  },
};

self.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { waymarkConnect?: boolean; host?: string } | undefined;
  const port = event.ports[0];
  if (!data?.waymarkConnect || !port) return;
  if (typeof data.host === 'string') host = data.host;
  Comlink.expose(api, port);
});
