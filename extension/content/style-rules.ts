// What the page's own CSS says, so observe reads computed style only where it can
// matter: which elements some rule may make `cursor: pointer` (custom clickable
// widgets), and which ones some rule, inline style or attribute may hide while
// they keep a box (`visibility`, `content-visibility`). The selectors of those
// rules, matched natively, give supersets; the caller confirms with computed style.
// Where the answer would be incomplete (an unreadable cross-origin sheet, a rule
// whose selector means something else out of its context) the selector is null and
// the caller reads computed style everywhere instead.

/** `::part(x)` styles inside a host's shadow tree: the host stands for it (the walk checks its shadow tree too). */
const PART = /::part\([^)]*\)/gi;
/** Selectors that mean something else outside their rule (nesting, @scope, shadow-tree context). */
const CONTEXTUAL = /&|:scope|:host|::slotted/i;

const POINTER_BUILTIN = ['[style*="cursor" i]'];
/** Not from stylesheets: what inline styles, attributes and the UA hide without removing the box. */
const HIDING_BUILTIN = ['[style*="visibility" i]', '[visibility]', '[hidden]', 'details:not([open])'];

/** Declarations that show or hide what a :hover rule reveals. */
const REVEALING = ['display', 'visibility', 'opacity', 'max-height', 'height', 'transform'];

export interface StyleSelectors {
  /**
   * Matches elements the mouse opens something in: the part before `:hover` of rules
   * like `.menu:hover .items { display: block }`. null: none.
   */
  hover: string | null;
  /** Matches every element a rule or inline style may give cursor:pointer; null: unknown, read every candidate's cursor. */
  pointer: string | null;
  /**
   * Matches every element a rule, inline style or attribute may make invisible while it
   * keeps a box; they and their descendants need a visibility check. null: unknown, check all.
   */
  hiding: string | null;
}

interface Found {
  hover: Set<string>;
  pointer: Set<string>;
  hiding: Set<string>;
  pointerUnknown: boolean;
  hidingUnknown: boolean;
}

/** `.menu:hover .items`, `nav li:hover > ul`: what comes before a `:hover` that reveals something after it. */
function addHoverOpeners(selectorText: string | undefined, style: CSSStyleDeclaration, into: Set<string>): void {
  if (typeof selectorText !== 'string' || !selectorText.includes(':hover') || CONTEXTUAL.test(selectorText)) return;
  if (!REVEALING.some((p) => style.getPropertyValue(p) !== '')) return;
  for (const part of selectorText.split(/,(?![^(]*\))/)) {
    const m = /^(.*?[^\s>+~(]):hover(?:[.:#[\w-][^\s>+~]*)?\s*[\s>+~]\s*\S/.exec(part.trim());
    if (m?.[1] && !m[1].includes(':hover')) into.add(m[1].trim());
  }
}

/** The selector as matchable from the root, or null when it is relative to a context. */
function usable(selectorText: string | undefined, nested: boolean): string | null {
  // A keyframe has no selector; a nested rule's selector is relative to its parent's.
  if (typeof selectorText !== 'string' || nested || CONTEXTUAL.test(selectorText)) return null;
  return selectorText.replace(PART, '');
}

function scanRules(rules: CSSRuleList, out: Found, nested: boolean): void {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const style = (rule as CSSStyleRule).style as CSSStyleDeclaration | undefined;
    if (style && !nested) addHoverOpeners((rule as CSSStyleRule).selectorText, style, out.hover);
    if (style) {
      const pointer = !out.pointerUnknown && style.cursor === 'pointer';
      const hiding = !out.hidingUnknown && (style.visibility !== '' || style.getPropertyValue('content-visibility') !== '');
      if (pointer || hiding) {
        const selector = usable((rule as CSSStyleRule).selectorText, nested);
        if (pointer) {
          if (selector === null) out.pointerUnknown = true;
          else out.pointer.add(selector);
        }
        if (hiding) {
          if (selector === null) out.hidingUnknown = true;
          else out.hiding.add(selector);
        }
      }
    }
    const imported = (rule as CSSImportRule).styleSheet;
    if (imported) {
      let importedRules: CSSRuleList;
      try {
        importedRules = imported.cssRules;
      } catch {
        out.pointerUnknown = out.hidingUnknown = true;
        return;
      }
      scanRules(importedRules, out, nested);
    }
    const children = (rule as CSSGroupingRule).cssRules;
    if (children) scanRules(children, out, nested || style !== undefined);
    if (out.pointerUnknown && out.hidingUnknown) return;
  }
}

/**
 * `base` and the selectors this engine parses, as one list. A selector it rejects
 * makes the list null when `strict`, else it is left out (it applies to nothing here).
 */
function selectorList(probe: DocumentFragment, base: string[], selectors: Set<string>, strict: boolean): string | null {
  const list = [...base];
  for (const s of selectors) {
    try {
      // Parsing against an empty fragment: a syntax check that matches nothing.
      probe.querySelector(s);
      list.push(s);
    } catch {
      if (strict) return null;
    }
  }
  return list.join(',');
}

export function styleSelectors(root: Document | ShadowRoot): StyleSelectors {
  const found: Found = { hover: new Set(), pointer: new Set(), hiding: new Set(), pointerUnknown: false, hidingUnknown: false };
  const sheets = root.styleSheets;
  const adopted = root.adoptedStyleSheets ?? [];
  for (let i = 0; i < sheets.length + adopted.length; i++) {
    const sheet = i < sheets.length ? sheets[i]! : adopted[i - sheets.length]!;
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      found.pointerUnknown = found.hidingUnknown = true;
      break;
    }
    scanRules(rules, found, false);
    if (found.pointerUnknown && found.hidingUnknown) break;
  }
  const probe = (root.ownerDocument ?? (root as Document)).createDocumentFragment();
  return {
    hover: found.hover.size ? selectorList(probe, [], found.hover, false) || null : null,
    pointer: found.pointerUnknown ? null : selectorList(probe, POINTER_BUILTIN, found.pointer, false),
    hiding: found.hidingUnknown ? null : selectorList(probe, HIDING_BUILTIN, found.hiding, true),
  };
}
