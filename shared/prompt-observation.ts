// The current page for the prompt, truncated to a token allowance: elements in the
// viewport first, then the rest of the page, then the page text.
import { type Observation, type ObservedElement, renderElement } from './observation';
import { estimateTokens, tokensOfLines, truncateToTokens } from './tokens';
import { defusePageText, fenceTags, wrapUntrusted } from './untrusted';

/** Share of the allowance kept for page text even when elements could fill it all:
 * on a page of results the text is often where the answer is. */
const PAGE_TEXT_SHARE = 0.15;

export interface FittedObservation {
  text: string;
  tokens: number;
  elementsShown: number;
  elementsOmitted: number;
  pageTextCutChars: number;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An element on one line: page text with line breaks could otherwise forge element lines. */
function elementLine(e: ObservedElement): string {
  return defusePageText(renderElement(e).replace(/\s+/g, ' '));
}

function pageText(o: Observation): string {
  return o.text
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*\n+/g, '\n\n')
    .trim();
}

export function renderObservationWithin(o: Observation, allowance: number, nonce: string): FittedObservation {
  const { open, close } = fenceTags(nonce);
  const below = Math.max(0, o.scroll.pageHeight - o.scroll.y - o.scroll.viewportHeight);
  const head = [
    'Current page (element indices refer to this page only):',
    open,
    `URL: ${defusePageText(oneLine(o.url, 300))}`,
    `Title: ${defusePageText(oneLine(o.title, 150))}`,
    `Scroll: ${Math.round(o.scroll.y)}px from top, ${Math.round(below)}px more below`,
  ];
  const inView = o.elements.filter((e) => e.inViewport);
  const outside = o.elements.filter((e) => !e.inViewport);
  const text = pageText(o);
  const textHead = 'Page text (excerpt):';
  // Fixed costs: head, section labels, the closing fence, the omission line and the text section's frame.
  const fixed =
    tokensOfLines(head) +
    tokensOfLines(['Interactive elements in view:', 'Outside the view (scroll to reach):', close]) +
    12 +
    (text ? tokensOfLines([textHead]) + 2 * estimateTokens(open) + 4 : 0);
  const textTokens = text ? estimateTokens(text) : 0;
  let room = allowance - fixed - Math.min(textTokens, Math.floor(allowance * PAGE_TEXT_SHARE));

  const body: string[] = [];
  let shown = 0;
  /** Adds the elements that fit under their label (the label only if one fits); false once one did not. */
  const take = (label: string, elements: ObservedElement[]): boolean => {
    const lines: string[] = [];
    let full = false;
    for (const e of elements) {
      const line = elementLine(e);
      const cost = estimateTokens(line) + 1;
      if (cost > room) {
        full = true;
        break;
      }
      room -= cost;
      lines.push(line);
    }
    if (lines.length > 0) body.push(label, ...lines);
    shown += lines.length;
    return !full;
  };
  if (take('Interactive elements in view:', inView)) take('Outside the view (scroll to reach):', outside);
  if (o.elements.length === 0) body.push('(no interactive elements)');

  const omitted = o.elements.length - shown;
  const lines = [...head, ...body, close];
  if (omitted > 0) lines.push(`(${omitted} more elements not shown)`);
  let cut = 0;
  if (text) {
    const textRoom = allowance - tokensOfLines(lines) - tokensOfLines([textHead]) - 2 * estimateTokens(open) - 4;
    const fitted = truncateToTokens(text, Math.max(0, textRoom));
    cut = fitted.cutChars;
    if (fitted.text) lines.push(textHead, wrapUntrusted(fitted.text, nonce));
  }
  return {
    text: lines.join('\n'),
    tokens: tokensOfLines(lines),
    elementsShown: shown,
    elementsOmitted: omitted,
    pageTextCutChars: cut,
  };
}
