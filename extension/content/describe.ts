// One element's description in an Observation. What changes only with the DOM
// (tag, role, name, text, attributes, disabled) is kept across observations and
// dropped when a MutationObserver reports a change that can touch it; what changes
// without a mutation (a field's value, checked, the selected option) is read every
// time. Repeat observations of a big page then read little more than geometry.
//
// What a description depends on, and what drops it:
// - the element's own attributes and its subtree (text, option labels, a child
//   image's alt): a mutation drops the descriptions of its target's ancestors;
// - a label's text: drops its control's description; any other change in or of a
//   label, a legend, or an element aria-labelledby points at drops every description;
// - contenteditable, id, for, and a fieldset's disabled: a change to one drops every description;
// - moved elements: an added subtree's descriptions are dropped.
// class, style and data-* attributes never change a description.
// Not seen: document.designMode and CSS -webkit-user-modify (no mutation tells), and a
// class or style change that lays a piece of a name out as a block (names read the
// pieces' display when first described: contentText).
import type { ObservedElement } from '../../shared/observation';
import { type FieldFacts, redactValue } from '../../shared/redact';
import { type AttrReader, accessibleName, attrReader, collapse, contentText, implicitRole, isDisabled } from './dom';

const ATTR_NAMES = ['type', 'inputmode', 'href', 'aria-expanded', 'aria-haspopup', 'aria-selected', 'aria-checked', 'aria-pressed', 'required', 'readonly', 'multiple'] as const;

/** How many of a select's option labels a description keeps. */
const MAX_OPTIONS = 40;

/** Attribute changes that can alter other elements' descriptions. */
const SCOPE_ATTRS = new Set(['contenteditable', 'id', 'for']);
/** Elements whose `disabled` disables their descendants. */
const DISABLING_GROUPS = new Set(['fieldset', 'optgroup']);
/** Added subtrees bigger than this drop everything (cheaper than forgetting one by one). */
const FORGET_LIMIT = 2000;

/** Which live state the element has. */
const NO_VALUE = 0;
const FIELD = 1; // input or textarea: .value
const SELECT = 2; // selected options
const CHECKABLE = 3; // checkbox or radio: .checked
const EDITABLE = 4; // contenteditable: its text

interface Stable {
  /** The cache generation it was read in; older ones are stale. */
  gen: number;
  tag: string;
  role: string;
  name: string;
  /** The text as a name from content reads it (contentText), up to 200 characters. */
  text: string;
  /** Attributes to show, without the live `checked`. */
  attrs: Record<string, string>;
  disabled: boolean;
  live: number;
  /** A select's option labels. */
  options: string[] | null;
  /** What redaction decides from; for elements with a value. */
  field: FieldFacts | null;
  /** Has a contenteditable attribute: its text is its value. */
  editableAttr: boolean;
}

/** A select's option labels, read once for both its attrs and its value. */
function optionLabels(select: HTMLSelectElement): string[] {
  const options = select.options;
  const labels: string[] = new Array(options.length);
  for (let i = 0; i < options.length; i++) {
    const o = options[i]!;
    labels[i] = o.label || o.text;
  }
  return labels;
}

function attrsOf(attr: AttrReader, options: string[] | null): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const name of ATTR_NAMES) {
    const v = attr(name);
    if (v === null) continue;
    if (name === 'href') {
      if (v.startsWith('javascript:') || v === '#') continue;
      attrs.href = v.length > 120 ? v.slice(0, 120) : v;
    } else attrs[name] = v;
  }
  if (options) {
    // Enough for a menu of dishes or a list of countries' first letters; a prompt shows the attribute cut to 80 characters anyway.
    const shown = options.slice(0, MAX_OPTIONS).map((o) => collapse(o, 40));
    attrs.options = shown.join('|') + (options.length > MAX_OPTIONS ? `|…(${options.length})` : '');
  }
  return attrs;
}

/** The label elements of each control in one document or shadow root, in tree order. */
function labelIndex(root: Document | ShadowRoot): Map<Element, Element[]> {
  const index = new Map<Element, Element[]>();
  const labels = root.querySelectorAll('label');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const control = label.control;
    if (!control) continue;
    const list = index.get(control);
    if (list) list.push(label);
    else index.set(control, [label]);
  }
  return index;
}

/**
 * Labels of controls, by their root, built when first asked for in an observation
 * (one pass over the labels instead of `el.labels`, which walks the whole document
 * for every control once the DOM has changed).
 */
class Labels {
  private byRoot = new Map<Node, Map<Element, Element[]>>();
  readonly of = (el: Element): Element[] | undefined => {
    const root = el.getRootNode();
    let index = this.byRoot.get(root);
    if (!index) {
      index = root.nodeType === Node.DOCUMENT_NODE || root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? labelIndex(root as Document | ShadowRoot) : new Map<Element, Element[]>();
      this.byRoot.set(root, index);
    }
    return index.get(el);
  };
}

function readStable(el: Element, labelledBy: Set<string>, labels: Labels): Stable {
  const tag = el.localName;
  const attr = attrReader(el);
  const options = tag === 'select' ? optionLabels(el as HTMLSelectElement) : null;
  let live = NO_VALUE;
  if (tag === 'input') {
    const type = (el as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') live = CHECKABLE;
    else if (type !== 'submit' && type !== 'button') live = FIELD;
  } else if (tag === 'textarea') live = FIELD;
  else if (options) live = SELECT;
  else if ((el as HTMLElement).isContentEditable) live = EDITABLE;
  const text = contentText(el, 200);
  const ids = attr('aria-labelledby');
  if (ids) for (const id of ids.split(/\s+/)) if (id) labelledBy.add(id);
  return {
    gen: 0,
    tag,
    role: implicitRole(el, attr, tag),
    name: accessibleName(el, { attr, tag, text, labels: labels.of }),
    text,
    attrs: attrsOf(attr, options),
    disabled: isDisabled(el, attr, tag),
    live,
    options,
    field: live === NO_VALUE || live === CHECKABLE ? null : { tag, type: attr('type'), autocomplete: attr('autocomplete'), name: attr('name'), id: attr('id') },
    editableAttr: attr('contenteditable') !== null,
  };
}

function liveValue(el: Element, s: Stable): string | undefined {
  let value: string;
  switch (s.live) {
    case FIELD:
      value = (el as HTMLInputElement).value;
      break;
    case SELECT: {
      const select = el as HTMLSelectElement;
      const labels = s.options!;
      if (select.multiple) {
        const picked: string[] = [];
        const opts = select.options;
        for (let i = 0; i < opts.length; i++) if (opts[i]!.selected) picked.push(labels[i] ?? opts[i]!.label);
        value = picked.join(', ');
      } else {
        const i = select.selectedIndex;
        value = i < 0 ? '' : (labels[i] ?? select.options[i]?.label ?? '');
      }
      break;
    }
    case EDITABLE:
      value = collapse(el.textContent, 500);
      break;
    default:
      return undefined;
  }
  return redactValue(s.field!, collapse(value, 500));
}

export class DescriptionCache {
  private readonly stable = new WeakMap<Element, Stable>();
  /** Bumped to drop every description at once (the map itself is kept: rebuilding it costs more). */
  private gen = 0;
  /** Ids that cached names were taken from (aria-labelledby). */
  private labelledBy = new Set<string>();
  private watched = new WeakSet<Node>();
  /** Label lookups of the current observation. */
  private labels: Labels | null = null;
  private readonly observer = new MutationObserver((records) => this.apply(records));

  /** Starts reporting changes under `root` (idempotent); called for every root observed. */
  watch(root: Document | ShadowRoot): void {
    if (this.watched.has(root)) return;
    this.watched.add(root);
    this.observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  }

  /** Applies the changes not yet reported; call before reading descriptions. */
  sync(): void {
    this.labels = null;
    this.apply(this.observer.takeRecords());
  }

  /** The element's entry in an observation; `isNew` is set by the caller once known. */
  describe(el: Element, index: number, box: ObservedElement['box'], inViewport: boolean, context: ObservedElement['context']): ObservedElement {
    let s = this.stable.get(el);
    if (s === undefined || s.gen !== this.gen) {
      s = readStable(el, this.labelledBy, (this.labels ??= new Labels()));
      s.gen = this.gen;
      this.stable.set(el, s);
    }
    const value = liveValue(el, s);
    const attrs: Record<string, string> = s.live === CHECKABLE && (el as HTMLInputElement).checked ? { ...s.attrs, checked: '' } : { ...s.attrs };
    // A disclosure's summary is expanded or collapsed with its <details> (read live: the
    // `open` attribute changes on the parent, which no description of the summary follows).
    if (s.tag === 'summary' && attrs['aria-expanded'] === undefined && el.parentElement?.localName === 'details') attrs['aria-expanded'] = (el.parentElement as HTMLDetailsElement).open ? 'true' : 'false';
    const entry: ObservedElement = {
      index,
      tag: s.tag,
      role: s.role,
      name: s.name,
      attrs,
      text: value !== undefined && s.editableAttr ? '' : s.text.length > 100 ? s.text.slice(0, 100) : s.text,
      inViewport,
      disabled: s.disabled,
      isNew: false,
      box,
      context,
    };
    if (value !== undefined) entry.value = value;
    return entry;
  }

  /** Drops everything and stops watching until the next observation. */
  clear(): void {
    this.gen++;
    this.labelledBy = new Set();
    this.watched = new WeakSet();
    this.observer.disconnect();
  }

  private apply(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'attributes') {
        const name = r.attributeName ?? '';
        if (name === 'class' || name === 'style' || name.startsWith('data-')) continue;
        if (SCOPE_ATTRS.has(name)) return this.clear();
        if (name === 'disabled' && DISABLING_GROUPS.has((r.target as Element).localName)) return this.clear();
        if (!this.dropUp(r.target)) return this.clear();
      } else if (r.type === 'characterData') {
        if (!this.dropUp(r.target.parentNode, true)) return this.clear();
      } else {
        if (!this.forget(r.addedNodes) || !this.forget(r.removedNodes, false)) return this.clear();
        if (!this.dropUp(r.target)) return this.clear();
      }
    }
  }

  /**
   * Drops the descriptions of `node` and its ancestors; false when everything must go.
   * Inside a label, text changes name the label's control; other changes may change
   * which control it labels.
   */
  private dropUp(node: Node | null, text = false): boolean {
    const ids = this.labelledBy;
    for (let n = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      const el = n as Element;
      if (el.localName === 'label') {
        if (!text) return false;
        const control = (el as HTMLLabelElement).control;
        if (control) this.stable.delete(control);
      }
      if (ids.size !== 0 && el.id && ids.has(el.id)) return false;
      this.stable.delete(el);
    }
    return true;
  }

  /**
   * Forgets added (or checks removed) subtrees; false when they hold a label, a
   * legend or an aria-labelledby target, or are too big to go through.
   */
  private forget(nodes: NodeList, drop = true): boolean {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      const el = n as Element;
      const tag = el.localName;
      if (tag === 'label' || tag === 'legend') return false;
      if (this.labelledBy.size !== 0 && el.id && this.labelledBy.has(el.id)) return false;
      if (!el.firstElementChild) {
        if (drop) this.stable.delete(el);
        continue;
      }
      const all = el.getElementsByTagName('*');
      if (all.length > FORGET_LIMIT) return false;
      if (drop) this.stable.delete(el);
      for (let j = 0; j < all.length; j++) {
        const d = all[j]!;
        const t = d.localName;
        if (t === 'label' || t === 'legend') return false;
        if (this.labelledBy.size !== 0 && d.id && this.labelledBy.has(d.id)) return false;
        if (drop) this.stable.delete(d);
      }
    }
    return true;
  }
}
