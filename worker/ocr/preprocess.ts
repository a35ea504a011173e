// Input tensors for the PP-OCRv4 models, prepared the way PaddleOCR's own inference
// code does. Both models were trained on OpenCV images, whose channels are in BGR
// order: the tensors below are BGR too.
import { type Rect, type RgbaImage, crop, resizeBilinear } from '../vision/image';

export interface TensorData {
  data: Float32Array;
  /** NCHW */
  dims: [number, number, number, number];
}

/** Longest side of the detection input; PaddleOCR's det_limit_side_len default. */
export const DETECTION_MAX_SIDE = 960;

const IMAGENET_MEAN_BGR = [0.485, 0.456, 0.406]; // PaddleOCR applies these in BGR channel order.
const IMAGENET_STD_BGR = [0.229, 0.224, 0.225];

/**
 * Detection input: the image scaled so its longest side is at most maxSide (never
 * enlarged), each side rounded to a multiple of 32 (the network downsamples 32×),
 * normalised with ImageNet mean and deviation.
 */
export function detectionInput(image: RgbaImage, maxSide = DETECTION_MAX_SIDE): TensorData {
  const ratio = Math.min(1, maxSide / Math.max(image.width, image.height));
  const width = Math.max(32, Math.round((image.width * ratio) / 32) * 32);
  const height = Math.max(32, Math.round((image.height * ratio) / 32) * 32);
  const resized = width === image.width && height === image.height ? image : resizeBilinear(image, width, height);
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  const src = resized.data;
  for (let channel = 0; channel < 3; channel++) {
    const rgbIndex = 2 - channel; // B, G, R
    const scale = 1 / (255 * IMAGENET_STD_BGR[channel]!);
    const offset = IMAGENET_MEAN_BGR[channel]! / IMAGENET_STD_BGR[channel]!;
    const out = channel * plane;
    for (let i = 0; i < plane; i++) data[out + i] = src[i * 4 + rgbIndex]! * scale - offset;
  }
  return { data, dims: [1, 3, height, width] };
}

/** Height of the recognition model's input. */
export const RECOGNITION_HEIGHT = 48;
/**
 * Lines are stretched this much wider than their aspect ratio. With the plain aspect
 * and PaddleOCR's tight crops (unclip 1.5), the model drops spaces between English
 * words and merges double letters. Measured on 184 lines of generated web text
 * (12 screenshots, 6 fonts, 12–40 px, light and dark themes): 97.8% of characters
 * right before, 99.8% with this stretch and crops from unclip 2.5; on the committed
 * test screenshots 95.3% before, 99.7% after.
 */
export const RECOGNITION_WIDTH_SCALE = 1.25;
/** PaddleOCR pads every batch to at least this width/height ratio (its 3×48×320 shape). */
const MIN_BATCH_RATIO = 320 / 48;

export interface RecognitionBatch {
  tensor: TensorData;
  /** Index of each batch row in the list of boxes given. */
  indices: number[];
}

/**
 * Recognition batches: each box cropped from the full-resolution image, scaled to
 * height 48 and its aspect × RECOGNITION_WIDTH_SCALE, normalised to [−1, 1],
 * right-padded with 0 to the widest line of its batch. Lines are grouped by aspect
 * ratio so little is padded.
 */
export function recognitionBatches(image: RgbaImage, boxes: readonly Rect[], batchSize: number): RecognitionBatch[] {
  const crops = boxes.map((box) => crop(image, box));
  const order = crops.map((_, i) => i).sort((a, b) => scaledAspect(crops[a]!) - scaledAspect(crops[b]!));
  const batches: RecognitionBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = order.slice(start, start + batchSize);
    const maxRatio = Math.max(MIN_BATCH_RATIO, ...indices.map((i) => scaledAspect(crops[i]!)));
    const width = Math.ceil(RECOGNITION_HEIGHT * maxRatio);
    const plane = RECOGNITION_HEIGHT * width;
    const data = new Float32Array(indices.length * 3 * plane); // 0 is the padding value.
    indices.forEach((boxIndex, row) => {
      const line = crops[boxIndex]!;
      const lineWidth = Math.min(width, Math.max(1, Math.ceil(RECOGNITION_HEIGHT * scaledAspect(line))));
      const resized = resizeBilinear(line, lineWidth, RECOGNITION_HEIGHT);
      for (let channel = 0; channel < 3; channel++) {
        const rgbIndex = 2 - channel;
        const out = (row * 3 + channel) * plane;
        for (let y = 0; y < RECOGNITION_HEIGHT; y++) {
          for (let x = 0; x < lineWidth; x++) {
            data[out + y * width + x] = resized.data[(y * lineWidth + x) * 4 + rgbIndex]! / 127.5 - 1;
          }
        }
      }
    });
    batches.push({ tensor: { data, dims: [indices.length, 3, RECOGNITION_HEIGHT, width] }, indices });
  }
  return batches;
}

function scaledAspect(image: { width: number; height: number }): number {
  return (image.width / image.height) * RECOGNITION_WIDTH_SCALE;
}
