// Finding elements styled `cursor: pointer` (custom clickable widgets) without
// reading every element's computed style: the page's own CSS rules say which
// selectors set it, and native selector matching finds them. Where a stylesheet
// cannot be read (cross-origin), the caller falls back to computed style.

// State pseudo-classes and pseudo-elements never match in querySelectorAll as meant here.
const STATE_PSEUDO = /::?(hover|focus|focus-visible|focus-within|active|visited|before|after|first-line|first-letter|placeholder|selection|marker)\b(\([^)]*\))?/gi;

function collectSelectors(rules: CSSRuleList, out: Set<string>): void {
  for (const rule of Array.from(rules)) {
    const style = (rule as CSSStyleRule).style;
    if (style && style.cursor === 'pointer') {
      for (const part of (rule as CSSStyleRule).selectorText.split(',')) {
        const s = part.replace(STATE_PSEUDO, '').trim();
        out.add(s === '' || /[>+~]$/.test(s) ? '*' : s);
      }
    }
    const nested = (rule as CSSGroupingRule).cssRules;
    if (nested) collectSelectors(nested, out);
  }
}

/**
 * Elements under `root` that some CSS rule (or inline style) gives cursor:pointer,
 * or null when a stylesheet is unreadable and the answer would be incomplete.
 * Rules behind media queries are included; callers confirm with computed style.
 */
export function pointerCandidates(root: Document | ShadowRoot): Set<Element> | null {
  const selectors = new Set<string>();
  const sheets = [...Array.from(root.styleSheets), ...(root.adoptedStyleSheets ?? [])];
  for (const sheet of sheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      return null;
    }
    collectSelectors(rules, selectors);
  }
  if (selectors.has('*')) return null;
  const found = new Set<Element>();
  const add = (list: NodeListOf<Element>) => {
    for (const el of Array.from(list)) found.add(el);
  };
  add(root.querySelectorAll('[style*="cursor"]'));
  if (selectors.size === 0) return found;
  try {
    add(root.querySelectorAll([...selectors].join(',')));
  } catch {
    // One selector the engine rejects spoils the list: match them one by one.
    for (const s of selectors) {
      try {
        add(root.querySelectorAll(s));
      } catch {
        /* a selector this engine does not support matches nothing here */
      }
    }
  }
  return found;
}

