// Prompt size without a tokenizer. Small local models have 4k-token contexts and
// no tokenizer ships with every provider, so the estimate errs high, not low.

/** ASCII characters per token: English prose averages about 4, markup, URLs and numbers about 3. */
const ASCII_CHARS_PER_TOKEN = 3.5;

/**
 * Tokens a BPE tokenizer of a small chat model (Llama 3, Qwen 2.5, Phi 3) needs
 * for `text`, erring high:
 * - ASCII: one token per 3.5 characters;
 * - every other UTF-16 unit: one token (CJK is about one per character; accented
 *   Latin and Cyrillic need fewer, so they are overcounted);
 * - never fewer than one token per whitespace-separated word.
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) ascii++;
    else other++;
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return Math.max(Math.ceil(ascii / ASCII_CHARS_PER_TOKEN + other), words);
}

/** Tokens of parts joined by newlines, erring high (one token per join). */
export function tokensOfLines(parts: readonly string[]): number {
  return parts.reduce((sum, p) => sum + estimateTokens(p) + 1, 0);
}

const ELLIPSIS = '…';

/**
 * The longest prefix of `text` (ending in `…` when cut) whose estimate is at most
 * `maxTokens`, cut at a word boundary when one is near.
 */
export function truncateToTokens(text: string, maxTokens: number): { text: string; cutChars: number } {
  if (estimateTokens(text) <= maxTokens) return { text, cutChars: 0 };
  if (maxTokens <= 0) return { text: '', cutChars: text.length };
  // The estimate grows with the prefix length, so a binary search finds the cut.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid) + ELLIPSIS) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  let end = lo;
  const space = text.lastIndexOf(' ', end);
  if (space > 0 && end - space < 20) end = space;
  // Never split a surrogate pair (an emoji, a rare CJK character).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const kept = end === 0 ? '' : text.slice(0, end).trimEnd() + ELLIPSIS;
  return { text: kept, cutChars: text.length - end };
}
