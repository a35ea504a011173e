import { describe, expect, it } from 'vitest';
import { checkVector, dequantizeInto, quantizeInto, RESIDUAL_STEPS } from './quantize';
import { seededRandom, gaussian } from './rng';
import { TopK } from './top-k';

describe('int8 quantisation', () => {
  const d = 384;
  const normal = gaussian(seededRandom(4));
  const vector = Float32Array.from({ length: d }, () => normal());

  it('keeps every value within half a step, and code + residual within ~1e-5 of the unit vector', () => {
    const norm = checkVector('v', vector, d);
    const codes = new Int8Array(d);
    const residuals = new Int8Array(d);
    const scale = quantizeInto(vector, norm, codes, 0, residuals, 0);
    const back = new Float32Array(d);
    dequantizeInto(codes, 0, scale, d, back, 0);
    const residualScale = scale / RESIDUAL_STEPS;
    let worst = 0;
    let worstRefined = 0;
    for (let j = 0; j < d; j++) {
      const unit = vector[j]! / norm;
      expect(Math.abs(codes[j]!)).toBeLessThanOrEqual(127);
      expect(Math.abs(residuals[j]!)).toBeLessThanOrEqual(127);
      worst = Math.max(worst, Math.abs(back[j]! - unit));
      worstRefined = Math.max(worstRefined, Math.abs(back[j]! + residuals[j]! * residualScale - unit));
    }
    expect(worst).toBeLessThanOrEqual(scale / 2 + 1e-9);
    expect(worstRefined).toBeLessThan(scale / 200);
  });

  it('uses the full code range for the largest value', () => {
    const codes = new Int8Array(3);
    quantizeInto(Float32Array.of(-0.8, 0.6, 0), 1, codes, 0, new Int8Array(3), 0);
    expect(Array.from(codes)).toEqual([-127, 95, 0]);
  });
});

describe('TopK', () => {
  it('keeps the k best of a stream, best first, like a full sort', () => {
    const random = seededRandom(8);
    const top = new TopK(2);
    for (const k of [1, 5, 37]) {
      const scores = Array.from({ length: 1000 }, () => random());
      top.reset(k);
      scores.forEach((s, i) => top.push(s, i));
      const expected = scores.map((score, item) => ({ item, score })).sort((a, b) => b.score - a.score).slice(0, k);
      expect(top.drain()).toEqual(expected);
    }
  });

  it('reports the entry floor only once full', () => {
    const top = new TopK(3);
    top.reset(2);
    expect(top.floor).toBe(-Infinity);
    top.push(0.5, 1);
    expect(top.floor).toBe(-Infinity);
    top.push(0.7, 2);
    expect(top.floor).toBe(0.5);
    top.push(0.6, 3);
    expect(top.floor).toBe(0.6);
  });
});
