// A virtualized listbox: however many items there are, only the rows in view (and a
// few either side) exist in the DOM, positioned inside a spacer as tall as all rows.
// One element is focusable — the list — and the active row is announced through
// aria-activedescendant, so keyboard and screen-reader users move through 10,000
// items as through ten: arrows, Page Up/Down, Home/End; Enter opens, Space selects.
import { nextIndex, scrollToReveal, windowFor } from './virtual-list-window';

export interface VirtualListOptions<T> {
  rowHeight: number;
  /** A stable DOM id for an item's row (unique within the page). */
  rowId: (item: T) => string;
  /** Fills a row element (recycled: it may have shown another item before). */
  renderRow: (row: HTMLElement, item: T, index: number) => void;
  isSelected: (item: T) => boolean;
  /** Enter, or a click on the row. */
  onOpen: (item: T, index: number) => void;
  /** Space, or a click on the row's checkbox. */
  onToggle: (item: T, index: number) => void;
}

export class VirtualList<T> {
  private items: readonly T[] = [];
  private active = -1;
  private readonly spacer: HTMLElement;
  private readonly rows = new Map<number, HTMLElement>();
  /** The item each row's content was drawn for: a row is drawn again only for another item (or on refresh). */
  private readonly drawn = new WeakMap<HTMLElement, T>();
  private frame = 0;

  constructor(
    /** The scrolling element; it becomes the listbox. */
    readonly viewport: HTMLElement,
    private readonly options: VirtualListOptions<T>,
  ) {
    viewport.setAttribute('role', 'listbox');
    viewport.setAttribute('aria-multiselectable', 'true');
    viewport.tabIndex = 0;
    viewport.classList.add('virtual-list');
    this.spacer = document.createElement('div');
    this.spacer.className = 'virtual-spacer';
    viewport.replaceChildren(this.spacer);
    viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    viewport.addEventListener('keydown', (e) => this.onKey(e));
    viewport.addEventListener('focus', () => {
      if (this.active < 0 && this.items.length > 0) this.setActive(0);
    });
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  get count(): number {
    return this.items.length;
  }

  /** New items (filtered, sorted): the active row stays on the same item when it is still there. */
  setItems(items: readonly T[]): void {
    const activeId = this.activeItem() ? this.options.rowId(this.activeItem()!) : null;
    this.items = items;
    const kept = activeId === null ? -1 : items.findIndex((i) => this.options.rowId(i) === activeId);
    this.active = kept >= 0 ? kept : Math.min(this.active, items.length - 1);
    for (const row of this.rows.values()) row.remove();
    this.rows.clear();
    this.render();
  }

  activeItem(): T | undefined {
    return this.items[this.active];
  }

  /** Rows drawn again (e.g. after a selection changed), without touching the scroll position. */
  refresh(): void {
    for (const [index, row] of this.rows) this.fill(row, index, true);
  }

  setActive(index: number): void {
    if (index < 0 || index >= this.items.length) return;
    this.active = index;
    const rowHeight = this.options.rowHeight;
    this.viewport.scrollTop = scrollToReveal(index, this.viewport.scrollTop, this.viewport.clientHeight, rowHeight);
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const { rowHeight } = this.options;
    const view = windowFor(this.viewport.scrollTop, this.viewport.clientHeight, rowHeight, this.items.length);
    this.spacer.style.height = `${view.total}px`;
    for (const [index, row] of this.rows) {
      if (index < view.start || index >= view.end) {
        row.remove();
        this.rows.delete(index);
      }
    }
    for (let index = view.start; index < view.end; index++) {
      let row = this.rows.get(index);
      if (!row) {
        row = this.makeRow(index);
        this.rows.set(index, row);
        this.spacer.append(row);
      }
      this.fill(row, index);
    }
    const active = this.activeItem();
    if (active && this.rows.has(this.active)) this.viewport.setAttribute('aria-activedescendant', this.options.rowId(active));
    else this.viewport.removeAttribute('aria-activedescendant');
  }

  private makeRow(index: number): HTMLElement {
    const row = document.createElement('div');
    row.setAttribute('role', 'option');
    row.className = 'virtual-row';
    row.style.height = `${this.options.rowHeight}px`;
    row.addEventListener('click', (e) => {
      const at = Number(row.dataset.index);
      const item = this.items[at];
      if (item === undefined) return;
      this.active = at;
      if ((e.target as HTMLElement).closest('.row-check')) this.options.onToggle(item, at);
      else this.options.onOpen(item, at);
      this.render();
    });
    row.dataset.index = String(index);
    return row;
  }

  // Content is replaced only when needed: replacing it between a mousedown and its
  // mouseup (focusing the list re-renders) would swallow the click.
  private fill(row: HTMLElement, index: number, redraw = false): void {
    const item = this.items[index]!;
    row.dataset.index = String(index);
    row.id = this.options.rowId(item);
    row.style.transform = `translateY(${index * this.options.rowHeight}px)`;
    row.setAttribute('aria-posinset', String(index + 1));
    row.setAttribute('aria-setsize', String(this.items.length));
    row.setAttribute('aria-selected', String(this.options.isSelected(item)));
    row.classList.toggle('active', index === this.active);
    if (redraw || this.drawn.get(row) !== item) {
      this.options.renderRow(row, item, index);
      this.drawn.set(row, item);
    }
  }

  private onKey(e: KeyboardEvent): void {
    const item = this.activeItem();
    if ((e.key === 'Enter' || e.key === ' ') && item !== undefined) {
      e.preventDefault();
      if (e.key === 'Enter') this.options.onOpen(item, this.active);
      else this.options.onToggle(item, this.active);
      this.render();
      return;
    }
    const pageRows = Math.floor(this.viewport.clientHeight / this.options.rowHeight) - 1;
    const next = nextIndex(e.key, Math.max(this.active, 0), this.items.length, pageRows);
    if (next === null) return;
    e.preventDefault();
    this.setActive(next);
  }
}
