// The `export` and `import` verbs: a profile's memory to a file and back, through the
// worker's own exportMemory / importMemory (the file is checked whole before anything changes).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ImportSummary } from '../../shared/memory-export';
import type { ExportOptions, ImportOptions } from './args';
import { WorkerCallFailed } from './browser-session';
import { SetupError } from './errors';
import { openSession } from './session';

export async function exportVerb(options: ExportOptions): Promise<void> {
  if (!existsSync(options.profileDir)) throw new SetupError(`no profile at ${resolve(options.profileDir)}`);
  const { session } = await openSession({ browser: options.browser, profileDir: options.profileDir, headed: options.headed, onWarning: (w) => console.error(w) });
  try {
    const memory = await session.call('exportMemory');
    const json = `${JSON.stringify(memory, null, 2)}\n`;
    if (options.outFile) {
      const file = resolve(options.outFile);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, json);
      // The path on stdout, the counts on stderr: scripts can read the one without the other.
      console.error(`Exported ${memory.items.length} items, ${memory.history?.length ?? 0} history entries and ${memory.learner?.length ?? 0} learner entries.`);
      console.log(file);
    } else {
      process.stdout.write(json);
      console.error(`Exported ${memory.items.length} items.`);
    }
  } finally {
    await session.close();
  }
}

export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

export async function importVerb(options: ImportOptions): Promise<ImportSummary> {
  const file = resolve(options.file);
  if (!existsSync(file)) throw new SetupError(`no file at ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ImportRefused(`${file} is not JSON (${(e as Error).message}); nothing was imported`);
  }
  const { session } = await openSession({ browser: options.browser, profileDir: options.profileDir, headed: options.headed, onWarning: (w) => console.error(w) });
  try {
    const summary = await session.call('importMemory', data, { mode: options.mode });
    console.log(
      `Imported ${file} (${summary.mode}): ${summary.added} added, ${summary.updated} updated, ${summary.kept} kept as they were, ${summary.removed} removed; ` +
        `${summary.historyEntries} history entries, ${summary.learnerEntries} learner entries.`,
    );
    return summary;
  } catch (e) {
    if (e instanceof WorkerCallFailed && e.code === 'invalid_import') {
      const problems = e.problems?.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n') ?? e.message;
      throw new ImportRefused(`${file} was not imported; nothing was changed. Problems:\n${problems}`);
    }
    throw e;
  } finally {
    await session.close();
  }
}
