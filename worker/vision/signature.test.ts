import { afterAll, describe, expect, it } from 'vitest';
import { readScreenshot, readTruth } from '../ocr/testdata/read';
import { type RgbaImage, createRgbaImage } from './image';
import { SAME_STATE, type ScreenSignature, compareSignatures, computeSignature, hammingDistance } from './signature';

const truth = readTruth();
const signatures = new Map<string, ScreenSignature>();
function signatureOf(file: string): ScreenSignature {
  let signature = signatures.get(file);
  if (!signature) {
    signature = computeSignature(readScreenshot(file));
    signatures.set(file, signature);
  }
  return signature;
}

function flat(width: number, height: number, value: number): RgbaImage {
  const image = createRgbaImage(width, height);
  image.data.fill(value);
  return image;
}

describe('screen signature on real screenshots', () => {
  const rows: string[] = [];
  const measure = (a: string, b: string, why: string, expected: string) => {
    const c = compareSignatures(signatureOf(a), signatureOf(b));
    rows.push(
      `${expected.padEnd(9)} ${c.same ? 'same     ' : 'different'} hash ${String(c.hashDistance).padStart(2)}  similarity ${c.vectorSimilarity.toFixed(4)}  cell change ${c.largestCellChange.toFixed(3)}  ${a} ~ ${b} (${why})`,
    );
    return c;
  };

  it.each(truth.sameState)('%s and %s show the same state (%s)', (a, b, why) => {
    const c = measure(a, b, why, 'same');
    expect(c.same).toBe(true);
  });

  it.each(truth.differentState)('%s and %s show different states (%s)', (a, b, why) => {
    const c = measure(a, b, why, 'different');
    expect(c.same).toBe(false);
  });

  afterAll(() => {
    console.log(
      `signature thresholds: hash ≤ ${SAME_STATE.maxHashDistance}, similarity ≥ ${SAME_STATE.minVectorSimilarity}, cell change ≤ ${SAME_STATE.maxCellChange}\n` +
        `expected  measured\n${rows.join('\n')}`,
    );
  });

  it('compares a screenshot with itself as identical', () => {
    const c = compareSignatures(signatureOf('report.png'), signatureOf('report.png'));
    expect(c).toEqual({ hashDistance: 0, vectorSimilarity: expect.closeTo(1, 6), largestCellChange: expect.closeTo(0, 6), same: true });
  });

  it('is plain JSON that compares the same after a round trip', () => {
    const signature = signatureOf('login.png');
    const restored = JSON.parse(JSON.stringify(signature)) as ScreenSignature;
    expect(restored).toEqual(signature);
    expect(signature.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(signature.vector).toHaveLength(16 * 12);
    expect(compareSignatures(restored, signatureOf('login-jpeg.png'))).toEqual(compareSignatures(signature, signatureOf('login-jpeg.png')));
    expect(JSON.stringify(signature).length).toBeLessThan(2500);
  });
});

describe('screen signature edge cases', () => {
  it('tells two flat screens apart by brightness only', () => {
    const white = computeSignature(flat(64, 48, 255));
    const black = computeSignature(flat(64, 48, 0));
    expect(compareSignatures(white, computeSignature(flat(64, 48, 255))).same).toBe(true);
    const c = compareSignatures(white, black);
    expect(c.vectorSimilarity).toBe(1);
    expect(c.largestCellChange).toBeCloseTo(1, 5);
    expect(c.same).toBe(false);
  });

  it('works on images smaller than its grid', () => {
    const tiny = createRgbaImage(5, 3);
    tiny.data.fill(255);
    tiny.data.set([0, 0, 0, 255], 0);
    const signature = computeSignature(tiny);
    expect(signature.vector).toHaveLength(16 * 12);
    expect(signature.contrast).toBeGreaterThan(0);
  });

  it('rejects signatures of different grids', () => {
    const a = computeSignature(flat(64, 48, 128));
    expect(() => compareSignatures(a, { ...a, vector: a.vector.slice(1) })).toThrow(/different grids/);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits of hex strings', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000003')).toBe(2);
    expect(hammingDistance('a5', 'A4')).toBe(1);
  });

  it('rejects malformed hashes', () => {
    expect(() => hammingDistance('00', '000')).toThrow(RangeError);
    expect(() => hammingDistance('zz', '00')).toThrow(RangeError);
  });
});
