// How well OCR output matches known text lines: each recognised line is matched by
// position to the known line it overlaps most, then characters are compared by edit
// distance. Used by the tests and benchmarks that report OCR accuracy.
import type { Rect } from '../vision/image';

export interface KnownLine {
  text: string;
  box: Rect;
}

export interface ReadLine {
  text: string;
  box: Rect;
}

export interface LineScore {
  truth: string;
  read: string;
  errors: number;
}

export interface AccuracyReport {
  /** 1 − character error rate over the known lines (edits / known characters), at most 1. */
  characterAccuracy: number;
  /** The same with every space removed on both sides, which shows how many errors are only spaces. */
  characterAccuracyIgnoringSpaces: number;
  /** Known lines read exactly. */
  exactLines: number;
  lines: LineScore[];
}

/** Levenshtein distance (insertions, deletions, substitutions of UTF-16 code units). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Scores read lines against known lines. A read line belongs to the known line it
 * overlaps most, if the overlap covers at least half of the smaller of the two boxes;
 * the read lines of one known line are joined left to right with spaces. Read lines
 * that belong to no known line (text the truth leaves out) are not counted.
 */
export function scoreLines(truth: readonly KnownLine[], read: readonly ReadLine[]): AccuracyReport {
  const assigned: ReadLine[][] = truth.map(() => []);
  for (const line of read) {
    let best = -1;
    let bestOverlap = 0;
    truth.forEach((known, i) => {
      const overlap = intersection(known.box, line.box);
      if (overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    const known = truth[best];
    if (known && bestOverlap >= 0.5 * Math.min(area(known.box), area(line.box))) assigned[best]!.push(line);
  }
  const lines = truth.map((known, i) => {
    const text = assigned[i]!
      .sort((a, b) => a.box.x - b.box.x)
      .map((line) => line.text)
      .join(' ');
    return { truth: known.text, read: text, errors: editDistance(known.text, text) };
  });
  const total = lines.reduce((n, line) => n + line.truth.length, 0);
  const errors = lines.reduce((n, line) => n + line.errors, 0);
  const unspaced = (s: string) => s.replace(/\s+/g, '');
  const totalUnspaced = lines.reduce((n, line) => n + unspaced(line.truth).length, 0);
  const errorsUnspaced = lines.reduce((n, line) => n + editDistance(unspaced(line.truth), unspaced(line.read)), 0);
  return {
    characterAccuracy: total > 0 ? Math.max(0, 1 - errors / total) : 1,
    characterAccuracyIgnoringSpaces: totalUnspaced > 0 ? Math.max(0, 1 - errorsUnspaced / totalUnspaced) : 1,
    exactLines: lines.filter((line) => line.errors === 0).length,
    lines,
  };
}

function intersection(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function area(box: Rect): number {
  return box.width * box.height;
}
