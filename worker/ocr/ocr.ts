// OCR of screenshots with PaddleOCR PP-OCRv4 (text detection + recognition) on
// onnxruntime-web. The models load on the first recognize() call, not before.
import { type BackendPreference, type ExecutionBackend, ModelError, createSession, errorText, ort } from '../models/ort';
import { type Rect, type RgbaImage, assertRgbaImage } from '../vision/image';
import { type CharacterList, characterListFromKeys, decodeBatch } from './ctc';
import { DEFAULT_DETECTION, type DetectionOptions, boxesFromProbabilityMap } from './det-postprocess';
import { DETECTION_MAX_SIDE, type TensorData, detectionInput, recognitionBatches } from './preprocess';

export interface OcrLine {
  text: string;
  /** Mean probability of the recognised characters, 0–1. */
  confidence: number;
  /** Where the line is, in the screenshot's pixels. */
  box: Rect;
}

/** Bytes, or a function that fetches them when the models are first needed. */
export type Source<T> = T | (() => Promise<T>);

export interface OcrOptions {
  /** ch_PP-OCRv4_det_infer.onnx */
  det: Source<Uint8Array>;
  /** ch_PP-OCRv4_rec_infer.onnx */
  rec: Source<Uint8Array>;
  /** ppocr_keys_v1.txt: the recognition model's characters, one per line. */
  keys: Source<string>;
  /** Default 'auto': WebGPU when there is an adapter, WASM otherwise. */
  preference?: BackendPreference;
  /** Longest side of the detection input, default 960. Larger reads smaller text, slower. */
  detectionMaxSide?: number;
  /** Lines read with a lower confidence are dropped; default 0.5 (PaddleOCR's drop_score). */
  minConfidence?: number;
  /**
   * Text lines per recognition run. Default: 1 on WASM, where batching saves nothing and
   * padding costs (measured: 1 line 2.7 s, 6 lines 3.1 s per screenshot); 6 on WebGPU
   * (PaddleOCR's rec_batch_num), where fewer dispatches matter more.
   */
  recognitionBatchSize?: number;
  detection?: Partial<DetectionOptions>;
}

export interface Ocr {
  /** The backend both models run on; null until the first recognize() has loaded them. */
  readonly backend: ExecutionBackend | null;
  /** Why WebGPU was not used although allowed, once loaded. */
  readonly fallbackReason: string | undefined;
  /** The text lines of the image, in reading order. */
  recognize(image: RgbaImage): Promise<OcrLine[]>;
  /** Releases both models once the calls already made have finished; recognize() fails afterwards. */
  dispose(): Promise<void>;
}

interface LoadedModels {
  detector: ort.InferenceSession;
  recognizer: ort.InferenceSession;
  characters: CharacterList;
  /** The detector's backend; the recognizer's is the same unless WebGPU failed for it alone. */
  backend: ExecutionBackend;
  recognizerBackend: ExecutionBackend;
  fallbackReason: string | undefined;
}

export function createOcr(options: OcrOptions): Ocr {
  const detection: DetectionOptions = { ...DEFAULT_DETECTION, ...options.detection };
  const maxSide = options.detectionMaxSide ?? DETECTION_MAX_SIDE;
  const minConfidence = options.minConfidence ?? 0.5;
  let loading: Promise<LoadedModels> | undefined;
  let loaded: LoadedModels | undefined;
  let disposed = false;
  // One image at a time: a session must not run twice at once, and the worker has one core to give.
  let queue: Promise<unknown> = Promise.resolve();

  function load(): Promise<LoadedModels> {
    loading ??= loadModels(options).then(
      (models) => {
        loaded = models;
        return models;
      },
      (e: unknown) => {
        loading = undefined; // A later call may retry (e.g. a fetch that failed offline).
        throw e;
      },
    );
    return loading;
  }

  async function run(image: RgbaImage): Promise<OcrLine[]> {
    assertRgbaImage(image);
    const models = await load();
    const boxes = await detect(models.detector, image, maxSide, detection);
    if (boxes.length === 0) return [];
    const lines: (OcrLine | undefined)[] = new Array(boxes.length);
    const batchSize = options.recognitionBatchSize ?? (models.recognizerBackend === 'webgpu' ? 6 : 1);
    for (const batch of recognitionBatches(image, boxes.map((box) => box.readArea), batchSize)) {
      const decoded = await recognizeBatch(models, batch.tensor);
      batch.indices.forEach((boxIndex, row) => {
        const { text, confidence } = decoded[row]!;
        const trimmed = text.trim();
        const box = boxes[boxIndex]!;
        if (trimmed && confidence >= minConfidence) {
          lines[boxIndex] = { text: trimmed, confidence, box: { x: box.x, y: box.y, width: box.width, height: box.height } };
        }
      });
    }
    return lines.filter((line): line is OcrLine => line !== undefined);
  }

  return {
    get backend() {
      return loaded?.backend ?? null;
    },
    get fallbackReason() {
      return loaded?.fallbackReason;
    },
    recognize(image) {
      if (disposed) return Promise.reject(new Error('this OCR was disposed'));
      const result = queue.then(() => run(image));
      queue = result.catch(() => undefined);
      return result;
    },
    async dispose() {
      disposed = true;
      await queue; // Calls made before dispose() finish before their sessions go.
      const models = await loading?.catch(() => undefined);
      loaded = undefined;
      loading = undefined;
      if (models) await Promise.all([models.detector.release(), models.recognizer.release()]);
    },
  };
}

async function loadModels(options: OcrOptions): Promise<LoadedModels> {
  const [detBytes, recBytes, keys] = await Promise.all([
    resolve(options.det, 'the OCR detection model'),
    resolve(options.rec, 'the OCR recognition model'),
    resolve(options.keys, 'the OCR character list'),
  ]);
  let characters: CharacterList;
  try {
    characters = characterListFromKeys(keys);
  } catch (e) {
    throw new ModelError('model_corrupt', `OCR character list: ${errorText(e)}`);
  }
  const preference = options.preference ?? 'auto';
  const detector = await createSession('OCR detection model', detBytes, preference);
  let recognizer;
  try {
    // Both on the same backend: WebGPU for one and WASM for the other would only add copies.
    recognizer = await createSession('OCR recognition model', recBytes, detector.backend);
  } catch (e) {
    await detector.session.release();
    throw e;
  }
  const classes = recognizer.session.outputMetadata[0];
  const classCount = classes?.isTensor ? classes.shape.at(-1) : undefined;
  if (typeof classCount === 'number' && classCount !== characters.classes.length) {
    await Promise.all([detector.session.release(), recognizer.session.release()]);
    throw new ModelError(
      'model_corrupt',
      `OCR character list does not fit the recognition model: ${characters.classes.length} classes (blank + ${characters.classes.length - 2} keys + space), the model has ${classCount}`,
    );
  }
  return {
    detector: detector.session,
    recognizer: recognizer.session,
    characters,
    backend: detector.backend,
    recognizerBackend: recognizer.backend,
    fallbackReason: detector.fallbackReason ?? recognizer.fallbackReason,
  };
}

async function resolve<T>(source: Source<T>, what: string): Promise<T> {
  if (typeof source !== 'function') return source;
  try {
    return await (source as () => Promise<T>)();
  } catch (e) {
    throw new ModelError('download_failed', `${what} could not be fetched: ${errorText(e)}`);
  }
}

async function detect(session: ort.InferenceSession, image: RgbaImage, maxSide: number, options: DetectionOptions) {
  const input = detectionInput(image, maxSide);
  const output = await runSession(session, input, 'OCR detection');
  const [, , height, width] = output.dims;
  if (height === undefined || width === undefined || output.data.length !== height * width) {
    throw new ModelError('inference_failed', `OCR detection gave an output of shape [${output.dims.join(', ')}], expected [1, 1, h, w]`);
  }
  return boxesFromProbabilityMap({ width, height, data: output.data }, image, options);
}

async function recognizeBatch(models: LoadedModels, input: TensorData) {
  const output = await runSession(models.recognizer, input, 'OCR recognition');
  const [batch, steps, classes] = output.dims;
  if (batch !== input.dims[0] || steps === undefined || classes !== models.characters.classes.length) {
    throw new ModelError('inference_failed', `OCR recognition gave an output of shape [${output.dims.join(', ')}]`);
  }
  return decodeBatch(output.data, batch, steps, models.characters);
}

async function runSession(session: ort.InferenceSession, input: TensorData, what: string): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const tensor = new ort.Tensor('float32', input.data, input.dims);
  let output: ort.Tensor | undefined;
  try {
    const results = await session.run({ [session.inputNames[0]!]: tensor });
    output = results[session.outputNames[0]!];
    if (!output) throw new Error('no output');
    // getData() downloads from the GPU when the output lives there, and is a plain read on WASM.
    const data = (await output.getData()) as Float32Array;
    return { data, dims: output.dims };
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError('inference_failed', `${what} failed: ${errorText(e)}`);
  } finally {
    tensor.dispose();
    output?.dispose();
  }
}
