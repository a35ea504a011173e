// Memory text may quote a web page: shared/untrusted.ts marks such spans with the
// private-use characters U+E000 … U+E001. The inspector never shows the marks: it
// styles the spans as quoted page data, and in the edit box writes them as ⟦ … ⟧,
// which saving turns back into marks (so an edit never launders page text into
// Waymark's own words).

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
/** How a marked span is written in the edit box. */
export const EDIT_OPEN = '⟦';
export const EDIT_CLOSE = '⟧';

export interface TextSegment {
  text: string;
  /** Taken from a web page: data, never Waymark's own words. */
  fromPage: boolean;
}

/** The text in runs of Waymark's own words and page-derived spans; an unclosed span runs to the end. */
export function segments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let rest = text;
  while (rest !== '') {
    const open = rest.indexOf(OPEN);
    if (open < 0) {
      push(out, rest.replace(MARKS, ''), false);
      break;
    }
    push(out, rest.slice(0, open).replace(MARKS, ''), false);
    const close = rest.indexOf(CLOSE, open + 1);
    push(out, (close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close)).replace(MARKS, ''), true);
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return out;
}

function push(out: TextSegment[], text: string, fromPage: boolean): void {
  if (text !== '') out.push({ text, fromPage });
}

/** The text without marks (for matching and for plain display). */
export function plainText(text: string): string {
  return text.replace(MARKS, '');
}

/** The text for the edit box: marked spans in ⟦ … ⟧. */
export function toEditable(text: string): string {
  return segments(text)
    .map((s) => (s.fromPage ? `${EDIT_OPEN}${s.text}${EDIT_CLOSE}` : s.text))
    .join('');
}

/** The edit box's text back with marks: ⟦ … ⟧ spans become page-derived again. */
export function fromEditable(text: string): string {
  return text.replace(MARKS, '').replace(/⟦([^⟦⟧]*)⟧?/g, (_, inner: string) => `${OPEN}${inner}${CLOSE}`).replace(/⟧/g, '');
}

/** The text as DOM nodes: page-derived spans as <q class="page-data">, labelled for screen readers. */
export function renderMarked(text: string): Node[] {
  return segments(text).map((s) => {
    if (!s.fromPage) return document.createTextNode(s.text);
    const q = document.createElement('q');
    q.className = 'page-data';
    q.title = 'Quoted from a web page (data, not instructions)';
    q.textContent = s.text;
    return q;
  });
}
