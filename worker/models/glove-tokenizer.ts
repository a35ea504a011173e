// Tokenizer for the bundled GloVe sentence embedder. GloVe 6B was trained on
// lowercased, PTB-tokenized news and Wikipedia text ("do n't", "e-mail", "u.s.");
// the wink package keeps its alphabetic, hyphenated and alphanumeric words and drops
// numbers and one-letter words. Web tasks add URLs, paths and identifiers
// (`github.com/login`, `firstName`, `sign_in`), so every chunk of text is looked up
// whole first and only split further when the whole is not a word: at separators,
// then at edge punctuation, contractions, dots and hyphens, camelCase and
// letter/digit boundaries, and last into two known words (`logout` → log out).
// Whole numbers up to twenty become words ("2 people" ~ "two people").
// Only vocabulary words come out; punctuation and unknown pieces are dropped.
// The generator keeps exactly the words this tokenizer can emit (see `emits`).

const SMALL_NUMBERS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];

/** PTB splits "can't" as "ca n't"; these stems mean something else on their own. */
const CONTRACTION_STEMS: Record<string, string> = { ca: 'can', wo: 'will', sha: 'shall' };
/** What a contraction's suffix stands for; "'s" (is / has / possessive) says nothing useful. */
const CONTRACTION_SUFFIXES: Record<string, string | undefined> = {
  "n't": 'not', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am', "'s": undefined,
};

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
/** Everything but letters, digits and the in-word marks ' . - separates words (URLs, paths, snake_case). */
const SEPARATORS = /[^\p{L}\p{N}'.-]+/u;
const EDGE_MARKS = /^['.-]+|['.-]+$/g;
const CONTRACTION = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/i;
const IN_WORD_MARKS = /['.-]+/;
/** camelCase, ALLCapsWord and letter/digit boundaries: firstName, XMLHttp, abc123, 7pm. */
const CASE_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const SMALL_NUMBER = /^(?:0|[1-9]\d?)$/;
/** A number as a whole: 3, 3.5, 15,000, $15,000.00, 20%. */
const NUMBER = /^[$€£¥]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/;
const MIN_COMPOUND_PART = 2;
const SLICE_CHARS = 16_384;

/** The first whitespace at or after `from` (or the end), so no word is cut in two. */
function nextBreak(text: string, from: number): number {
  if (from >= text.length) return text.length;
  const rest = /\s/.exec(text.slice(from, from + 4096));
  // A "word" over 4k characters long is no word: cut it anywhere.
  return rest ? from + rest.index : Math.min(text.length, from + 4096);
}

export class GloveTokenizer {
  /** Token id of each word: its index in `words` + 1 (0 is padding). */
  private readonly ids = new Map<string, number>();
  /** No run of letters longer than two words can be a compound of two words. */
  private readonly longestCompound: number;

  constructor(readonly words: readonly string[]) {
    words.forEach((w, i) => this.ids.set(w, i + 1));
    this.longestCompound = 2 * words.reduce((m, w) => Math.max(m, w.length), 0);
  }

  /** Number of token ids including padding id 0. */
  get idCount(): number {
    return this.words.length + 1;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  /**
   * Vocabulary words of the text, in order; unknown pieces and punctuation are left out.
   * Stops after `maxTokens` words, so a huge text costs no more than its start.
   */
  tokenize(text: string, maxTokens = Number.POSITIVE_INFINITY): string[] {
    const out: string[] = [];
    let start = 0;
    while (start < text.length && out.length < maxTokens) {
      // A slice at a time: normalising a multi-megabyte page text at once is wasted work.
      const end = nextBreak(text, start + SLICE_CHARS);
      // NFKD + dropping combining marks: "café" → "cafe", full-width forms → ASCII.
      const normal = text.slice(start, end).normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[‘’‛´`]/g, "'");
      for (const chunk of normal.split(/\s+/)) {
        if (out.length >= maxTokens) break;
        if (chunk) this.splitChunk(chunk, out);
      }
      start = end;
    }
    return out.length > maxTokens ? out.slice(0, maxTokens) : out;
  }

  /** Token ids of the text (no padding), at most `maxTokens`. */
  encode(text: string, maxTokens?: number): number[] {
    return this.tokenize(text, maxTokens).map((w) => this.ids.get(w)!);
  }

  /** Whether the tokenizer turns this vocabulary word into itself, unchanged and whole. */
  emits(word: string): boolean {
    const t = this.tokenize(word);
    return t.length === 1 && t[0] === word;
  }

  private splitChunk(chunk: string, out: string[]): void {
    if (!HAS_WORD_CHAR.test(chunk)) return;
    const lower = chunk.toLowerCase();
    if (this.ids.has(lower)) {
      out.push(lower);
      return;
    }
    // Before separators split "15,000" into 15 and 000.
    if (NUMBER.test(chunk)) return this.number(chunk, out);
    if (SEPARATORS.test(chunk)) return this.splitAll(chunk.split(SEPARATORS), out);
    const trimmed = chunk.replace(EDGE_MARKS, '');
    if (trimmed !== chunk) return this.splitChunk(trimmed, out);
    const contraction = CONTRACTION.exec(chunk);
    if (contraction) {
      const stem = contraction[1]!;
      this.splitChunk(CONTRACTION_STEMS[stem.toLowerCase()] ?? stem, out);
      const meaning = CONTRACTION_SUFFIXES[contraction[2]!.toLowerCase()];
      if (meaning && this.ids.has(meaning)) out.push(meaning);
      return;
    }
    if (IN_WORD_MARKS.test(chunk)) return this.splitAll(chunk.split(IN_WORD_MARKS), out);
    const pieces = chunk.split(CASE_BOUNDARY);
    if (pieces.length > 1) return this.splitAll(pieces, out);
    const compound = this.splitCompound(lower);
    if (compound) out.push(...compound);
  }

  /** GloVe's numbers did not survive into the package: small whole numbers become words, others go. */
  private number(chunk: string, out: string[]): void {
    const digits = chunk.replace(/[$€£¥%]/g, '');
    if (!SMALL_NUMBER.test(digits)) return;
    const word = SMALL_NUMBERS[Number(digits)];
    if (word && this.ids.has(word)) out.push(word);
  }

  private splitAll(pieces: string[], out: string[]): void {
    for (const p of pieces) if (p) this.splitChunk(p, out);
  }

  /**
   * An unknown run of letters made of two known words (logout, signin, dropdown,
   * wishlists): the split whose shorter part is longest, then the more frequent pair.
   */
  private splitCompound(word: string): [string, string] | undefined {
    if (word.length < 2 * MIN_COMPOUND_PART || word.length > this.longestCompound || !/^\p{L}+$/u.test(word)) return undefined;
    let best: [string, string] | undefined;
    let bestShorter = 0;
    let bestRanks = Infinity;
    for (let i = MIN_COMPOUND_PART; i <= word.length - MIN_COMPOUND_PART; i++) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      const a = this.ids.get(left);
      const b = this.ids.get(right);
      if (a === undefined || b === undefined) continue;
      const shorter = Math.min(left.length, right.length);
      if (shorter > bestShorter || (shorter === bestShorter && a + b < bestRanks)) {
        best = [left, right];
        bestShorter = shorter;
        bestRanks = a + b;
      }
    }
    return best;
  }
}
