// DOM facts shared by observe, act and record: what is interactive, its role
// and accessible name, and how to walk into open shadow roots and same-origin iframes.

const NATIVE_INTERACTIVE = new Set(['a', 'button', 'input', 'select', 'textarea', 'summary']);
const INTERACTIVE_ROLES = new Set([
  'button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'menuitemcheckbox',
  'menuitemradio', 'option', 'combobox', 'textbox', 'searchbox', 'listbox', 'slider',
  'spinbutton', 'treeitem', 'gridcell',
]);
/** Subtrees that never hold anything a user can interact with. */
export const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'meta', 'link', 'title']);
/** Tags that may be custom widgets made clickable by CSS cursor or handlers. */
const MAYBE_CLICKABLE = new Set(['div', 'span', 'li', 'img', 'td', 'tr', 'th', 'i', 'p', 'svg', 'label', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'dt', 'dd', 'em', 'strong', 'b', 'figure', 'ul', 'nav']);

const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number']);
/** Inputs whose value is set whole (no per-key typing). */
export const WHOLE_VALUE_INPUT_TYPES = new Set(['date', 'time', 'datetime-local', 'month', 'week', 'color', 'range']);

/** A selector every element interactivity() accepts matches (native matching narrows the walk). */
export const INTERACTIVE_CANDIDATES = 'a,button,input,select,textarea,summary,[role],[contenteditable],[onclick],[tabindex],[draggable="true"]';

export type Interactivity = 'native' | 'role' | 'editable' | 'focusable' | 'handler' | null;

/** Cheap, attribute-only test; cursor detection is done by the caller when this says null. */
export function interactivity(el: Element): Interactivity {
  const tag = el.localName;
  if (NATIVE_INTERACTIVE.has(tag)) {
    if (tag === 'a' && !el.hasAttribute('href') && !el.hasAttribute('role')) return el.hasAttribute('onclick') ? 'handler' : null;
    if (tag === 'input' && (el as HTMLInputElement).type === 'hidden') return null;
    return 'native';
  }
  const role = el.getAttribute('role');
  if (role && INTERACTIVE_ROLES.has(role)) return 'role';
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return 'editable';
  if (el.hasAttribute('onclick') || el.getAttribute('draggable') === 'true') return 'handler';
  const tabindex = el.getAttribute('tabindex');
  if (tabindex !== null && Number(tabindex) >= 0) return 'focusable';
  return null;
}

export function maybeClickableByCursor(el: Element): boolean {
  return MAYBE_CLICKABLE.has(el.localName);
}

export function isTypable(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement || el.localName === 'textarea') return true;
  if (el.localName === 'input') {
    const t = (el as HTMLInputElement).type;
    return TEXT_INPUT_TYPES.has(t) || WHOLE_VALUE_INPUT_TYPES.has(t);
  }
  return (el as HTMLElement).isContentEditable === true;
}

/** Reads one element's attributes; `attrReader` lists the names once, so absent ones cost no DOM call. */
export type AttrReader = (name: string) => string | null;

const NO_ATTRIBUTES: AttrReader = () => null;

export function attrReader(el: Element): AttrReader {
  const names = el.getAttributeNames();
  if (names.length === 0) return NO_ATTRIBUTES;
  return (name) => (names.includes(name) ? el.getAttribute(name) : null);
}

export function implicitRole(el: Element, attr: AttrReader = (n) => el.getAttribute(n), tag = el.localName): string {
  const explicit = attr('role');
  if (explicit) return explicit.split(/\s+/)[0] ?? explicit;
  switch (tag) {
    case 'a':
      return 'link';
    case 'button':
    case 'summary':
      return 'button';
    case 'select':
      return (el as HTMLSelectElement).multiple ? 'listbox' : 'combobox';
    case 'textarea':
      return 'textbox';
    case 'input': {
      const t = (el as HTMLInputElement).type;
      if (t === 'checkbox' || t === 'radio') return t;
      if (t === 'range') return 'slider';
      if (t === 'number') return 'spinbutton';
      if (t === 'search') return 'searchbox';
      if (t === 'submit' || t === 'button' || t === 'reset' || t === 'image') return 'button';
      return 'textbox';
    }
  }
  if ((el as HTMLElement).isContentEditable) return 'textbox';
  return 'generic';
}

const WHITESPACE = /\s+/g;

export function collapse(s: string | null | undefined, max = 200): string {
  if (!s) return '';
  // Long text (a big subtree's textContent): collapse a head first, enough when it fills `max`.
  if (s.length > max * 4 + 64) {
    const head = s.slice(0, max * 4 + 64).replace(WHITESPACE, ' ').trim();
    if (head.length >= max) return head.slice(0, max);
  }
  const c = s.replace(WHITESPACE, ' ').trim();
  return c.length > max ? c.slice(0, max) : c;
}

/** What accessibleName can be given instead of reading it again. */
export interface NameSources {
  attr?: AttrReader;
  tag?: string;
  /** The element's collapsed textContent (200 characters). */
  text?: string;
  /**
   * The label elements of a field (what `el.labels` returns). `labels` is slow on big
   * pages: every first read after a DOM change walks the whole document.
   */
  labels?: (el: Element) => ArrayLike<Element> | null | undefined;
}

/** Elements whose text reads as a piece of its own: a line break or a block around it. */
const BREAKS_TEXT = new Set(['br', 'div', 'p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'ul', 'ol', 'table']);

/** Displays that keep an element's text in the line of the text around it. */
const INLINE_DISPLAYS = new Set(['inline', 'contents', '']);
/** Elements whose computed display is read per name; past that, tags alone say where pieces part. */
const STYLED_PIECES_MAX = 24;

/**
 * An element's text as its name from content reads (as browsers compute it): pieces laid
 * out as blocks read apart, so a card button of an avatar's initials, a name and a line of
 * details is "GL Green Lane Garage Lloyds · ending 5518", not "GLGreen Lane GarageLloyds…".
 */
export function contentText(el: Element, max = 200): string {
  const raw = el.textContent ?? '';
  if (!el.firstElementChild || raw.length > max * 4) return collapse(raw, max);
  const view = el.ownerDocument.defaultView;
  let styled = STYLED_PIECES_MAX;
  const read = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.nodeValue ?? '';
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const e = node as Element;
    const inner = Array.from(e.childNodes, read).join('');
    if (e === el) return inner;
    if (BREAKS_TEXT.has(e.localName)) return ` ${inner} `;
    if (!view || styled-- <= 0) return inner;
    return INLINE_DISPLAYS.has(view.getComputedStyle(e).display) ? inner : ` ${inner} `;
  };
  return collapse(read(el), max);
}

/** A field's name from its labels, their pieces read apart as browsers compute it ("With a neighbour Tell us which house."). */
function labelsText(labels: ArrayLike<Element> | null | undefined): string {
  if (!labels || labels.length === 0) return '';
  if (labels.length === 1) return contentText(labels[0]!);
  return collapse(Array.from(labels, (l) => contentText(l)).join(' '));
}

/** Accessible name, simplified from the accname spec: the sources users see first. */
export function accessibleName(el: Element, from: NameSources = {}): string {
  const attr = from.attr ?? ((n: string) => el.getAttribute(n));
  const tag = from.tag ?? el.localName;
  const labelledBy = attr('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const t = labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById?.(id)?.textContent ?? '')
      .join(' ');
    if (t.trim()) return collapse(t);
  }
  const aria = attr('aria-label');
  if (aria?.trim()) return collapse(aria);
  if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    const t = (el as HTMLInputElement).type;
    if (tag === 'input' && (t === 'submit' || t === 'button' || t === 'reset')) {
      return collapse((el as HTMLInputElement).value) || (t === 'submit' ? 'Submit' : t === 'reset' ? 'Reset' : '');
    }
    if (tag === 'input' && t === 'image') return collapse(attr('alt')) || collapse(attr('title'));
    const fromLabel = labelsText(from.labels ? from.labels(el) : (el as HTMLInputElement).labels);
    if (fromLabel) return fromLabel;
    return collapse(attr('placeholder')) || collapse(attr('title')) || tableCellName(el) || collapse(attr('name'));
  }
  if (tag === 'img') return collapse(attr('alt')) || collapse(attr('title'));
  const own = from.text ?? contentText(el);
  if (own) return own;
  const img = el.querySelector('img[alt], [aria-label]');
  if (img) return collapse(img.getAttribute('alt') ?? img.getAttribute('aria-label'));
  return collapse(attr('title')) || collapse(el.querySelector('svg title')?.textContent);
}

/**
 * A control in a table cell with no label of its own is named by its row's header and
 * its column's header ("Lunch Wednesday"): that is how a reader finds it in a grid.
 */
function tableCellName(el: Element): string {
  const cell = el.closest('td, th') as HTMLTableCellElement | null;
  const row = cell?.parentElement as HTMLTableRowElement | null;
  const table = cell?.closest('table');
  if (!cell || !row || !table || typeof row.cells === 'undefined') return '';
  const at = cell.cellIndex;
  const rowHeader = [...row.cells].find((c, i) => i !== at && c.localName === 'th');
  const headRow = table.tHead?.rows[0] ?? table.rows[0];
  const colHeader = headRow && headRow !== row ? headRow.cells[at] : undefined;
  return collapse([rowHeader?.textContent ?? '', colHeader?.localName === 'th' ? (colHeader.textContent ?? '') : ''].join(' '));
}

/** Elements `:disabled` can match: form controls and form-associated custom elements (a dash in the name). */
const DISABLABLE = new Set(['button', 'input', 'select', 'textarea', 'optgroup', 'option', 'fieldset']);

export function isDisabled(el: Element, attr: AttrReader = (n) => el.getAttribute(n), tag = el.localName): boolean {
  if (attr('aria-disabled') === 'true') return true;
  if (!DISABLABLE.has(tag) && !tag.includes('-')) return false;
  try {
    return el.matches(':disabled');
  } catch {
    return false;
  }
}

/** Same-origin document of an iframe, or null (cross-origin, not loaded). */
export function frameDocument(el: Element): Document | null {
  if (el.localName !== 'iframe' && el.localName !== 'frame') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}

/** Where a frame's content starts in its parent's viewport, and the frame's own size (0: not rendered). */
export function frameOffset(frame: Element): { x: number; y: number; width: number; height: number } {
  const r = frame.getBoundingClientRect();
  return { x: r.left + frame.clientLeft, y: r.top + frame.clientTop, width: r.width, height: r.height };
}
