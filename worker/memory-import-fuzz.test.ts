// Imports of hostile memory files (issue 16): 1 000 generated from a good export —
// wrong types anywhere, huge strings, 100 000-deep nesting, prototype keys, NaN, duplicate
// ids, newer versions, a 50 MB file. None crashes: each is refused with a list of
// problems and changes nothing stored, or — only when the change left it a valid file
// (an unknown field, an optional one left out) — is imported whole.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MemoryExport } from '../shared/memory-export';
import { exportMemory, importMemory, MemoryImportError } from './memory-transfer';
import { useGloveEmbedder } from './models/testdata/glove-suite';
import { hostileImports } from './testdata/hostile-imports';
import { memoryProfiles, snapshot } from './testdata/memory-profile';

const glove = useGloveEmbedder();

export const IMPORT_FUZZ_FILES = 1_000;

describe('hostile memory files', () => {
  it(`refuses or takes whole each of ${IMPORT_FUZZ_FILES} hostile files: no crash, and a refused one changes nothing`, async () => {
    const profiles = memoryProfiles('import-fuzz', () => glove);
    const p = await profiles.seeded();
    const good = JSON.parse(JSON.stringify(await exportMemory(p.deps))) as MemoryExport;
    const files = hostileImports(good, IMPORT_FUZZ_FILES, 7);
    expect(files.length).toBe(IMPORT_FUZZ_FILES);
    const crashes: string[] = [];
    const changed: string[] = [];
    let refused = 0;
    const accepted: string[] = [];
    for (const file of files) {
      const before = await snapshot(p.db);
      try {
        await importMemory(p.deps, file.data, 'merge');
        accepted.push(file.name);
      } catch (e) {
        if (!(e instanceof MemoryImportError) || e.problems.length === 0 || !e.problems.every((x) => typeof x.path === 'string' && x.message.length > 0)) crashes.push(`${file.name}: ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : String(e)}`);
        else refused++;
        if (JSON.stringify(await snapshot(p.db)) !== JSON.stringify(before)) changed.push(file.name);
      }
    }
    profiles.closeAll();
    expect(crashes).toEqual([]);
    expect(changed).toEqual([]);
    // Huge texts, deep nesting, prototype keys, newer versions, duplicates, 50 MB: always refused.
    // What may be taken is a file still valid after its change: an unknown field (dropped), a
    // value of any type where any is allowed, an optional field left out, an unusual number.
    expect(accepted.filter((name) => !/^(?:extra field|wrong type|missing field|odd numbers|huge array) at /.test(name))).toEqual([]);
    expect(refused + accepted.length).toBe(IMPORT_FUZZ_FILES);
    expect(refused).toBeGreaterThan(IMPORT_FUZZ_FILES * 0.7);
    // Nothing reached the prototypes of plain objects.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 600_000);
});
