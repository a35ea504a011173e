// A call that finds the worker host gone is made again on the host started anew — only
// for calls that may be made twice (a verdict, a read), never for starting a run.
import { describe, expect, it, vi } from 'vitest';
import { ProtocolError } from '../../shared/protocol';
import type { WorkerApi } from '../../shared/worker-api';
import { pageWorkerApi, type WorkerLink } from './worker-client';

vi.mock('webextension-polyfill', () => ({ default: {} }));

/** A host whose calls all fail as the host goes away (`dies`), or answer `value`. */
function host(dies: boolean, calls: string[]): WorkerLink {
  let open = true;
  let goAway: (e: unknown) => void = () => undefined;
  const closed = new Promise<never>((_, reject) => (goAway = reject));
  closed.catch(() => undefined);
  const api = new Proxy({}, {
    get: (_t, method) => (...args: unknown[]) => {
      calls.push(`${String(method)}${dies ? ' (host went away)' : ''}`);
      if (dies) {
        open = false;
        goAway(new ProtocolError('no_receiver', 'the worker host went away'));
        return new Promise(() => undefined);
      }
      return Promise.resolve({ method, args });
    },
  });
  return { api: api as WorkerLink['api'], closed, isOpen: () => open };
}

describe('page worker API when the host goes away', () => {
  it('delivers a verdict on the restarted host, and does not start a run twice', async () => {
    const calls: string[] = [];
    const hosts = [host(true, calls), host(false, calls)];
    let started = 0;
    const api: WorkerApi = pageWorkerApi(async () => void started++, async () => hosts.shift()!);
    await expect(api.recordVerdict('run-1', { success: true, reason: 'checked' })).resolves.toMatchObject({ method: 'recordVerdict' });
    expect(calls).toEqual(['recordVerdict (host went away)', 'recordVerdict']);
    expect(started).toBe(2);
    const again = [host(true, calls), host(false, calls)];
    const other: WorkerApi = pageWorkerApi(async () => undefined, async () => again.shift()!);
    await expect(other.startAgentRun({ task: 't', tabId: 1, policy: { kind: 'offline' } })).rejects.toThrow('the worker host went away');
    expect(calls.filter((c) => c.startsWith('startAgentRun'))).toEqual(['startAgentRun (host went away)']);
  });
});
