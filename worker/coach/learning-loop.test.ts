// The whole loop in Node: the offline agent falls for a trap, the failure becomes a
// lesson, the lesson steers the next run to the right control, that success becomes
// a workflow, and the workflow carries a third run with other values — while the
// same runs without the coach keep failing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useGloveEmbedder } from '../models/testdata/glove-suite';
import { coachOn } from './testdata/coach-setup';
import { NewsletterSite } from './testdata/newsletter-site';

const glove = useGloveEmbedder();

const PEOPLE = [
  ['Ada Lovelace', 'ada@example.com'],
  ['Grace Hopper', 'grace@navy.mil'],
  ['Alan Turing', 'alan@bletchley.uk'],
  ['Edsger Dijkstra', 'ewd@utexas.edu'],
] as const;
const task = ([name, email]: readonly [string, string]) => `Subscribe ${name} (${email}) to the newsletter`;

async function episode(setup: Awaited<ReturnType<typeof coachOn>>, who: readonly [string, string], coach: boolean) {
  const site = new NewsletterSite();
  const done = await setup.run(task(who), site, () => site.joined.includes(`${who[0]} <${who[1]}>`), { coach });
  return { ...done, site };
}

describe('learning from outcomes', () => {
  it('turns a failure into a lesson, the lesson into a success, and the success into a workflow', async () => {
    const setup = await coachOn(glove);
    const first = await episode(setup, PEOPLE[0], true);
    expect(first.success).toBe(false); // the promo button took it
    expect(first.report?.advice).toEqual([]); // nothing in memory yet: silence
    expect(first.learned?.written.map((w) => `${w.kind}:${w.action}`)).toEqual(['episode:add', 'insight:add']);
    const lesson = (await setup.items.list({ kind: 'insight' }))[0]!;
    expect(lesson.data?.avoid).toEqual([expect.objectContaining({ actionKind: 'click', target: expect.objectContaining({ name: 'Subscribe to deals' }) })]);

    const second = await episode(setup, PEOPLE[1], true);
    expect(second.report?.advice[0]?.sources).toContain(lesson.id);
    expect(second.report?.advice[0]?.text).toContain('do not click');
    expect(second.success).toBe(true);
    expect(second.learned?.written.map((w) => w.kind)).toContain('workflow');
    // The lesson was shown in a successful run: credit.
    const credited = (await setup.items.get(lesson.id))!;
    expect(credited.counters).toEqual({ retrieved: 1, helped: 1, hurt: 0 });
    expect(credited.utility).toBeCloseTo(0.65, 5);

    const third = await episode(setup, PEOPLE[2], true);
    expect(third.success).toBe(true);
    const workflowAdvice = third.report?.advice[0];
    expect(workflowAdvice?.workflow).toBe('Subscribe {name} ({email}) to the newsletter');
    // The workflow's steps carry the new task's values.
    expect(third.trajectory?.steps[0]?.output.actions.map((a) => (a.kind === 'type' ? a.text : a.kind))).toEqual(['Alan Turing', 'alan@bletchley.uk', 'click']);
    // Learning the same kind of run again merges instead of piling up.
    expect(third.learned?.written.find((w) => w.kind === 'workflow')?.action).toBe('update');
    expect(await setup.items.list({ kind: 'workflow' })).toHaveLength(1);
    expect(setup.errors).toEqual([]);
  }, 60_000);

  it('without the coach, the same runs keep failing (and are still learned from)', async () => {
    const setup = await coachOn(glove);
    for (const who of PEOPLE.slice(0, 3)) {
      const run = await episode(setup, who, false);
      expect(run.success).toBe(false);
      expect(run.report).toBeUndefined();
    }
    // Three identical failures: one episode and one lesson, seen three times.
    const episodes = await setup.items.list({ kind: 'episode' });
    expect(episodes).toHaveLength(1);
    expect(episodes[0]!.data?.seen).toBe(3);
    expect(episodes[0]!.provenance).toEqual(['run-1', 'run-2', 'run-3']);
  }, 60_000);
});
