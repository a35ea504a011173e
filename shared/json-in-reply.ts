// Where the JSON is in a model's reply: the contents of ``` blocks and the prose
// around them, each either JSON as a whole or holding top-level objects. Objects
// that start like JSON but cannot be read are reported, so a cut-off or broken
// answer is never silently passed over for another one.
import { type Relaxation, lineAndColumn, readJsonValue, readWholeJson } from './relaxed-json';

/** A JSON value read from the reply, with where it was. */
export interface Candidate {
  value: unknown;
  start: number;
  end: number;
  /** The ``` block it was in, if any. */
  fence?: { start: number; end: number };
  relaxations: Relaxation[];
}

/** Something that starts like a JSON object but cannot be read: why. */
export interface Unreadable {
  error: string;
}

interface Region {
  start: number;
  end: number;
  fence?: { start: number; end: number };
}

/** Prose and the contents of ``` blocks (an unclosed block runs to the end). */
function regions(text: string): Region[] {
  const out: Region[] = [];
  const fence = /(```[\w-]*[^\S\n]*\n?)([\s\S]*?)(?:```|$)/g;
  let last = 0;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    out.push({ start: last, end: m.index });
    const contentStart = m.index + m[1]!.length;
    out.push({ start: contentStart, end: contentStart + m[2]!.length, fence: { start: m.index, end: m.index + m[0].length } });
    last = m.index + m[0].length;
    if (last >= text.length) break;
  }
  out.push({ start: last, end: text.length });
  return out.filter((r) => r.end > r.start);
}

/** Does the `{` at `i` start something meant as JSON (as opposed to prose like "{index}")? */
function startsLikeJson(text: string, i: number): boolean {
  return /^\{\s*(?:["'}]|$|[A-Za-z_$][\w$]*\s*:)/.test(text.slice(i, i + 200));
}

/** The end of the balanced `{…}` at `i` (double-quoted strings respected), or -1 if it never closes. */
function balancedEnd(text: string, i: number): number {
  let depth = 0;
  let inString = false;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/** Every JSON value of the reply: a region that is JSON as a whole, or the top-level objects inside it. */
export function findJson(text: string): { candidates: Candidate[]; unreadable: Unreadable[] } {
  const candidates: Candidate[] = [];
  const unreadable: Unreadable[] = [];
  for (const region of regions(text)) {
    const body = text.slice(region.start, region.end);
    const whole = readWholeJson(body);
    if (whole) {
      const lead = body.length - body.trimStart().length;
      candidates.push({ value: whole.value, start: region.start + lead, end: region.start + whole.end, fence: region.fence, relaxations: whole.relaxations });
      continue;
    }
    // Reading stops at the region's end, so an object cannot run out of its ``` block.
    const upTo = text.slice(0, region.end);
    for (let i = upTo.indexOf('{', region.start); i >= 0; i = upTo.indexOf('{', i + 1)) {
      if (!startsLikeJson(upTo, i)) continue;
      const read = readJsonValue(upTo, i);
      if (read.ok) {
        candidates.push({ value: read.value, start: i, end: read.end, fence: region.fence, relaxations: read.relaxations });
        i = read.end - 1;
        continue;
      }
      const end = read.truncated ? -1 : balancedEnd(upTo, i);
      if (end < 0) {
        // Cut off: everything after this brace belongs to the unfinished object.
        unreadable.push({ error: `the JSON object starting at ${lineAndColumn(text, i)} is cut off (the reply probably hit its token limit)` });
        break;
      }
      unreadable.push({ error: `invalid JSON at ${lineAndColumn(text, read.at)}: ${read.error}` });
      i = end - 1;
    }
  }
  return { candidates, unreadable };
}
