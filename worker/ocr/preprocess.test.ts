import { describe, expect, it } from 'vitest';
import { type RgbaImage, createRgbaImage } from '../vision/image';
import { RECOGNITION_HEIGHT, RECOGNITION_WIDTH_SCALE, detectionInput, recognitionBatches } from './preprocess';

function solid(width: number, height: number, rgb: [number, number, number]): RgbaImage {
  const image = createRgbaImage(width, height);
  for (let i = 0; i < width * height; i++) image.data.set([...rgb, 255], i * 4);
  return image;
}

describe('detectionInput', () => {
  it('scales a 1280×720 screenshot to 960 wide, both sides multiples of 32', () => {
    expect(detectionInput(solid(1280, 720, [0, 0, 0])).dims).toEqual([1, 3, 544, 960]);
  });

  it('never enlarges, rounds small sides to 32 at least', () => {
    expect(detectionInput(solid(300, 10, [0, 0, 0])).dims).toEqual([1, 3, 32, 288]);
    expect(detectionInput(solid(1280, 720, [0, 0, 0]), 1280).dims).toEqual([1, 3, 736, 1280]);
  });

  it('normalises with ImageNet mean and deviation, channels in BGR order', () => {
    const { data, dims } = detectionInput(solid(64, 32, [255, 128, 0]));
    const plane = dims[2] * dims[3];
    expect(data[0]).toBeCloseTo((0 / 255 - 0.485) / 0.229, 5); // blue first
    expect(data[plane]).toBeCloseTo((128 / 255 - 0.456) / 0.224, 5);
    expect(data[2 * plane]).toBeCloseTo((255 / 255 - 0.406) / 0.225, 5);
  });
});

describe('recognitionBatches', () => {
  const image = solid(400, 100, [255, 255, 255]);
  image.data.set([0, 0, 0, 255], (10 * 400 + 10) * 4); // one black pixel at (10, 10)

  it('scales every line to height 48 and pads the batch to its widest line with 0', () => {
    const boxes = [
      { x: 0, y: 0, width: 300, height: 20 }, // aspect 15 → 48 × 15 × 1.25 = 900 wide
      { x: 0, y: 50, width: 40, height: 20 }, // aspect 2 → 120 wide, padded
    ];
    const [batch, ...rest] = recognitionBatches(image, boxes, 6);
    expect(rest).toEqual([]);
    expect(batch!.indices).toEqual([1, 0]); // narrow first
    const width = Math.ceil(RECOGNITION_HEIGHT * 15 * RECOGNITION_WIDTH_SCALE);
    expect(batch!.tensor.dims).toEqual([2, 3, RECOGNITION_HEIGHT, width]);
    const plane = RECOGNITION_HEIGHT * width;
    const narrow = batch!.tensor.data.subarray(0, 3 * plane);
    expect(narrow[0]).toBeCloseTo(1, 5); // white → 1
    expect(narrow[plane - 1]).toBe(0); // padding
    expect(narrow[Math.ceil(48 * 2 * RECOGNITION_WIDTH_SCALE) - 1]).toBeCloseTo(1, 5);
    expect(narrow[Math.ceil(48 * 2 * RECOGNITION_WIDTH_SCALE)]).toBe(0);
  });

  it('maps dark pixels to −1 and keeps every value in [−1, 1]', () => {
    const [batch] = recognitionBatches(image, [{ x: 0, y: 0, width: 20, height: 20 }], 1);
    const values = Array.from(batch!.tensor.data);
    expect(Math.min(...values)).toBeLessThan(-0.5);
    expect(Math.max(...values)).toBeCloseTo(1, 5);
    expect(values.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  it('pads short lines to PaddleOCR\'s minimum 320 width and splits by batch size', () => {
    const boxes = Array.from({ length: 5 }, (_, i) => ({ x: i * 50, y: 0, width: 40, height: 20 }));
    const batches = recognitionBatches(image, boxes, 2);
    expect(batches.map((b) => b.tensor.dims[0])).toEqual([2, 2, 1]);
    expect(batches.every((b) => b.tensor.dims[3] === 320)).toBe(true);
    expect(batches.flatMap((b) => b.indices).sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
