// DB (Differentiable Binarization) post-processing for the PP-OCRv4 detector: the
// model gives a text probability per pixel of a shrunk text kernel; threshold it, find
// connected regions, keep the confident ones, grow each back to the full text extent
// ("unclip") and map it to the screenshot's coordinates.
//
// Boxes are axis-aligned. PaddleOCR fits a rotated minimum-area rectangle to each
// region; for screenshot text, which is horizontal, that rectangle is the region's
// bounding box, and the API returns axis-aligned boxes anyway.
import type { Rect } from '../vision/image';

export interface ProbabilityMap {
  width: number;
  height: number;
  /** Text probability per pixel, 0–1, row by row. */
  data: Float32Array;
}

export interface DetectionOptions {
  /** Pixel probability above which a pixel is text (PaddleOCR det_db_thresh). */
  pixelThreshold: number;
  /** Minimum mean probability inside a region's box (det_db_box_thresh). */
  boxThreshold: number;
  /** How far to grow a kernel box into the text's box: distance = area × ratio / perimeter (det_db_unclip_ratio). */
  unclipRatio: number;
  /** The same for the area cropped for recognition, which reads better with more margin (see preprocess.ts). */
  readUnclipRatio: number;
  /** Regions with a shorter side (in map pixels) are noise. */
  minSize: number;
  /** At most this many regions are considered, largest first. */
  maxCandidates: number;
}

export const DEFAULT_DETECTION: DetectionOptions = {
  pixelThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  readUnclipRatio: 2.5,
  minSize: 3,
  maxCandidates: 1000,
};

export interface TextBox extends Rect {
  /** Mean probability inside the kernel box. */
  score: number;
  /** The larger area to crop for recognition (readUnclipRatio). */
  readArea: Rect;
}

interface Region {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  pixels: number;
}

/**
 * Text boxes in image coordinates, in reading order.
 * @param image size of the image the map was computed from (at any scale): boxes are mapped to it.
 */
export function boxesFromProbabilityMap(
  map: ProbabilityMap,
  image: { width: number; height: number },
  options: DetectionOptions = DEFAULT_DETECTION,
): TextBox[] {
  const scaleX = image.width / map.width;
  const scaleY = image.height / map.height;
  const regions = connectedRegions(map, options.pixelThreshold)
    .sort((a, b) => b.pixels - a.pixels)
    .slice(0, options.maxCandidates);
  const boxes: TextBox[] = [];
  for (const region of regions) {
    // Like PaddleOCR, sizes are between pixel centres: a one-pixel line has height 0.
    const width = region.maxX - region.minX;
    const height = region.maxY - region.minY;
    if (Math.min(width, height) < options.minSize) continue;
    const score = meanInRect(map, region);
    if (score < options.boxThreshold) continue;
    const distance = unclipDistance(width, height, options.unclipRatio);
    if (Math.min(width, height) + 2 * distance < options.minSize + 2) continue;
    const box = unclip(region, distance, scaleX, scaleY, image);
    if (box.width < 1 || box.height < 1) continue;
    const readArea = unclip(region, unclipDistance(width, height, options.readUnclipRatio), scaleX, scaleY, image);
    boxes.push({ ...box, score, readArea });
  }
  return sortReadingOrder(boxes);
}

/**
 * Offsetting a w×h rectangle by d gives (w + 2d)×(h + 2d): what pyclipper's unclip
 * followed by a minimum-area rectangle gives in PaddleOCR.
 */
function unclipDistance(width: number, height: number, ratio: number): number {
  return (width * height * ratio) / (2 * (width + height));
}

/** The region grown by distance (map pixels), scaled to the image and clipped to it. */
function unclip(region: Region, distance: number, scaleX: number, scaleY: number, image: { width: number; height: number }): Rect {
  const x0 = clampTo((region.minX - distance) * scaleX, image.width);
  const y0 = clampTo((region.minY - distance) * scaleY, image.height);
  const x1 = clampTo((region.maxX + distance) * scaleX, image.width);
  const y1 = clampTo((region.maxY + distance) * scaleY, image.height);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** 8-connected regions of pixels above threshold (the outer contours OpenCV would find). */
export function connectedRegions(map: ProbabilityMap, threshold: number): Region[] {
  const { width, height, data } = map;
  const visited = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: Region[] = [];
  for (let start = 0; start < data.length; start++) {
    if (visited[start] || !(data[start]! > threshold)) continue;
    visited[start] = 1;
    let top = 0;
    stack[top++] = start;
    const region: Region = { minX: width, minY: height, maxX: -1, maxY: -1, pixels: 0 };
    while (top > 0) {
      const index = stack[--top]!;
      const x = index % width;
      const y = (index - x) / width;
      region.pixels++;
      if (x < region.minX) region.minX = x;
      if (x > region.maxX) region.maxX = x;
      if (y < region.minY) region.minY = y;
      if (y > region.maxY) region.maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const next = ny * width + nx;
          if (!visited[next] && data[next]! > threshold) {
            visited[next] = 1;
            stack[top++] = next;
          }
        }
      }
    }
    regions.push(region);
  }
  return regions;
}

/** Mean probability over the region's bounding box, inclusive (PaddleOCR's "fast" box score). */
function meanInRect(map: ProbabilityMap, region: Region): number {
  let sum = 0;
  for (let y = region.minY; y <= region.maxY; y++) {
    const row = y * map.width;
    for (let x = region.minX; x <= region.maxX; x++) sum += map.data[row + x]!;
  }
  return sum / ((region.maxX - region.minX + 1) * (region.maxY - region.minY + 1));
}

/**
 * Top to bottom, and left to right within a line. Two boxes are on the same line when
 * their vertical centres are closer than half the smaller height.
 */
export function sortReadingOrder<T extends Rect>(boxes: readonly T[]): T[] {
  const byTop = [...boxes].sort((a, b) => centreY(a) - centreY(b));
  const lines: T[][] = [];
  for (const box of byTop) {
    const line = lines.at(-1);
    const first = line?.[0];
    if (line && first && Math.abs(centreY(box) - centreY(first)) < Math.min(box.height, first.height) / 2) line.push(box);
    else lines.push([box]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.x - b.x));
}

function centreY(box: Rect): number {
  return box.y + box.height / 2;
}

function clampTo(value: number, max: number): number {
  return Math.min(Math.max(Math.round(value), 0), max);
}
