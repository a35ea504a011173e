// Screenshots of a tab's visible area, as JPEG at a configurable scale and quality.
import browser from 'webextension-polyfill';
import { bytesToDataUrl } from '../../shared/data-url';
import type { Screenshot, ScreenshotOptions } from '../../shared/protocol';

const DEFAULT_SCALE = 0.5;
const DEFAULT_QUALITY = 0.7;

async function captureWithRetry(windowId: number): Promise<string> {
  // Chrome limits captures per second; one retry after the window passes.
  try {
    return await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  } catch (e) {
    if (!/MAX_CAPTURE|quota|rate/i.test(String(e))) throw e;
    await new Promise((r) => setTimeout(r, 1100));
    return browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  }
}

export async function captureTab(tabId: number, opts: ScreenshotOptions): Promise<Screenshot> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) await browser.tabs.update(tabId, { active: true });
  const png = await captureWithRetry(tab.windowId!);
  const bitmap = await createImageBitmap(await (await fetch(png)).blob());
  const scale = opts.scale ?? DEFAULT_SCALE;
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas context for the screenshot');
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: opts.quality ?? DEFAULT_QUALITY });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { dataUrl: bytesToDataUrl(bytes, 'image/jpeg'), width, height, bytes: bytes.length };
}
