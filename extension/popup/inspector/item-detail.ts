// One memory item in full, and what a person can do with it: edit its title, text
// and when-to-use, pin it (pinned items are never pruned), delete it (undoable), and
// undo its last change from its history. Each change goes through the worker, which
// keeps the previous version in the item's history.
import type { MemoryItem } from '../../../shared/model';
import type { RunHeader, WorkerApi } from '../../../shared/worker-api';
import { errorText, formatDate, formatNumber, h, siteLabel } from './dom';
import { historySection, kindSection, provenanceSection } from './item-sections';
import { outcomeOf } from './memory-query';
import { fromEditable, renderMarked, toEditable } from './marked-text';
import { notify } from './toast';

export interface ItemDetailHost {
  worker: WorkerApi;
  /** Run headers by id, for the provenance list. */
  runs: () => ReadonlyMap<string, RunHeader>;
  replay: (runId: string) => void;
  /** The item changed (or, with null, is gone): the list updates its row. */
  changed: (id: string, item: MemoryItem | null) => void;
  /** The detail was closed: focus goes back to the list. */
  closed: () => void;
}

export class ItemDetail {
  private item: MemoryItem | null = null;

  constructor(
    private readonly panel: HTMLElement,
    private readonly host: ItemDetailHost,
  ) {}

  get current(): MemoryItem | null {
    return this.item;
  }

  async show(id: string, focus = true): Promise<void> {
    const item = await this.host.worker.getItem(id);
    if (!item) {
      this.panel.replaceChildren(h('p', { role: 'alert', text: 'This item is no longer in memory.' }));
      return;
    }
    this.item = item;
    const history = await this.host.worker.itemHistory(id).catch(() => []);
    this.panel.hidden = false;
    this.panel.replaceChildren(...this.view(item), historySection(history, () => void this.undo(item.id)));
    if (focus) (this.panel.querySelector('h2') as HTMLElement | null)?.focus();
  }

  close(): void {
    this.item = null;
    this.panel.hidden = true;
    this.panel.replaceChildren();
    this.host.closed();
  }

  private view(item: MemoryItem): Node[] {
    const outcome = outcomeOf(item);
    const badges = h(
      'p',
      { class: 'badges' },
      h('span', { class: `badge kind-${item.kind}`, text: item.kind }),
      outcome ? h('span', { class: `badge outcome-${outcome}`, text: outcome }) : null,
      item.pinned ? h('span', { class: 'badge pinned', text: 'pinned' }) : null,
      h('span', { class: 'note', text: `version ${item.version}` }),
    );
    const facts: [string, string][] = [
      ['Site', siteLabel(item.scope.origin)],
      ['Task cluster', item.scope.cluster ?? '—'],
      ['Utility', formatNumber(item.utility, 2)],
      ['Shown to the agent', `${item.counters.retrieved} times (helped ${item.counters.helped}, hurt ${item.counters.hurt})`],
      ['Learned', formatDate(item.createdAt)],
      ['Last changed', formatDate(item.updatedAt)],
    ];
    return [
      h(
        'header',
        { class: 'detail-head' },
        h('h2', { id: 'detail-title', tabindex: -1 }, ...renderMarked(item.title)),
        h('button', { type: 'button', class: 'close', text: 'Back to the list', onclick: () => this.close() }),
      ),
      badges,
      h(
        'div',
        { class: 'detail-actions', role: 'group', 'aria-label': 'Item actions' },
        h('button', { type: 'button', text: 'Edit', onclick: () => this.edit(item) }),
        h('button', { type: 'button', 'aria-pressed': String(item.pinned), text: item.pinned ? 'Unpin' : 'Pin', onclick: () => void this.pin(item) }),
        h('button', { type: 'button', class: 'danger', text: 'Delete', onclick: () => void this.remove(item) }),
      ),
      h('section', { 'aria-labelledby': 'detail-text' }, h('h3', { id: 'detail-text', text: 'What it says' }), h('p', { class: 'item-text' }, ...renderMarked(item.text))),
      h('section', { 'aria-labelledby': 'detail-when' }, h('h3', { id: 'detail-when', text: 'When to use it' }), h('p', {}, ...renderMarked(item.whenToUse))),
      ...[kindSection(item, this.host.worker)].filter((section) => section !== null),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })])),
      provenanceSection(item, this.host.runs(), this.host.replay),
    ];
  }

  /** The edit form replaces the text sections; page-derived spans show as ⟦ … ⟧ and stay marked. */
  private edit(item: MemoryItem): void {
    const field = (id: string, label: string, value: string, rows: number) => {
      const input = rows === 1 ? h('input', { id, name: id, required: true }) : h('textarea', { id, name: id, rows });
      input.value = value;
      return [h('label', { for: id, text: label }), input];
    };
    const form = h(
      'form',
      { class: 'edit-form', 'aria-labelledby': 'edit-heading' },
      h('h3', { id: 'edit-heading', text: 'Edit this item' }),
      ...field('edit-title', 'Title', toEditable(item.title), 1),
      ...field('edit-text', 'What it says', toEditable(item.text), 6),
      ...field('edit-when', 'When to use it', toEditable(item.whenToUse), 3),
      h('p', { class: 'note', text: 'Text in ⟦ ⟧ was taken from a web page; it stays marked as page data.' }),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', text: 'Save' }), h('button', { type: 'button', text: 'Cancel', onclick: () => void this.show(item.id) })),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
      try {
        const saved = await this.host.worker.updateItem(item.id, { title: fromEditable(value('edit-title')), text: fromEditable(value('edit-text')), whenToUse: fromEditable(value('edit-when')) }, 'edited in the inspector');
        this.host.changed(saved.id, saved);
        notify(`Saved “${value('edit-title')}”.`, { undo: () => this.undo(saved.id) });
        await this.show(saved.id);
      } catch (err) {
        notify(`Could not save: ${errorText(err)}`, { error: true });
      }
    });
    const actions = this.panel.querySelector('.detail-actions');
    this.panel.querySelectorAll('section, dl').forEach((s) => s.remove());
    (actions ?? this.panel).after(form);
    (form.querySelector('input') as HTMLInputElement).focus();
  }

  private async pin(item: MemoryItem): Promise<void> {
    try {
      const saved = await this.host.worker.updateItem(item.id, { pinned: !item.pinned }, item.pinned ? 'unpinned in the inspector' : 'pinned in the inspector');
      this.host.changed(saved.id, saved);
      await this.show(saved.id, false);
      (this.panel.querySelector('[aria-pressed]') as HTMLElement | null)?.focus();
    } catch (e) {
      notify(`Could not change the pin: ${errorText(e)}`, { error: true });
    }
  }

  private async remove(item: MemoryItem): Promise<void> {
    try {
      await this.host.worker.deleteItem(item.id);
      this.host.changed(item.id, null);
      this.close();
      notify(`Deleted “${item.title}”. Its history keeps it.`, { undo: () => this.undo(item.id) });
    } catch (e) {
      notify(`Could not delete: ${errorText(e)}`, { error: true });
    }
  }

  /** Undoes the item's last change and shows what it is now. */
  async undo(id: string): Promise<string> {
    const restored = await this.host.worker.undoItem(id);
    this.host.changed(id, restored);
    if (restored && (this.item?.id === id || this.panel.hidden)) await this.show(id, false);
    else if (!restored && this.item?.id === id) this.close();
    return restored ? `Undone: “${restored.title}” is as it was.` : 'Undone: the item is gone again.';
  }
}
