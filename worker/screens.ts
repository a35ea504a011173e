// Screenshots of runs and their features. OCR and the visual signature are computed
// only when asked for (never on a step that does not need them) and kept once computed.
import type { OcrLine, ScreenshotInput, VisualSignature } from '../shared/worker-api';
import type { Ocr } from './ocr/ocr';
import type { RunStore } from './store/run-store';
import { StoreError } from './store/store-error';
import { decodeImage } from './vision/decode';
import { computeSignature } from './vision/signature';
import { blobToDataUrl, dataUrlToBlob, withThumbnail } from './vision/thumbnail';

export class Screens {
  private ocr: Promise<Ocr> | null = null;

  constructor(
    private readonly runs: RunStore,
    private readonly loadOcr: () => Promise<Ocr>,
  ) {}

  async save(input: ScreenshotInput): Promise<{ key: string; width: number; height: number; bytes: number }> {
    const blob = await dataUrlToBlob(input.dataUrl);
    const { image, thumbnail, width, height } = await withThumbnail(blob);
    const key = `${input.trajectoryId}/${input.stepIndex}`;
    await this.runs.putScreenshot({ key, trajectoryId: input.trajectoryId, stepIndex: input.stepIndex, image, thumbnail, width, height, createdAt: Date.now() });
    return { key, width, height, bytes: image.size };
  }

  async get(key: string, which: 'image' | 'thumbnail' = 'image'): Promise<{ dataUrl: string; width: number; height: number } | null> {
    const shot = await this.runs.screenshot(key);
    if (!shot) return null;
    return { dataUrl: await blobToDataUrl(which === 'image' ? shot.image : shot.thumbnail), width: shot.width, height: shot.height };
  }

  /** The OCR engine, loaded on first use; a failed load is tried again next time. */
  private engine(): Promise<Ocr> {
    this.ocr ??= this.loadOcr();
    this.ocr.catch(() => {
      this.ocr = null;
    });
    return this.ocr;
  }

  ocrStatus(): Promise<Ocr> | null {
    return this.ocr;
  }

  async features(key: string, want: { ocr?: boolean; signature?: boolean }): Promise<{ signature?: VisualSignature; ocr?: OcrLine[]; tookMs: number }> {
    const started = performance.now();
    const shot = await this.runs.screenshot(key);
    if (!shot) throw new StoreError('not_found', `No screenshot with key ${key}.`);
    const needSignature = want.signature && !shot.signature;
    const needOcr = want.ocr && !shot.ocr;
    if (needSignature || needOcr) {
      const image = await decodeImage(shot.image);
      if (needSignature) shot.signature = computeSignature(image);
      if (needOcr) shot.ocr = await (await this.engine()).recognize(image);
      await this.runs.putScreenshot(shot);
    }
    return {
      ...(want.signature ? { signature: shot.signature } : {}),
      ...(want.ocr ? { ocr: shot.ocr } : {}),
      tookMs: Math.round(performance.now() - started),
    };
  }
}
