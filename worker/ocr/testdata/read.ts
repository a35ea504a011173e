// Test helper: the committed screenshots as RgbaImage, and their ground truth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode } from 'fast-png';
import type { RgbaImage } from '../../vision/image';
import type { TruthFile } from './capture';

export const TESTDATA_DIR = import.meta.dirname;

/** Decodes a PNG (8-bit grey, RGB or RGBA) into opaque RGBA. */
export function readPng(path: string): RgbaImage {
  const png = decode(readFileSync(path));
  if (png.depth !== 8) throw new Error(`${path}: only 8-bit PNGs are supported, got ${png.depth}-bit`);
  const { width, height, channels } = png;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const from = i * channels;
    const gray = channels < 3;
    data[i * 4] = png.data[from]!;
    data[i * 4 + 1] = png.data[gray ? from : from + 1]!;
    data[i * 4 + 2] = png.data[gray ? from : from + 2]!;
    data[i * 4 + 3] = channels === 4 || channels === 2 ? png.data[from + channels - 1]! : 255;
  }
  return { width, height, data };
}

export function readScreenshot(file: string): RgbaImage {
  return readPng(join(TESTDATA_DIR, file));
}

export function readTruth(): TruthFile {
  return JSON.parse(readFileSync(join(TESTDATA_DIR, 'truth.json'), 'utf8')) as TruthFile;
}
