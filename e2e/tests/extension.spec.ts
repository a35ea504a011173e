// The extension loads: service worker, popup, worker through Comlink, the
// protocol's error replies, and screenshots.
import { expect, test } from './fixtures';

test('the service worker starts and answers the protocol', async ({ ext }) => {
  expect(ext.serviceWorker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/background\.js$/);
  const pong = await ext.send('bg.ping', {});
  expect(pong.browser).toBe('chrome');
  expect(pong.version).toMatch(/^\d+\.\d+\.\d+$/);
});

test('the worker answers through Comlink from the offscreen document', async ({ ext }) => {
  const status = await ext.send('bg.workerStatus', {});
  expect(status.host).toBe('chrome-offscreen');
  const contexts = await ext.serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({})).map((c) => c.contextType));
  expect(contexts).toContain('OFFSCREEN_DOCUMENT');
});

test('the popup shows the worker answer and the tab element count', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  const tabId = await ext.tabIdOf(page);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup/popup.html?tab=${tabId}`);
  await expect(popup.locator('#worker-status')).toContainText('answers (host: chrome-offscreen');
  await expect(popup.locator('#tab-status')).toContainText('interactive elements');
  const count = Number(await popup.locator('#tab-status').getAttribute('data-elements'));
  const observed = await ext.send('bg.observe', { tabId });
  expect(count).toBe(observed.elements.length);
  await popup.screenshot({ path: test.info().outputPath('popup.png') });
  await popup.close();
  await page.close();
});

test('malformed and unknown messages get clear error replies', async ({ ext }) => {
  expect(await ext.sendRaw('hello')).toEqual({ ok: false, error: { code: 'malformed_message', message: expect.stringContaining('waymark') } });
  expect(await ext.sendRaw({ waymark: 1, type: 'bg.nope', payload: {} })).toMatchObject({ ok: false, error: { code: 'unknown_message' } });
  const bad = await ext.sendRaw({ waymark: 1, type: 'bg.act', payload: { tabId: 1, action: { kind: 'click' } } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('action.index') } });
  const noTab = await ext.sendRaw({ waymark: 1, type: 'bg.observe', payload: { tabId: 999999 } });
  expect(noTab).toMatchObject({ ok: false, error: { code: 'handler_error', message: expect.stringMatching(/tab/i) } });
  // And the extension still works afterwards.
  expect((await ext.send('bg.ping', {})).browser).toBe('chrome');
});

test('a screenshot comes back as JPEG and shows the page', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/colors.html'));
  await page.bringToFront();
  const tabId = await ext.tabIdOf(page);
  const shot = await ext.send('bg.screenshot', { tabId, scale: 0.5, quality: 0.8 });
  expect(shot.dataUrl.startsWith('data:image/jpeg;base64,')).toBe(true);
  expect(shot.width).toBe(640);
  expect(shot.height).toBe(360);
  // Sample the decoded image: red block top-left, blue block at (640,360)-(960,540) → scaled by 0.5.
  const pixels = await ext.controlPage.evaluate(async (dataUrl) => {
    const img = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const canvas = new OffscreenCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const at = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
    return { red: at(80, 45), blue: at(400, 225), white: at(500, 60) };
  }, shot.dataUrl);
  const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]!) < 40);
  expect(near(pixels.red, [255, 0, 0]), `red block pixel ${pixels.red}`).toBe(true);
  expect(near(pixels.blue, [0, 0, 255]), `blue block pixel ${pixels.blue}`).toBe(true);
  expect(near(pixels.white, [255, 255, 255]), `background pixel ${pixels.white}`).toBe(true);
  await page.close();
});

test('a closed worker host is started again on the next call', async ({ ext }) => {
  await ext.send('bg.workerStatus', {});
  await ext.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  const status = await ext.send('bg.workerStatus', {});
  expect(status.host).toBe('chrome-offscreen');
  // A fresh worker: its uptime restarted.
  expect(status.uptimeMs).toBeLessThan(10_000);
});
