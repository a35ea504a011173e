// The secrets of one run: values typed into a password, payment-card or one-time-code
// field (or one the user marked sensitive), and values the task itself gives as a
// password, PIN or card number. Every text the run keeps — its task, its steps, its
// outcome, what the coach saves of it — has each secret replaced by a mark before it
// is stored. The marks are numbered per run ("[redacted]", "[redacted 2]"), so a task
// and its steps still agree on which value went where: a workflow learned from them
// has a variable where the secret was, and a new task brings its own value.
import { REDACTED } from './redact';
import { extractValues } from './task-values';

/** Words that, just before a value in a task, say the value is a secret. */
const SECRET_WORDS = /\b(?:password|passphrase|passcode|pin\s+(?:code|number)|cvv|cvc|csc|security\s+code|card\s+(?:number|no\.?)|credit\s+card|one[-\s]time\s+(?:code|password)|otp|verification\s+code|2fa\s+code|auth(?:entication)?\s+code|api\s+key|access\s+token)(?:\s+(?:is|was|of))?\s*[:=]?\s*$/i;
/** "PIN" in capitals (the verb "pin" is no secret word). */
const PIN = /\bPIN(?:\s+(?:is|was|of))?\s*[:=]?\s*$/;

/** A mark a secret was replaced by: "[redacted]", "[redacted 2]"… */
const MARK = String.raw`\[redacted(?: (\d+))?\]`;

/** Whether `text` is a mark a secret was replaced by. */
export function isRedactionMark(text: string): boolean {
  return new RegExp(`^${MARK}$`).test(text.trim());
}

/** Whether `text` has a mark a secret was replaced by somewhere in it. */
export function hasRedactionMark(text: string): boolean {
  return new RegExp(MARK).test(text);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class RunSecrets {
  private readonly values: string[] = [];
  private pattern: RegExp | null = null;

  constructor(initial: Iterable<string> = []) {
    for (const v of initial) this.add(v);
  }

  /** Adds a secret; true when it is new. Blank values are not secrets. */
  add(value: string): boolean {
    const v = value.trim();
    if (!v || isRedactionMark(v) || this.values.includes(v)) return false;
    this.values.push(v);
    // Longest first, so a secret inside another is not replaced first.
    const ordered = [...this.values].sort((a, b) => b.length - a.length);
    // A short secret (a PIN) only where it stands alone, not inside other words or numbers.
    this.pattern = new RegExp(ordered.map((s) => (s.length < 6 ? `(?<![\\p{L}\\p{N}])${escapeRegex(s)}(?![\\p{L}\\p{N}])` : escapeRegex(s))).join('|'), 'gu');
    return true;
  }

  get size(): number {
    return this.values.length;
  }

  /** The mark that stands for a secret: the same one wherever that secret was. */
  markOf(value: string): string {
    const i = this.values.indexOf(value.trim());
    return i <= 0 ? REDACTED : `[redacted ${i + 1}]`;
  }

  redact(text: string): string {
    if (!this.pattern || !text) return text;
    return text.replace(this.pattern, (m) => this.markOf(m));
  }

  /** The secrets, in the order their marks are numbered. */
  list(): string[] {
    return [...this.values];
  }

  /** Puts each mark of `text` back to the secret it stands for (marks of no known secret stay). */
  reveal(text: string): string {
    return text.replace(new RegExp(MARK, 'g'), (mark, n: string | undefined) => this.values[n ? Number(n) - 1 : 0] ?? mark);
  }

  /** A copy of a JSON-like value with every string redacted. */
  redactDeep<T>(value: T): T {
    if (!this.pattern) return value;
    return walk(value, (s) => this.redact(s)) as T;
  }
}

function walk(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, f));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, f);
    return out;
  }
  return value;
}

/**
 * The values a task gives as secrets: the value right after "password", "PIN", "card
 * number", "one-time code"… ("sign in as ada with the password "hunter2""), and an
 * unquoted word right after "password" that mixes letters with digits or signs
 * ("password s3cret!").
 */
export function secretsInTask(task: string): string[] {
  const out = extractValues(task)
    .filter((v) => {
      const before = task.slice(Math.max(0, v.start - 40), v.start);
      return SECRET_WORDS.test(before) || PIN.test(before);
    })
    .map((v) => v.text);
  for (const m of task.matchAll(/\b(?:password|passcode|passphrase)\s*(?:is|:|=)?\s+([^\s"“'‘,;]{4,})/gi)) {
    // Sentence marks after it, and a closing bracket the word did not open, are not part of it.
    const word = m[1]!.replace(/[.!?:]+$/, '').replace(/^([^(]*)\)+$/, '$1');
    if (/\d|[^\p{L}]/u.test(word) && !out.includes(word)) out.push(word);
  }
  return out;
}
