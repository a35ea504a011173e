import { describe, expect, it } from 'vitest';
import { type RgbaImage, areaResizeGray, assertRgbaImage, crop, resizeBilinear, toGray } from './image';

/** An RGBA image whose red channel is given per pixel (green = 2 × red, blue = 0). */
function redImage(width: number, height: number, red: number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  red.forEach((r, i) => data.set([r, 2 * r, 0, 255], i * 4));
  return { width, height, data };
}

function channel(image: RgbaImage, c: number): number[] {
  return Array.from({ length: image.width * image.height }, (_, i) => image.data[i * 4 + c]!);
}

describe('assertRgbaImage', () => {
  it('accepts a well-formed image and rejects a wrong buffer size or dimension', () => {
    expect(() => assertRgbaImage(redImage(2, 2, [0, 0, 0, 0]))).not.toThrow();
    expect(() => assertRgbaImage({ width: 2, height: 2, data: new Uint8ClampedArray(15) })).toThrow(/16/);
    expect(() => assertRgbaImage({ width: 0, height: 2, data: new Uint8ClampedArray(0) })).toThrow(/positive/);
  });
});

describe('crop', () => {
  const image = redImage(4, 3, [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);

  it('copies the pixels inside the rectangle', () => {
    const part = crop(image, { x: 1, y: 1, width: 2, height: 2 });
    expect([part.width, part.height]).toEqual([2, 2]);
    expect(channel(part, 0)).toEqual([11, 12, 21, 22]);
    expect(channel(part, 1)).toEqual([22, 24, 42, 44]);
  });

  it('clips to the image and rounds fractional edges outwards', () => {
    const part = crop(image, { x: 2.5, y: -3, width: 10, height: 4.2 });
    expect([part.width, part.height]).toEqual([2, 2]);
    expect(channel(part, 0)).toEqual([2, 3, 12, 13]);
  });

  it('keeps at least one pixel for an empty rectangle', () => {
    const part = crop(image, { x: 3, y: 2, width: 0, height: 0 });
    expect(channel(part, 0)).toEqual([23]);
  });
});

describe('resizeBilinear', () => {
  it('is the identity at the same size', () => {
    const image = redImage(3, 2, [5, 50, 100, 150, 200, 250]);
    expect(channel(resizeBilinear(image, 3, 2), 0)).toEqual([5, 50, 100, 150, 200, 250]);
  });

  it('interpolates between pixel centres like OpenCV INTER_LINEAR', () => {
    // 2 → 4 columns: output centres map to source x = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
    const wide = resizeBilinear(redImage(2, 1, [0, 200]), 4, 1);
    expect(channel(wide, 0)).toEqual([0, 50, 150, 200]);
    expect(channel(wide, 1)).toEqual([0, 64, 191, 255]); // green source is [0, 255] (400 clamped)
  });

  it('halves by averaging neighbour pairs', () => {
    const half = resizeBilinear(redImage(4, 2, [0, 100, 200, 40, 0, 100, 200, 40]), 2, 1);
    expect(channel(half, 0)).toEqual([50, 120]);
  });
});

describe('toGray', () => {
  it('weights red, green and blue like BT.601', () => {
    const data = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    const gray = toGray({ width: 4, height: 1, data });
    expect(Array.from(gray.data).map((v) => Math.round(v * 10) / 10)).toEqual([76.2, 149.7, 29.1, 255]);
  });
});

describe('areaResizeGray', () => {
  it('averages whole cells at an integer factor', () => {
    const gray = { width: 4, height: 2, data: Float32Array.from([0, 2, 10, 20, 4, 6, 30, 40]) };
    expect(Array.from(areaResizeGray(gray, 2, 1).data)).toEqual([3, 25]);
  });

  it('shares border pixels between cells at a fractional factor and keeps the mean', () => {
    const gray = { width: 3, height: 1, data: Float32Array.from([0, 30, 90]) };
    const out = areaResizeGray(gray, 2, 1); // each cell covers 1.5 source pixels
    expect(out.data[0]).toBeCloseTo((0 + 30 * 0.5) / 1.5, 5);
    expect(out.data[1]).toBeCloseTo((30 * 0.5 + 90) / 1.5, 5);
    expect((out.data[0]! + out.data[1]!) / 2).toBeCloseTo(40, 5);
  });

  it('refuses to enlarge', () => {
    expect(() => areaResizeGray({ width: 2, height: 2, data: new Float32Array(4) }, 3, 2)).toThrow(/only shrinks/);
  });
});
