// Screenshots in and out of the store: data URLs to Blobs, and small JPEG thumbnails
// for the inspector. Browser-only (OffscreenCanvas), like decode.ts.
import { bytesToDataUrl } from '../../shared/data-url';
import { ImageDecodeError } from './decode';

export async function dataUrlToBlob(dataUrl: string): Promise<Blob> {
  const comma = dataUrl.indexOf(',');
  const type = /^data:([^;,]+)/.exec(dataUrl)?.[1] ?? 'application/octet-stream';
  let binary: string;
  try {
    binary = atob(dataUrl.slice(comma + 1));
  } catch {
    throw new ImageDecodeError('the screenshot data URL is not valid base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export async function blobToDataUrl(blob: Blob): Promise<string> {
  return bytesToDataUrl(new Uint8Array(await blob.arrayBuffer()), blob.type || 'application/octet-stream');
}

export interface ScreenshotBlobs {
  image: Blob;
  thumbnail: Blob;
  width: number;
  height: number;
}

/** Checks that the image decodes and makes its thumbnail (at most `thumbWidth` wide). */
export async function withThumbnail(image: Blob, thumbWidth = 320): Promise<ScreenshotBlobs> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch (e) {
    throw new ImageDecodeError(`the screenshot could not be decoded (${image.type}, ${image.size} bytes): ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    const scale = Math.min(1, thumbWidth / bitmap.width);
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
    const context = canvas.getContext('2d');
    if (!context) throw new ImageDecodeError('no 2D canvas context in this worker');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const thumbnail = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
    return { image, thumbnail, width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
}
