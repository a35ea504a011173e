// A JSON reader for model replies: reads one value from a position in a longer
// text, says where it ended, tells a cut-off value (the reply hit the token limit)
// from a malformed one, and accepts the few slips small models make whose meaning
// is still certain. Each accepted slip is reported, so callers can name the repair.

export type Relaxation =
  | 'single-quoted strings'
  | 'trailing commas'
  | 'comments'
  | 'unquoted keys'
  | 'Python literals (True/False/None)'
  | 'raw line breaks inside strings';

export type JsonRead =
  | { ok: true; value: unknown; end: number; relaxations: Relaxation[] }
  | { ok: false; truncated: boolean; error: string; at: number };

class ReadError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const LITERALS: [string, unknown, boolean][] = [
  ['true', true, false],
  ['false', false, false],
  ['null', null, false],
  ['True', true, true],
  ['False', false, true],
  ['None', null, true],
];
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function show(c: string | undefined): string {
  return c === undefined ? 'the end' : JSON.stringify(c);
}

/** Reads one JSON value starting at `start` (after optional whitespace). */
export function readJsonValue(text: string, start = 0): JsonRead {
  let i = start;
  const used = new Set<Relaxation>();
  const cutOff = () => new ReadError('the JSON is cut off', text.length, true);
  const unexpected = (expected: string) => new ReadError(`expected ${expected}, found ${show(text[i])}`, i, false);

  function space(): void {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') i++;
      else if (c === '/' && text[i + 1] === '/') {
        used.add('comments');
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length : nl;
      } else if (c === '/' && text[i + 1] === '*') {
        used.add('comments');
        const close = text.indexOf('*/', i + 2);
        if (close < 0) throw cutOff();
        i = close + 2;
      } else return;
    }
  }

  function string(): string {
    const quote = text[i]!;
    if (quote === "'") used.add('single-quoted strings');
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) throw cutOff();
      const c = text[i]!;
      if (c === quote) {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) throw cutOff();
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            if (i + 6 > text.length && /^[0-9a-fA-F]*$/.test(hex)) throw cutOff();
            throw new ReadError('invalid \\u escape', i, false);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          continue;
        }
        const decoded = ESCAPES[e];
        if (decoded === undefined) throw new ReadError(`invalid escape \\${e}`, i, false);
        out += decoded;
        i += 2;
        continue;
      }
      if (c < ' ') {
        if (c !== '\n' && c !== '\r' && c !== '\t') throw new ReadError('control character inside a string', i, false);
        used.add('raw line breaks inside strings');
      }
      out += c;
      i++;
    }
  }

  function key(): string {
    const c = text[i];
    if (c === '"' || c === "'") return string();
    IDENTIFIER.lastIndex = i;
    const m = IDENTIFIER.exec(text);
    if (!m) throw unexpected('a key');
    used.add('unquoted keys');
    i += m[0].length;
    return m[0];
  }

  function object(depth: number): Record<string, unknown> {
    i++; // {
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    space();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      space();
      if (i >= text.length) throw cutOff();
      if (text[i] === '}') {
        used.add('trailing commas');
        i++;
        return out;
      }
      const keyAt = i;
      const k = key();
      // Which of two values the model meant is a guess; JSON.parse would keep the last.
      if (seen.has(k)) throw new ReadError(`duplicate key ${JSON.stringify(k)}`, keyAt, false);
      seen.add(k);
      space();
      if (i >= text.length) throw cutOff();
      if (text[i] !== ':') throw unexpected(`":" after the key ${JSON.stringify(k)}`);
      i++;
      // defineProperty: a "__proto__" key stays a plain property, as with JSON.parse.
      Object.defineProperty(out, k, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      space();
      if (i >= text.length) throw cutOff();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return out;
      } else throw unexpected(`"," or "}" after the value of ${JSON.stringify(k)}`);
    }
  }

  function array(depth: number): unknown[] {
    i++; // [
    const out: unknown[] = [];
    space();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      space();
      if (i >= text.length) throw cutOff();
      if (text[i] === ']') {
        used.add('trailing commas');
        i++;
        return out;
      }
      out.push(value(depth + 1));
      space();
      if (i >= text.length) throw cutOff();
      if (text[i] === ',') i++;
      else if (text[i] === ']') {
        i++;
        return out;
      } else throw unexpected('"," or "]" in a list');
    }
  }

  function value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new ReadError('nested too deeply', i, false);
    space();
    const c = text[i];
    if (c === undefined) throw cutOff();
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"' || c === "'") return string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) throw i + 1 >= text.length ? cutOff() : unexpected('a number');
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, literal, python] of LITERALS) {
      if (text.startsWith(word, i)) {
        if (python) used.add('Python literals (True/False/None)');
        i += word.length;
        return literal;
      }
      if (i + word.length > text.length && word.startsWith(text.slice(i))) throw cutOff();
    }
    throw unexpected('a value');
  }

  try {
    const v = value(0);
    return { ok: true, value: v, end: i, relaxations: [...used] };
  } catch (e) {
    if (e instanceof ReadError) return { ok: false, truncated: e.truncated, error: e.message, at: e.at };
    throw e;
  }
}

/** The whole of `text` (surrounding whitespace allowed) as one JSON value, or undefined. */
export function readWholeJson(text: string): (JsonRead & { ok: true }) | undefined {
  const r = readJsonValue(text, 0);
  if (!r.ok || text.slice(r.end).trim() !== '') return undefined;
  return r;
}

/** 1-based line and column of an offset, for error messages. */
export function lineAndColumn(text: string, at: number): string {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return `line ${line}, column ${at - before.lastIndexOf('\n')}`;
}
