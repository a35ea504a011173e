// The Memory view: every memory item in a virtualized list, narrowed by search (words,
// and meaning through the worker's embedder) and filters, in the chosen order; one
// item's detail beside the list (over it, at popup size); bulk select and delete.
import type { MemoryItem } from '../../../shared/model';
import type { RunHeader, WorkerApi } from '../../../shared/worker-api';
import { byId, errorText, formatDate, formatNumber, h, siteLabel } from './dom';
import { ItemDetail } from './item-detail';
import { plainText } from './marked-text';
import { EMPTY_QUERY, type MemoryMatch, type MemoryQuery, outcomeOf, runQuery, sitesOf } from './memory-query';
import { notify } from './toast';
import { VirtualList } from './virtual-list';

const ROW_HEIGHT = 56;
const SEARCH_DELAY_MS = 250;
/** Semantic hits: how many, and how similar at least (the bundled embedder's scale). */
const SEMANTIC = { k: 50, floor: 0.45 };

export class MemoryView {
  private items: MemoryItem[] = [];
  private runs = new Map<string, RunHeader>();
  private scores = new Map<string, number>();
  private readonly selected = new Set<string>();
  private readonly list: VirtualList<MemoryMatch>;
  private readonly detail: ItemDetail;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private searchToken = 0;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly worker: WorkerApi,
    replay: (runId: string) => void,
  ) {
    this.list = new VirtualList<MemoryMatch>(byId('memory-list'), {
      rowHeight: ROW_HEIGHT,
      rowId: (m) => `item-${m.item.id.replace(/[^\w-]/g, '_')}`,
      renderRow: (row, m) => this.renderRow(row, m),
      isSelected: (m) => this.selected.has(m.item.id),
      onOpen: (m) => void this.open(m.item.id),
      onToggle: (m) => this.toggle(m.item.id),
    });
    this.detail = new ItemDetail(byId('item-detail'), {
      worker,
      runs: () => this.runs,
      replay,
      changed: (id, item) => this.changed(id, item),
      closed: () => {
        byId('memory-split').classList.remove('detail-open');
        this.list.viewport.focus();
      },
    });
    this.wireToolbar();
  }

  /** Loads memory the first time the view is shown (and on Reload). */
  load(force = false): Promise<void> {
    if (this.loaded && !force) return this.loaded;
    this.loaded = (async () => {
      byId('memory-count').textContent = 'Loading memory…';
      try {
        const [items, runs] = await Promise.all([this.worker.listItems(), this.worker.listRuns(1_000).catch(() => [])]);
        this.items = items;
        this.runs = new Map(runs.map((r) => [r.id, r]));
        this.fillSites();
        this.apply();
      } catch (e) {
        byId('memory-count').textContent = `Could not load memory: ${errorText(e)}`;
        this.loaded = null;
      }
    })();
    return this.loaded;
  }

  /** Opens an item's detail (from the list, or from a run's advice). */
  async open(id: string): Promise<void> {
    byId('memory-split').classList.add('detail-open');
    await this.detail.show(id);
  }

  private query(): MemoryQuery {
    const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value;
    return { ...EMPTY_QUERY, text: value('q'), site: value('f-site'), kind: value('f-kind') as MemoryQuery['kind'], outcome: value('f-outcome') as MemoryQuery['outcome'], date: value('f-date') as MemoryQuery['date'], pinned: value('f-pinned') as MemoryQuery['pinned'], sort: value('f-sort') as MemoryQuery['sort'] };
  }

  private apply(): void {
    const q = this.query();
    const shown = runQuery(this.items, q, q.text.trim() ? this.scores : new Map());
    this.list.setItems(shown);
    const picked = this.selected.size ? `, ${this.selected.size} selected` : '';
    byId('memory-count').textContent = `${formatNumber(shown.length)} of ${formatNumber(this.items.length)} items${picked}`;
    const del = byId<HTMLButtonElement>('delete-selected');
    del.disabled = this.selected.size === 0;
    del.textContent = this.selected.size ? `Delete selected (${this.selected.size})` : 'Delete selected';
  }

  private wireToolbar(): void {
    const search = byId<HTMLInputElement>('q');
    const sort = byId<HTMLSelectElement>('f-sort');
    let searching = false;
    search.addEventListener('input', () => {
      // Typing a search orders by relevance; clearing it goes back to recency.
      const now = search.value.trim() !== '';
      if (now && !searching) sort.value = 'relevance';
      if (!now && searching && sort.value === 'relevance') sort.value = 'recent';
      searching = now;
      this.apply();
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => void this.searchByMeaning(search.value), SEARCH_DELAY_MS);
    });
    byId('memory-query').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.searchByMeaning(search.value);
    });
    for (const id of ['f-site', 'f-kind', 'f-outcome', 'f-date', 'f-pinned', 'f-sort']) byId(id).addEventListener('change', () => this.apply());
    byId('select-all').addEventListener('click', () => {
      for (const m of runQuery(this.items, this.query(), this.scores)) this.selected.add(m.item.id);
      this.list.refresh();
      this.apply();
    });
    byId('clear-selection').addEventListener('click', () => {
      this.selected.clear();
      this.list.refresh();
      this.apply();
    });
    byId('delete-selected').addEventListener('click', () => void this.deleteSelected());
    byId('reload').addEventListener('click', () => void this.load(true));
  }

  private async searchByMeaning(text: string): Promise<void> {
    const token = ++this.searchToken;
    const query = text.trim();
    const status = byId('search-status');
    if (!query) {
      this.scores = new Map();
      status.textContent = '';
      return this.apply();
    }
    status.textContent = 'Searching by meaning…';
    try {
      const hits = await this.worker.searchMemory(query, SEMANTIC);
      if (token !== this.searchToken) return;
      this.scores = new Map(hits.map((hit) => [hit.item.id, hit.score]));
      status.textContent = `${hits.length} close in meaning`;
    } catch (e) {
      if (token !== this.searchToken) return;
      this.scores = new Map();
      status.textContent = `Search by meaning is unavailable (${errorText(e)}); matching words only.`;
    }
    this.apply();
  }

  private fillSites(): void {
    const select = byId<HTMLSelectElement>('f-site');
    const chosen = select.value;
    select.replaceChildren(new Option('All sites', 'any'), ...sitesOf(this.items).map((o) => new Option(siteLabel(o), o)));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : 'any';
  }

  private renderRow(row: HTMLElement, m: MemoryMatch): void {
    const { item } = m;
    const outcome = outcomeOf(item);
    const how = m.textMatch ? 'words match' : m.score !== undefined ? `close in meaning (${formatNumber(m.score, 2)})` : '';
    row.replaceChildren(
      h('span', { class: 'row-check', 'aria-hidden': 'true', title: 'Select' }),
      h(
        'span',
        { class: 'row-main' },
        h('span', { class: 'row-title' }, h('span', { class: `badge kind-${item.kind}`, text: item.kind }), item.pinned ? h('span', { class: 'badge pinned', text: 'pinned' }) : null, ` ${plainText(item.title)}`),
        h('span', { class: 'row-meta', text: [siteLabel(item.scope.origin), outcome, `used ${item.counters.retrieved}×`, formatDate(item.updatedAt), how].filter(Boolean).join(' · ') }),
      ),
      h('span', { class: 'row-utility', title: 'Utility', text: formatNumber(item.utility, 2) }),
    );
  }

  private toggle(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.list.refresh();
    this.apply();
  }

  /** An item changed in the detail: the list follows without reloading everything. */
  private changed(id: string, item: MemoryItem | null): void {
    const at = this.items.findIndex((i) => i.id === id);
    if (item && at >= 0) this.items[at] = item;
    else if (item) this.items.unshift(item);
    else if (at >= 0) this.items.splice(at, 1);
    if (!item) this.selected.delete(id);
    this.fillSites();
    this.apply();
  }

  private async deleteSelected(): Promise<void> {
    const ids = [...this.selected];
    const deleted: string[] = [];
    try {
      for (const id of ids) {
        await this.worker.deleteItem(id);
        deleted.push(id);
        this.changed(id, null);
      }
    } catch (e) {
      notify(`Deleted ${deleted.length} of ${ids.length}; then: ${errorText(e)}`, { error: true });
    }
    if (this.detail.current && deleted.includes(this.detail.current.id)) this.detail.close();
    notify(`Deleted ${deleted.length} item${deleted.length === 1 ? '' : 's'}. Their history keeps them.`, {
      undo: async () => {
        for (const id of deleted) this.changed(id, await this.worker.undoItem(id));
        return `Restored ${deleted.length} item${deleted.length === 1 ? '' : 's'}.`;
      },
    });
    this.list.viewport.focus();
  }
}
