import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION, type ProbabilityMap, boxesFromProbabilityMap, connectedRegions, sortReadingOrder } from './det-postprocess';

/** A map of the given size with rectangles [x, y, width, height] set to probability p. */
function mapWith(width: number, height: number, rects: [number, number, number, number, number][]): ProbabilityMap {
  const data = new Float32Array(width * height);
  for (const [x, y, w, h, p] of rects) {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) data[yy * width + xx] = p;
  }
  return { width, height, data };
}

describe('connectedRegions', () => {
  it('finds separate regions and their bounds', () => {
    const map = mapWith(20, 10, [
      [1, 1, 5, 3, 0.9],
      [10, 5, 8, 4, 0.9],
    ]);
    const regions = connectedRegions(map, 0.3);
    expect(regions).toEqual([
      { minX: 1, minY: 1, maxX: 5, maxY: 3, pixels: 15 },
      { minX: 10, minY: 5, maxX: 17, maxY: 8, pixels: 32 },
    ]);
  });

  it('joins diagonal neighbours (8-connectivity) and ignores pixels below the threshold', () => {
    const map = mapWith(6, 6, [
      [0, 0, 1, 1, 0.9],
      [1, 1, 1, 1, 0.9],
      [4, 4, 2, 2, 0.25],
    ]);
    expect(connectedRegions(map, 0.3)).toEqual([{ minX: 0, minY: 0, maxX: 1, maxY: 1, pixels: 2 }]);
  });
});

describe('boxesFromProbabilityMap', () => {
  it('unclips each region and maps it to image coordinates', () => {
    // Kernel 41×5 pixels at (10, 10): between pixel centres 40×4, so the unclip distance
    // is 40·4·1.5 / (2·44) = 2.727…; the image is twice the map's size.
    const map = mapWith(100, 50, [[10, 10, 41, 5, 0.9]]);
    const [box, ...rest] = boxesFromProbabilityMap(map, { width: 200, height: 100 });
    expect(rest).toEqual([]);
    const d = (40 * 4 * 1.5) / (2 * 44);
    expect(box).toMatchObject({
      x: Math.round((10 - d) * 2),
      y: Math.round((10 - d) * 2),
      width: Math.round((50 + d) * 2) - Math.round((10 - d) * 2),
      height: Math.round((14 + d) * 2) - Math.round((10 - d) * 2),
    });
    expect(box!.score).toBeCloseTo(0.9, 6);
    // The recognition crop grows by the larger ratio.
    const dRead = (40 * 4 * DEFAULT_DETECTION.readUnclipRatio) / (2 * 44);
    expect(box!.readArea).toEqual({
      x: Math.round((10 - dRead) * 2),
      y: Math.round((10 - dRead) * 2),
      width: Math.round((50 + dRead) * 2) - Math.round((10 - dRead) * 2),
      height: Math.round((14 + dRead) * 2) - Math.round((10 - dRead) * 2),
    });
  });

  it('drops regions whose mean probability is below the box threshold', () => {
    const map = mapWith(60, 20, [
      [2, 2, 20, 6, 0.5],
      [30, 2, 20, 6, 0.95],
    ]);
    const boxes = boxesFromProbabilityMap(map, { width: 60, height: 20 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.x).toBeGreaterThan(25);
  });

  it('drops specks thinner than the minimum size', () => {
    const map = mapWith(40, 20, [
      [2, 2, 20, 3, 0.95], // 3 pixels high: 2 between centres
      [2, 10, 20, 5, 0.95],
    ]);
    const boxes = boxesFromProbabilityMap(map, { width: 40, height: 20 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.y).toBeGreaterThan(5);
  });

  it('clips boxes to the image', () => {
    const map = mapWith(30, 10, [[0, 0, 30, 6, 0.9]]);
    const [box] = boxesFromProbabilityMap(map, { width: 30, height: 10 });
    expect(box).toMatchObject({ x: 0, y: 0, width: 30 });
    expect(box!.readArea.x).toBe(0);
  });

  it('returns boxes in reading order', () => {
    const map = mapWith(100, 40, [
      [60, 3, 30, 6, 0.9], // right of the first line, one pixel higher
      [5, 4, 30, 6, 0.9],
      [5, 25, 50, 6, 0.9],
    ]);
    const boxes = boxesFromProbabilityMap(map, { width: 100, height: 40 });
    expect(boxes.map((b) => b.x < 50 && b.y < 20 ? 'first' : b.y < 20 ? 'second' : 'third')).toEqual(['first', 'second', 'third']);
  });

  it('finds nothing on an empty map', () => {
    expect(boxesFromProbabilityMap(mapWith(32, 32, []), { width: 64, height: 64 })).toEqual([]);
  });
});

describe('sortReadingOrder', () => {
  it('orders lines top to bottom and words left to right, tolerating small vertical offsets', () => {
    const boxes = [
      { id: 'c', x: 10, y: 40, width: 50, height: 20 },
      { id: 'b', x: 200, y: 12, width: 50, height: 20 },
      { id: 'a', x: 10, y: 10, width: 50, height: 20 },
      { id: 'd', x: 100, y: 44, width: 30, height: 14 },
    ];
    expect(sortReadingOrder(boxes).map((b) => b.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps a box that is lower by more than half a height on the next line', () => {
    const boxes = [
      { id: 'second', x: 0, y: 22, width: 50, height: 20 },
      { id: 'first', x: 100, y: 10, width: 50, height: 20 },
    ];
    expect(sortReadingOrder(boxes).map((b) => b.id)).toEqual(['first', 'second']);
  });
});
