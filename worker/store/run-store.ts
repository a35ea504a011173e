// Runs (trajectories) and their screenshots. Steps are appended one record at a
// time, as they happen, so a run killed half-way keeps every step it took.
import type { Outcome, Step, Trajectory } from '../../shared/model';
import type { WaymarkDatabase } from './database';
import type { ScreenshotRecord, TrajectoryRecord } from './schema';
import { StoreError, writeAtomically } from './store-error';

export type NewTrajectory = Omit<TrajectoryRecord, 'stepCount' | 'updatedAt' | 'screenshots' | 'outcome' | 'endedAt'>;

export class RunStore {
  constructor(private readonly db: WaymarkDatabase) {}

  start(run: NewTrajectory): Promise<TrajectoryRecord> {
    return writeAtomically(`the start of run "${run.task}"`, () => this.db.transaction('trajectories', 'readwrite'), async (tx) => {
      if (await tx.store.get(run.id)) throw new StoreError('conflict', `A run with id ${run.id} already exists.`);
      const record: TrajectoryRecord = { ...run, screenshots: {}, stepCount: 0, updatedAt: Date.now() };
      await tx.store.add(record);
      return record;
    });
  }

  /** Appends the next step; its index is the run's step count, so a step is never written twice. */
  appendStep(trajectoryId: string, step: Step, screenshotKey?: string): Promise<number> {
    return writeAtomically(`step of run ${trajectoryId}`, () => this.db.transaction(['trajectories', 'steps'], 'readwrite'), async (tx) => {
      const run = await tx.objectStore('trajectories').get(trajectoryId);
      if (!run) throw new StoreError('not_found', `No run with id ${trajectoryId}.`);
      if (run.endedAt !== undefined) throw new StoreError('conflict', `Run ${trajectoryId} has already ended.`);
      const index = run.stepCount;
      await tx.objectStore('steps').add({ trajectoryId, index, step });
      const screenshots = screenshotKey ? { ...run.screenshots, [String(index)]: screenshotKey } : run.screenshots;
      await tx.objectStore('trajectories').put({ ...run, screenshots, stepCount: index + 1, updatedAt: Date.now() });
      return index;
    });
  }

  finish(trajectoryId: string, outcome: Outcome, endedAt = Date.now()): Promise<TrajectoryRecord> {
    return writeAtomically(`the outcome of run ${trajectoryId}`, () => this.db.transaction('trajectories', 'readwrite'), async (tx) => {
      const run = await tx.store.get(trajectoryId);
      if (!run) throw new StoreError('not_found', `No run with id ${trajectoryId}.`);
      const done: TrajectoryRecord = { ...run, outcome, endedAt, updatedAt: Date.now() };
      await tx.store.put(done);
      return done;
    });
  }

  /** A later verdict on an ended run (e.g. the task's own check); the run's end time stays. */
  setOutcome(trajectoryId: string, outcome: Outcome): Promise<TrajectoryRecord> {
    return writeAtomically(`the verdict on run ${trajectoryId}`, () => this.db.transaction('trajectories', 'readwrite'), async (tx) => {
      const run = await tx.store.get(trajectoryId);
      if (!run) throw new StoreError('not_found', `No run with id ${trajectoryId}.`);
      if (run.endedAt === undefined) throw new StoreError('conflict', `Run ${trajectoryId} has not ended yet.`);
      const judged: TrajectoryRecord = { ...run, outcome, updatedAt: Date.now() };
      await tx.store.put(judged);
      return judged;
    });
  }

  /**
   * Rewrites a run's task and every step kept so far through `redact` (a secret learned
   * mid-run leaves nothing said before it in the clear), in one transaction.
   */
  redact(trajectoryId: string, redact: <T>(value: T) => T): Promise<void> {
    return writeAtomically(`the redaction of run ${trajectoryId}`, () => this.db.transaction(['trajectories', 'steps'], 'readwrite'), async (tx) => {
      const run = await tx.objectStore('trajectories').get(trajectoryId);
      if (!run) throw new StoreError('not_found', `No run with id ${trajectoryId}.`);
      await tx.objectStore('trajectories').put({ ...run, task: redact(run.task), ...(run.outcome ? { outcome: redact(run.outcome) } : {}) });
      const steps = tx.objectStore('steps');
      for (const s of await steps.getAll(IDBKeyRange.bound([trajectoryId, 0], [trajectoryId, Number.MAX_SAFE_INTEGER]))) await steps.put({ ...s, step: redact(s.step) });
    });
  }

  header(trajectoryId: string): Promise<TrajectoryRecord | undefined> {
    return this.db.get('trajectories', trajectoryId);
  }

  /** A whole run with its steps in order. */
  async get(trajectoryId: string): Promise<Trajectory | undefined> {
    const tx = this.db.transaction(['trajectories', 'steps']);
    const run = await tx.objectStore('trajectories').get(trajectoryId);
    if (!run) return undefined;
    const steps = await tx.objectStore('steps').getAll(IDBKeyRange.bound([trajectoryId, 0], [trajectoryId, Number.MAX_SAFE_INTEGER]));
    const { stepCount: _count, updatedAt: _updated, ...rest } = run;
    return { ...rest, steps: steps.sort((a, b) => a.index - b.index).map((s) => s.step) };
  }

  /** Runs, newest first. */
  async list(limit = Number.POSITIVE_INFINITY): Promise<TrajectoryRecord[]> {
    const out: TrajectoryRecord[] = [];
    const tx = this.db.transaction('trajectories');
    for (let c = await tx.store.index('byStarted').openCursor(null, 'prev'); c && out.length < limit; c = await c.continue()) out.push(c.value);
    return out;
  }

  /** Removes a run with its steps and screenshots, together. */
  remove(trajectoryId: string): Promise<void> {
    return writeAtomically(`the removal of run ${trajectoryId}`, () => this.db.transaction(['trajectories', 'steps', 'screenshots'], 'readwrite'), async (tx) => {
      await tx.objectStore('trajectories').delete(trajectoryId);
      await tx.objectStore('steps').delete(IDBKeyRange.bound([trajectoryId, 0], [trajectoryId, Number.MAX_SAFE_INTEGER]));
      const shots = tx.objectStore('screenshots');
      for (const key of await shots.index('byTrajectory').getAllKeys(trajectoryId)) await shots.delete(key);
    });
  }

  putScreenshot(shot: ScreenshotRecord): Promise<void> {
    return writeAtomically(`screenshot ${shot.key}`, () => this.db.transaction('screenshots', 'readwrite'), async (tx) => {
      await tx.store.put(shot);
    });
  }

  screenshot(key: string): Promise<ScreenshotRecord | undefined> {
    return this.db.get('screenshots', key);
  }

  screenshotsOf(trajectoryId: string): Promise<ScreenshotRecord[]> {
    return this.db.getAllFromIndex('screenshots', 'byTrajectory', trajectoryId);
  }
}
