// Where the mouse is, as pages see it. Synthetic events reach a page's mouseenter and
// pointerover handlers, but no script can make the browser's CSS :hover match, so menus
// that open with `.menu:hover .dropdown { display: block }` would stay shut. The page's
// own :hover rules are therefore mirrored once with `:hover` read as
// `[data-waymark-hover]`, and the element under the (virtual) mouse and its ancestors
// carry that attribute: the page looks as it does under a real mouse. A hover moves
// the mouse; so does a click (the mouse is where it clicked). Stylesheets the page
// cannot read (cross-origin without CORS) are left out.

const ATTR = 'data-waymark-hover';
const STYLE_ID = 'waymark-hover-rules';

let hovered: Element[] = [];
/** How many rules the mirror was made from, per root, to rebuild it when the page's CSS changes. */
const mirrored = new WeakMap<Document | ShadowRoot, number>();

function* styleRules(rules: CSSRuleList): Generator<CSSStyleRule, void, undefined> {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (rule instanceof CSSStyleRule) yield rule;
    else if ('cssRules' in rule) yield* styleRules((rule as CSSGroupingRule).cssRules);
  }
}

/** The page's :hover rules with `:hover` read as the attribute, as text for one <style>. */
function mirrorOf(sheets: Iterable<CSSStyleSheet>): { css: string } {
  let css = '';
  for (const sheet of sheets) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // cross-origin: not readable
    }
    for (const rule of styleRules(rules)) {
      if (!rule.selectorText.includes(':hover')) continue;
      css += `${rule.selectorText.replaceAll(':hover', `[${ATTR}]`)} { ${rule.style.cssText} }\n`;
    }
  }
  return { css };
}

function ruleCount(sheets: readonly CSSStyleSheet[]): number {
  let n = 0;
  for (const sheet of sheets) {
    try {
      n += sheet.cssRules.length;
    } catch {
      // cross-origin: not readable
    }
  }
  return n;
}

function ensureMirror(root: Document | ShadowRoot): void {
  const sheets = [...Array.from(root.styleSheets), ...(root.adoptedStyleSheets ?? [])].filter((s) => (s.ownerNode as Element | null)?.id !== STYLE_ID);
  // Rebuilt only when the page's rules changed (counted, not read, on every move).
  const count = ruleCount(sheets);
  if (mirrored.get(root) === count) return;
  mirrored.set(root, count);
  const { css } = mirrorOf(sheets);
  let style = root.getElementById?.(STYLE_ID) ?? null;
  if (!css) {
    style?.remove();
    return;
  }
  if (!style) {
    const doc = root instanceof Document ? root : root.ownerDocument;
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (root instanceof Document ? (root.head ?? root.documentElement) : root).append(style);
  }
  if (style.textContent !== css) style.textContent = css;
}

/** The element and every ancestor, across shadow roots, as :hover would match them. */
function chain(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Element | null = el; n; n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null)) out.push(n);
  return out;
}

/** Moves the virtual mouse onto `el`: its :hover styles apply, those of where it was no longer do. */
export function moveMouseTo(el: Element): void {
  const next = chain(el);
  const keep = new Set(next);
  for (const old of hovered) if (!keep.has(old)) old.removeAttribute(ATTR);
  for (const n of next) {
    ensureMirror(n.getRootNode() as Document | ShadowRoot);
    if (!n.hasAttribute(ATTR)) n.setAttribute(ATTR, '');
  }
  hovered = next;
}
