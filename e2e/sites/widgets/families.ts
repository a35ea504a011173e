// The widget practice pages (/widgets/<kind>.html?seed=N): one small page per kind of
// widget, each drawing a fresh instance of its task from the seed. One family per page.
export interface WidgetFamily {
  /** `widget.<kind>` */
  id: string;
  /** The page, relative to the practice suite's root; instances add `?seed=N`. */
  url: string;
  /** A realistic step budget for one instance. */
  maxSteps: number;
}

const family = (kind: string, maxSteps: number): WidgetFamily => ({ id: `widget.${kind}`, url: `/widgets/${kind}.html`, maxSteps });

export const WIDGET_FAMILIES: readonly WidgetFamily[] = [
  family('button', 3),
  family('link', 3),
  family('checkboxes', 10),
  family('tabs', 6),
  family('date-input', 5),
  family('date-range', 5),
  family('date-text', 5),
  family('date-picker', 16),
  family('autocomplete', 6),
  family('search', 10),
  family('inbox', 8),
  family('booking', 24),
  family('tree', 12),
  family('text-entry', 4),
  family('login', 5),
  family('disclosure', 5),
  family('delayed', 5),
  family('hover', 5),
  family('keys', 4),
  family('slider', 8),
  family('grid', 4),
  family('rows-by-date', 10),
  family('range-rows', 6),
  family('row-fields', 5),
];

/** The kind of a family: `widget.date-picker` → `date-picker`. */
export const kindOf = (f: WidgetFamily) => f.id.slice('widget.'.length);
