// Page content is data, never instructions (DESIGN.md). Every page-derived string
// reaches a prompt inside a fence whose tags carry a per-prompt nonce: a page never
// sees the nonce, so it cannot close the block early, and anything in it that looks
// like our fence or a chat-template control token is defused.

export const UNTRUSTED_TAG = 'untrusted_page_content';

// Private-use characters that mark page-derived spans inside Waymark's own text
// (hook advice, memory items) until the prompt builder wraps them with its nonce.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;

const NONCE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const NONCE_LENGTH = 10; // about 52 bits

/** A uniform random number in [0, 1) from the platform's CSPRNG. */
export function cryptoRandom(): number {
  const word = new Uint32Array(1);
  globalThis.crypto.getRandomValues(word);
  return (word[0] ?? 0) / 2 ** 32;
}

/** A fence nonce such as `k3f9x0q2m7`. `random` must return numbers in [0, 1). */
export function newNonce(random: () => number = cryptoRandom): string {
  let nonce = '';
  for (let i = 0; i < NONCE_LENGTH; i++) {
    nonce += NONCE_ALPHABET[Math.floor(random() * NONCE_ALPHABET.length) % NONCE_ALPHABET.length];
  }
  return nonce;
}

/**
 * Text made safe to place in a prompt: tags that look like our fence lose their
 * `<`, and chat-template control tokens are split so a tokenizer cannot read them
 * as special tokens (`<|im_start|>` of Qwen and Phi, `<|eot_id|>` of Llama 3,
 * `<start_of_turn>` of Gemma, `[INST]` and `</s>` of Mistral and Llama 2,
 * `<｜…｜>` of DeepSeek).
 */
function defuse(text: string): string {
  return text
    .replace(/<(\s*\/?\s*untrusted)/gi, '&lt;$1')
    .replace(/<([|｜])/g, '< $1')
    .replace(/<(\/?)(s|start_of_turn|end_of_turn)>/gi, '< $1$2>')
    .replace(/\[(\/?)INST\]/gi, '[ $1INST]');
}

/** Page-derived text for a line inside a fence the caller writes itself. */
export function defusePageText(text: string): string {
  return defuse(text.replace(MARKS, ''));
}

/** The fence tags for one prompt. */
export function fenceTags(nonce: string): { open: string; close: string } {
  return { open: `<${UNTRUSTED_TAG} id="${nonce}">`, close: `</${UNTRUSTED_TAG} id="${nonce}">` };
}

/**
 * Page-derived `text` inside the prompt's fence. Short single-line text stays on
 * one line; anything longer gets the tags on lines of their own.
 */
export function wrapUntrusted(text: string, nonce: string): string {
  const { open, close } = fenceTags(nonce);
  const body = defusePageText(text);
  return body.length <= 80 && !body.includes('\n') ? `${open}${body}${close}` : `${open}\n${body}\n${close}`;
}

/**
 * Marks page-derived `text` quoted inside Waymark's own text (advice, memory
 * items): the prompt builder wraps the span as untrusted. Hooks use this because
 * they cannot know the prompt's nonce.
 */
export function markUntrusted(text: string): string {
  return MARK_OPEN + text.replace(MARKS, '') + MARK_CLOSE;
}

/**
 * Waymark's own text (task, notes, advice, the agent's earlier output) ready for
 * the prompt: defused, with spans marked by `markUntrusted` wrapped as untrusted.
 * An unclosed mark runs to the end of the text; a stray closing mark is dropped.
 */
export function renderOwnText(text: string, nonce: string): string {
  let out = '';
  let rest = text;
  for (;;) {
    const open = rest.indexOf(MARK_OPEN);
    if (open < 0) return out + defuse(rest.replace(MARKS, ''));
    out += defuse(rest.slice(0, open).replace(MARKS, ''));
    const close = rest.indexOf(MARK_CLOSE, open + 1);
    const quoted = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close);
    out += wrapUntrusted(quoted, nonce);
    if (close < 0) return out;
    rest = rest.slice(close + 1);
  }
}

/**
 * The prompt text outside its fences (tags with its nonce); throws on a fence that is
 * not well formed (a close before its open, nesting), which would be a builder bug.
 */
export function outsideFences(text: string, nonce: string): string {
  const { open, close } = fenceTags(nonce);
  let out = '';
  let rest = text;
  for (;;) {
    const o = rest.indexOf(open);
    const c = rest.indexOf(close);
    if (o < 0) {
      if (c >= 0) throw new Error('a closing fence without an opening one');
      return out + rest;
    }
    if (c < o) throw new Error('a closing fence before its opening one');
    const inner = rest.slice(o + open.length, c);
    if (inner.includes(open)) throw new Error('nested fences');
    out += `${rest.slice(0, o)}\n`;
    rest = rest.slice(c + close.length);
  }
}

/** How many times `phrase` (any case, any spacing) appears outside the prompt's fences: page text that escaped. */
export function countOutsideFence(prompt: string, nonce: string, phrase: string): number {
  const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  const text = squash(outsideFences(prompt, nonce));
  const p = squash(phrase);
  let count = 0;
  for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + p.length)) count++;
  return count;
}

/** Waymark's own text without its marked page-derived spans: what it says in its own voice. */
export function ownWords(text: string): string {
  return text.replace(/\uE000[^\uE001]*(?:\uE001|$)/g, ' ');
}
