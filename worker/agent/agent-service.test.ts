import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sessionSecrets } from './testdata/session-secrets';
import type { BrowserBridge } from '../../shared/browser-bridge';
import { openWaymarkDb } from '../store/database';
import { KeyValueStore } from '../store/key-value-store';
import { RunStore } from '../store/run-store';
import { AgentService, FINISHED_KEPT, throttled } from './agent-service';
import type { Policy } from './policy';

/** An empty page on x.example where every action works (\`done\` answers "ok"), with the browser's session storage of secrets. */
const emptyPage = (session = sessionSecrets()): BrowserBridge => ({
  observe: async () => ({ id: 'o', url: 'https://x.example/', title: 'X', elements: [], text: '', scroll: { x: 0, y: 0, viewportWidth: 800, viewportHeight: 600, pageHeight: 600 }, timestamp: 0, tookMs: 1 }),
  act: async (_tab, action) => ({ ok: true, navigated: false, pageChanged: false, tookMs: 0, ...(action.kind === 'done' ? { extracted: 'ok' } : {}) }),
  screenshot: async () => {
    throw new Error('none');
  },
  ...session,
});

describe('throttled step screenshots', () => {
  it('captures at most once per interval; the steps in between keep none', async () => {
    let clock = 0;
    const taken: number[] = [];
    const capture = throttled(async (step) => (taken.push(step), `shot-${step}`), 1_000, () => clock);
    const keys: (string | null)[] = [];
    for (const [step, at] of [[0, 0], [1, 400], [2, 999], [3, 1_000], [4, 1_500], [5, 2_600]] as const) {
      clock = at;
      keys.push(await capture(step));
    }
    expect(keys).toEqual(['shot-0', null, null, 'shot-3', null, 'shot-5']);
    expect(taken).toEqual([0, 3, 5]);
  });
});

describe('finished runs held in memory', () => {
  it('keeps the status of the newest finished runs only, however many ran', async () => {
    const db = await openWaymarkDb(`agent-service-${Math.random()}`);
    const bridge = emptyPage();
    const policy = async (): Promise<Policy> => ({ id: 'done', next: async () => ({ output: { evaluation: '', nextGoal: 'finish', actions: [{ kind: 'done', success: true }] } }), dispose: async () => {} });
    const service = new AgentService<{ kind: 'done' }>({ store: async () => new RunStore(db), bridge: async () => bridge, policy, settings: async () => new KeyValueStore(db, 'settings') });
    const ids: string[] = [];
    for (let i = 0; i < FINISHED_KEPT + 6; i++) {
      const { runId } = await service.start({ task: `task ${i}`, tabId: 1, policy: { kind: 'done' } });
      await service.settled(runId);
      ids.push(runId);
    }
    expect(service.status(ids[0]!)).toBeNull();
    expect(service.status(ids[5]!)).toBeNull();
    expect(service.status(ids.at(-1)!)).toMatchObject({ running: false, result: { steps: 1 } });
    // The runs themselves stay stored.
    expect((await new RunStore(db).header(ids[0]!))?.outcome?.status).toBe('unknown');
  });
});

describe('resuming unfinished runs', () => {
  it('resumes a run once when two callers ask at the same time', async () => {
    const db = await openWaymarkDb(`agent-resume-${Math.random()}`);
    const bridge = emptyPage();
    let policies = 0;
    const policy = async (): Promise<Policy> => (policies++, { id: 'done', next: async () => ({ output: { evaluation: '', nextGoal: 'finish', actions: [{ kind: 'done', success: true }] } }), dispose: async () => {} });
    const settings = new KeyValueStore(db, 'settings');
    await new RunStore(db).start({ id: 'left', task: 't', origin: 'https://x.example', startedAt: 1, source: 'agent' });
    await settings.put('agent.inFlight.left', { task: 't', tabId: 1, policy: { kind: 'done' } });
    const service = new AgentService<{ kind: 'done' }>({ store: async () => new RunStore(db), bridge: async () => bridge, policy, settings: async () => settings });
    const [a, b] = await Promise.all([service.resumeUnfinished(), service.resumeUnfinished()]);
    expect([...a, ...b]).toEqual(['left']);
    expect(policies).toBe(1);
    await service.settled('left');
    expect((await new RunStore(db).get('left'))?.steps).toHaveLength(1);
  });

  it('does not take a run being started for one left behind', async () => {
    const db = await openWaymarkDb(`agent-resume-start-${Math.random()}`);
    const page = emptyPage();
    // The start's launch waits for the bridge until the resume pass has been through: the race made certain.
    let asked = () => undefined as void;
    const launchAsks = new Promise<void>((r) => (asked = r));
    let open = () => undefined as void;
    const gate = new Promise<void>((r) => (open = r));
    let bridges = 0;
    const bridge = async () => (++bridges === 1 ? (asked(), await gate, page) : page);
    let policies = 0;
    const policy = async (): Promise<Policy> => (policies++, { id: 'done', next: async () => ({ output: { evaluation: '', nextGoal: 'finish', actions: [{ kind: 'done', success: true }] } }), dispose: async () => {} });
    const settings = new KeyValueStore(db, 'settings');
    const service = new AgentService<{ kind: 'done' }>({ store: async () => new RunStore(db), bridge, policy, settings: async () => settings });
    const starting = service.start({ task: 't', tabId: 1, policy: { kind: 'done' } });
    await launchAsks;
    const resumed = await service.resumeUnfinished();
    open();
    const { runId } = await starting;
    await service.settled(runId);
    expect(resumed).toEqual([]);
    expect(policies).toBe(1);
    expect((await new RunStore(db).get(runId))?.steps).toHaveLength(1);
  });
});

describe('secrets of a run in progress', () => {
  const TASK = 'Sign in as "ada" with the password "hunter2!"';

  /** A worker whose first run hangs at its first step (then is killed); `tasks` are what its policies were given. */
  async function workers() {
    const db = await openWaymarkDb(`agent-secrets-${Math.random()}`);
    const settings = new KeyValueStore(db, 'settings');
    const tasks: string[] = [];
    const worker = (session: ReturnType<typeof sessionSecrets>, hang: boolean) =>
      new AgentService<{ kind: 'scripted' }>({
        store: async () => new RunStore(db),
        bridge: async () => emptyPage(session),
        settings: async () => settings,
        policy: async (): Promise<Policy> => ({
          id: 'scripted',
          next: (input) => (tasks.push(input.task), hang ? new Promise<never>(() => {}) : Promise.resolve({ output: { evaluation: '', nextGoal: 'finish', actions: [{ kind: 'done', success: true }] } })),
          dispose: async () => {},
        }),
      });
    return { db, settings, tasks, worker };
  }

  it('are noted nowhere on disk while the run goes on, and a restarted worker resumes with them', async () => {
    const { db, settings, tasks, worker } = await workers();
    const session = sessionSecrets();
    const { runId } = await worker(session, true).start({ task: TASK, tabId: 1, policy: { kind: 'scripted' } });
    await expect.poll(() => tasks.length).toBe(1);
    expect(JSON.stringify(await db.getAll('settings'))).not.toContain('hunter2!');
    expect((await settings.get<{ task: string }>(`agent.inFlight.${runId}`))?.task).toBe('Sign in as "ada" with the password "[redacted]"');
    expect(session.held.get(runId)).toEqual(['hunter2!']);

    // The worker is killed; a new one (same browser session) picks the run up with its password.
    const restarted = worker(session, false);
    expect(await restarted.resumeUnfinished()).toEqual([runId]);
    await restarted.settled(runId);
    expect(tasks[1]).toBe(TASK);
    expect(session.held.has(runId)).toBe(false);
    expect(await settings.get(`agent.inFlight.${runId}`)).toBeUndefined();
    expect(JSON.stringify(await new RunStore(db).get(runId))).not.toContain('hunter2!');
  });

  it('are gone after the browser restarted: the run is marked interrupted, saying why', async () => {
    const { db, tasks, worker } = await workers();
    const { runId } = await worker(sessionSecrets(), true).start({ task: TASK, tabId: 1, policy: { kind: 'scripted' } });
    await expect.poll(() => tasks.length).toBe(1);
    const restarted = worker(sessionSecrets(), false);
    expect(await restarted.resumeUnfinished()).toEqual([]);
    expect((await new RunStore(db).header(runId))?.outcome).toMatchObject({ status: 'interrupted', reason: expect.stringMatching(/secrets its task gave are held only while the browser runs/) });
    expect(tasks).toHaveLength(1);
  });
});
