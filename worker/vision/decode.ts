// Screenshot bytes (PNG or JPEG) → RgbaImage, in the worker. Browser-only:
// createImageBitmap and OffscreenCanvas exist in dedicated workers, not in Node.
import type { RgbaImage } from './image';

/** The bytes are not an image the browser can decode, or this context cannot decode at all. */
export class ImageDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

export async function decodeImage(input: Blob | ArrayBuffer | Uint8Array, type = 'image/png'): Promise<RgbaImage> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') {
    throw new ImageDecodeError('decoding screenshots needs createImageBitmap and OffscreenCanvas (a browser worker or page)');
  }
  const blob = input instanceof Blob ? input : new Blob([input instanceof Uint8Array ? copyBytes(input) : input], { type });
  if (blob.size === 0) throw new ImageDecodeError('the screenshot is empty (0 bytes)');
  let bitmap: ImageBitmap;
  try {
    // Screenshots are sRGB already; no colour conversion, no premultiplied alpha to undo.
    bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ImageDecodeError(`the screenshot could not be decoded as an image (${blob.type || 'unknown type'}, ${blob.size} bytes): ${why}`);
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new ImageDecodeError('no 2D canvas context in this worker');
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: pixels.width, height: pixels.height, data: pixels.data };
  } finally {
    bitmap.close();
  }
}

/** A Uint8Array view may share a larger or shared buffer; Blob wants its own bytes. */
function copyBytes(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
