// The Settings view: the memory budget and the sites never recorded; export to a
// file, import from one (checked whole first: a bad file lists its problems and
// changes nothing), and clearing all memory behind a confirmation that offers an
// export first.
import type { ImportProblem, ImportSummary } from '../../../shared/memory-export';
import { normalizeSite } from '../../../shared/memory-settings';
import { sensitivePatterns } from '../../../shared/redact';
import type { WorkerApi } from '../../../shared/worker-api';
import { byId, errorText, formatNumber, h } from './dom';
import { notify } from './toast';

/** Largest import file read (the store's own limits apply after that). */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The sites typed one per line (or comma separated), and the lines that are not sites. */
export function parseSites(text: string): { sites: string[]; problems: ImportProblem[] } {
  const sites: string[] = [];
  const problems: ImportProblem[] = [];
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const site = normalizeSite(entry);
      if (site === null) problems.push({ path: `site ${i + 1}`, message: `“${entry}” is not a site: give an origin such as https://bank.example or a host such as bank.example` });
      else if (!sites.includes(site)) sites.push(site);
    });
  return { sites, problems };
}

export function describeImport(s: ImportSummary): string {
  const parts = [`${s.added} added`, s.mode === 'merge' ? `${s.updated} updated, ${s.kept} kept as they were` : `${s.removed} removed (their history keeps them)`];
  return `${s.mode === 'merge' ? 'Merged' : 'Replaced memory'}: ${parts.join(', ')}; ${s.historyEntries} history entries, ${s.learnerEntries} learner records.`;
}

function problemList(host: HTMLElement, heading: string, problems: ImportProblem[]): void {
  host.replaceChildren(
    h('p', { class: 'error', role: 'alert', text: heading }),
    h('ul', { class: 'problems' }, ...problems.map((p) => h('li', {}, p.path ? h('code', { text: p.path }) : null, p.path ? ': ' : '', p.message))),
  );
}

export class SettingsView {
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly worker: WorkerApi,
    /** Memory changed (import, clear): the other views load again when shown. */
    private readonly memoryChanged: () => void,
  ) {
    byId('settings-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    byId('export').addEventListener('click', () => void this.exportToFile());
    byId('import-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.importFile();
    });
    const dialog = byId<HTMLDialogElement>('clear-dialog');
    byId('clear-memory').addEventListener('click', () => void this.askToClear());
    byId('clear-export').addEventListener('click', () => void this.exportToFile());
    byId('clear-cancel').addEventListener('click', () => dialog.close());
    byId('clear-confirm').addEventListener('click', () => void this.clear());
  }

  load(force = false): Promise<void> {
    if (this.loaded && !force) return this.loaded;
    this.loaded = (async () => {
      try {
        const s = await this.worker.getSettings();
        byId<HTMLInputElement>('item-budget').value = String(s.itemBudget);
        byId<HTMLTextAreaElement>('never-record').value = s.neverRecord.join('\n');
        byId<HTMLTextAreaElement>('sensitive-fields').value = s.sensitiveFields.join('\n');
      } catch (e) {
        notify(`Could not read the settings: ${errorText(e)}`, { error: true });
        this.loaded = null;
      }
    })();
    return this.loaded;
  }

  private async save(): Promise<void> {
    const problemsHost = byId('settings-problems');
    const { sites, problems } = parseSites(byId<HTMLTextAreaElement>('never-record').value);
    const budget = byId<HTMLInputElement>('item-budget').valueAsNumber;
    if (!Number.isInteger(budget) || budget < 10) problems.unshift({ path: 'budget', message: 'the most items memory keeps is a whole number, at least 10' });
    const sensitiveFields = byId<HTMLTextAreaElement>('sensitive-fields').value.split('\n').map((l) => l.trim()).filter(Boolean);
    const badPatterns = sensitivePatterns(sensitiveFields).problems;
    problemsHost.replaceChildren(...[...problems.map((p) => p.message), ...badPatterns].map((message) => h('li', { class: 'error', text: message })));
    if (problems.length) return byId('never-record').focus();
    if (badPatterns.length) return byId('sensitive-fields').focus();
    try {
      const saved = await this.worker.updateSettings({ itemBudget: budget, neverRecord: sites, sensitiveFields });
      byId<HTMLTextAreaElement>('never-record').value = saved.neverRecord.join('\n');
      byId<HTMLTextAreaElement>('sensitive-fields').value = saved.sensitiveFields.join('\n');
      notify(`Settings saved: memory keeps at most ${formatNumber(saved.itemBudget)} items; ${saved.neverRecord.length ? `never recorded: ${saved.neverRecord.join(', ')}` : 'every site may be recorded'}.`);
    } catch (e) {
      problemsHost.replaceChildren(h('li', { class: 'error', text: `Not saved: ${errorText(e)}` }));
    }
  }

  /** Memory as a JSON file, downloaded under a dated name. */
  private async exportToFile(): Promise<void> {
    try {
      const data = await this.worker.exportMemory();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `waymark-memory-${data.exportedAt.slice(0, 10)}.json` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      notify(`Exported ${formatNumber(data.items.length)} items with their history (${formatNumber(blob.size / 1024, 0)} KB).`);
    } catch (e) {
      notify(`Could not export: ${errorText(e)}`, { error: true });
    }
  }

  private async importFile(): Promise<void> {
    const report = byId('import-report');
    const file = byId<HTMLInputElement>('import-file').files?.[0];
    const mode = (byId<HTMLFormElement>('import-form').elements.namedItem('mode') as RadioNodeList).value === 'replace' ? 'replace' : 'merge';
    if (!file) return problemList(report, 'Choose a file to import.', []);
    if (file.size > MAX_IMPORT_BYTES) return problemList(report, 'Nothing was imported.', [{ path: '', message: `the file is ${formatNumber(file.size / 1024 / 1024, 0)} MB; the most Waymark reads is ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (e) {
      return problemList(report, 'Nothing was imported: the file is not JSON.', [{ path: '', message: errorText(e) }]);
    }
    report.replaceChildren(h('p', { role: 'status', text: `Checking and importing ${file.name}…` }));
    try {
      const summary = await this.worker.importMemory(data, { mode });
      report.replaceChildren(h('p', { role: 'status', text: `${file.name}: ${describeImport(summary)}` }));
      this.memoryChanged();
    } catch (e) {
      const problems = (e as { problems?: ImportProblem[] }).problems;
      if (Array.isArray(problems) && problems.length) problemList(report, `Nothing was imported: ${file.name} has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, problems);
      else problemList(report, 'Nothing was imported.', [{ path: '', message: errorText(e) }]);
    }
  }

  private async askToClear(): Promise<void> {
    const dialog = byId<HTMLDialogElement>('clear-dialog');
    const count = await this.worker
      .storeSize()
      .then((s) => s.counts.items)
      .catch(() => null);
    byId('clear-dialog-text').textContent = `${count === null ? 'Every item' : `All ${formatNumber(count)} items`} and the learner's record will be removed. Runs stay, and each item's history keeps it, so an item can still be brought back from its history. Export first to keep a file of everything.`;
    dialog.showModal();
    byId('clear-export').focus();
  }

  private async clear(): Promise<void> {
    const dialog = byId<HTMLDialogElement>('clear-dialog');
    const buttons = [...dialog.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    byId('clear-dialog-text').textContent = 'Clearing memory… (each removal goes into the item’s history)';
    try {
      const s = await this.worker.clearMemory();
      dialog.close();
      notify(`Memory cleared: ${formatNumber(s.removed)} item${s.removed === 1 ? '' : 's'} removed (their history keeps them).`);
      this.memoryChanged();
    } catch (e) {
      dialog.close();
      notify(`Could not clear memory: ${errorText(e)}`, { error: true });
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }
}
