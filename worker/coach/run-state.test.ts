// What the coach holds of runs is bounded: live parts beyond LIVE_KEPT are let go (a
// verdict that never comes does not hold one forever), and a deleted run's record goes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { designNamed } from '../../shared/memory-designs';
import { openWaymarkDb } from '../store/database';
import { KeyValueStore } from '../store/key-value-store';
import { RunStore } from '../store/run-store';
import { Coach } from './coach';
import { type CoachRunState, LIVE_KEPT, RunStates } from './run-state';

const state = (runId: string): CoachRunState => ({ runId, task: 't', origin: 'https://x.example', cluster: 'c', design: 'balanced', how: 'requested', coach: true, externalCheck: true, maxSteps: 5, tabId: 1, advice: [], shown: [], keyframes: [] });

describe('what the coach holds of runs', () => {
  it('keeps at most LIVE_KEPT live runs, the newest, and forgets a run altogether when asked', async () => {
    const db = await openWaymarkDb(`run-state-${Math.random()}`);
    const settings = new KeyValueStore(db, 'settings');
    const states = new RunStates(async () => settings);
    for (let i = 0; i < LIVE_KEPT + 5; i++) {
      await states.save(state(`r${i}`));
      states.setLive(`r${i}`, { state: state(`r${i}`), design: designNamed('balanced')!, policy: 'offline' });
    }
    expect(states.liveRun('r0')).toBeUndefined();
    expect(states.liveRun('r4')).toBeUndefined();
    expect(states.liveRun('r5')).toBeDefined();
    // Its persisted state stays for the verdict that may still come.
    expect((await states.get('r0'))?.runId).toBe('r0');
    await states.forget('r5');
    expect(states.liveRun('r5')).toBeUndefined();
    expect(await states.get('r5')).toBeUndefined();
  });

  it('sweeps the records of runs that no longer exist', async () => {
    const db = await openWaymarkDb(`run-state-sweep-${Math.random()}`);
    const settings = new KeyValueStore(db, 'settings');
    const runs = new RunStore(db);
    await runs.start({ id: 'kept', task: 't', origin: 'https://x.example', startedAt: 1, source: 'agent' });
    const states = new RunStates(async () => settings);
    await states.save(state('kept'));
    await states.save(state('gone'));
    const coach = new Coach({ runs: async () => runs, settings: async () => settings } as unknown as ConstructorParameters<typeof Coach>[0]);
    expect(await coach.sweep()).toBe(1);
    expect((await states.runIds()).sort()).toEqual(['kept']);
  });
});
