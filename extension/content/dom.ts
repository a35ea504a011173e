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
  if (el.hasAttribute('onclick')) return 'handler';
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

export function implicitRole(el: Element): string {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0] ?? explicit;
  switch (el.localName) {
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

export function collapse(s: string | null | undefined, max = 200): string {
  if (!s) return '';
  const c = s.replace(/\s+/g, ' ').trim();
  return c.length > max ? c.slice(0, max) : c;
}

function textOf(el: Element): string {
  return collapse(el.textContent);
}

function labelsText(el: Element): string {
  const labels = (el as HTMLInputElement).labels;
  if (!labels || labels.length === 0) return '';
  // The label's text without the field's own text (a field nested in its label).
  return collapse(Array.from(labels, (l) => l.textContent ?? '').join(' '));
}

/** Accessible name, simplified from the accname spec: the sources users see first. */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = el.getRootNode() as Document | ShadowRoot;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => root.getElementById?.(id)?.textContent ?? '')
      .join(' ');
    if (text.trim()) return collapse(text);
  }
  const aria = el.getAttribute('aria-label');
  if (aria?.trim()) return collapse(aria);
  const tag = el.localName;
  if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    const t = (el as HTMLInputElement).type;
    if (tag === 'input' && (t === 'submit' || t === 'button' || t === 'reset')) {
      return collapse((el as HTMLInputElement).value) || (t === 'submit' ? 'Submit' : t === 'reset' ? 'Reset' : '');
    }
    if (tag === 'input' && t === 'image') return collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title'));
    const fromLabel = labelsText(el);
    if (fromLabel) return fromLabel;
    return collapse(el.getAttribute('placeholder')) || collapse(el.getAttribute('title')) || collapse(el.getAttribute('name'));
  }
  if (tag === 'img') return collapse(el.getAttribute('alt')) || collapse(el.getAttribute('title'));
  const text = textOf(el);
  if (text) return text;
  const img = el.querySelector('img[alt], [aria-label]');
  if (img) return collapse(img.getAttribute('alt') ?? img.getAttribute('aria-label'));
  return collapse(el.getAttribute('title')) || collapse(el.querySelector('svg title')?.textContent);
}

export function isDisabled(el: Element): boolean {
  if (el.getAttribute('aria-disabled') === 'true') return true;
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

/** Offset of a frame's content box in its parent's viewport. */
export function frameOffset(frame: Element): { x: number; y: number } {
  const r = frame.getBoundingClientRect();
  return { x: r.left + frame.clientLeft, y: r.top + frame.clientTop };
}
