// Concurrency (issue 16): two runs' learning (credit and blame, the learner's records),
// the inspector's edits and memory imports, all at once on one database. Nothing is
// lost: every credit is counted, every edit is there unless a later edit of the same
// field replaced it, each item's history is one unbroken chain (each change made from
// the version before it), and every item keeps its vector.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MemoryItem, type Outcome } from '../shared/model';
import { mulberry32 } from '../shared/mulberry32';
import { creditItems } from './coach/credit';
import { Learner } from './coach/learner';
import { exportMemory, importMemory } from './memory-transfer';
import { useGloveEmbedder } from './models/testdata/glove-suite';
import { insight, memoryProfiles } from './testdata/memory-profile';

const glove = useGloveEmbedder();

const TOPICS = ['Coupon field under the basket', 'Weather needs a city', 'Returns start from orders', 'Invoices live under billing', 'Search with the Go button', 'Holds are placed per branch'];
const verdict = (status: 'success' | 'failure'): Outcome => ({ status, judgedBy: 'check', reason: 'the page said so' });

describe('concurrent writers', () => {
  it('two runs learning, the inspector editing and imports at once lose no update and tear no item', async () => {
    const profiles = memoryProfiles('concurrent', () => glove);
    const p = await profiles.profile();
    const ids = TOPICS.map((_, i) => `seed-${i}`);
    for (const [i, title] of TOPICS.entries()) await p.memory.add(insight(title, `When ${title.toLowerCase()}`, `${title}: do it this way.`, ids[i]));

    // Files to import: new items from another profile.
    const other = await profiles.profile();
    const files: unknown[] = [];
    for (let f = 0; f < 3; f++) {
      for (let j = 0; j < 4; j++) await other.memory.add(insight(`Imported lesson ${f}-${j}`, 'When a form asks for a date', `Type the date as the field shows it (${f}-${j}).`, `imported-${f}-${j}`));
      files.push(JSON.parse(JSON.stringify(await exportMemory(other.deps))) as unknown);
    }

    const rand = mulberry32(16);
    const credited = new Map<string, number>(ids.map((id) => [id, 0]));
    const lastTitle = new Map<string, string>();
    const learner = new Learner(p.learner);
    const pick = () => ids[Math.floor(rand() * ids.length)]!;

    const run = async (name: string) => {
      for (let i = 0; i < 25; i++) {
        const shown = [pick(), pick()];
        for (const id of new Set(shown)) credited.set(id, credited.get(id)! + 1);
        const status = rand() < 0.5 ? 'success' : 'failure';
        await Promise.all([
          creditItems(p.memory, shown, verdict(status), { runId: `${name}-${i}`, task: `task ${name} ${i}` }),
          learner.update('shop:checkout', 'balanced', verdict(status), 4, 12),
          learner.choose('shop:checkout'),
        ]);
      }
    };
    const inspector = async () => {
      for (let k = 0; k < 20; k++) {
        const id = pick();
        const title = `Edited in the inspector (${k})`;
        lastTitle.set(id, title);
        await p.memory.update(id, { title });
        if (k % 5 === 0) await learner.pin('shop:checkout', k % 10 === 0 ? 'balanced' : null);
      }
    };
    const importer = async () => {
      for (const file of files) await importMemory(p.deps, file, 'merge');
    };
    await Promise.all([run('A'), run('B'), inspector(), importer()]);

    const items = await p.items.list();
    for (const id of ids) {
      const item = items.find((i) => i.id === id)!;
      expect(item.counters.retrieved, `credits counted on ${id}`).toBe(credited.get(id));
      expect(item.counters.helped + item.counters.hurt).toBe(item.counters.retrieved);
      expect(item.title).toBe(lastTitle.get(id) ?? TOPICS[ids.indexOf(id)]);
    }
    for (const f of [0, 1, 2]) for (const j of [0, 1, 2, 3]) expect(items.some((i) => i.id === `imported-${f}-${j}`)).toBe(true);

    // No torn item: each parses, has its one vector, and its history is one chain.
    const vectors = await p.db.getAll('vectors');
    for (const item of items) {
      expect(MemoryItem.safeParse(item).success).toBe(true);
      expect(vectors.filter((v) => v.itemId === item.id)).toHaveLength(1);
      const history = await p.items.history(item.id);
      expect(history.at(-1)!.after).toEqual(item);
      // An imported item's history from the other browser comes first; its life here starts at its creation.
      const born = history.findLastIndex((h) => h.before === null);
      for (let h = born + 1; h < history.length; h++) expect(history[h]!.before, `${item.id}: change ${h} made from the version before it`).toEqual(history[h - 1]!.after);
    }

    const record = await learner.record('shop:checkout');
    const runs = Object.values(record.designs).reduce((n, d) => n + d.runs, 0);
    expect(runs, 'every run counted by the learner').toBe(50);
    expect(record.choices).toHaveLength(50);
    expect(record.pinned).toBeUndefined();
    profiles.closeAll();
  }, 120_000);
});
