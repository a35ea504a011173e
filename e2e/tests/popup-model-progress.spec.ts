// The popup shows the in-browser model's download/load progress while a run waits for
// it, and a clear failure (with the hint to pick another policy) when it cannot load.
//
// Real WebLLM, on Chromium's software WebGPU adapter, through the popup's own form. No
// model is faked: WebLLM's model hosts (huggingface.co, raw.githubusercontent.com) are
// mapped to a local TCP port that accepts connections and never answers, like a very slow
// network. WebLLM stays at its first download (the model's config), so the loading state
// can be looked at as long as the test likes; then the port is closed, the download
// fails, and the popup must show WebLLM's failure. What cannot happen here is a download
// that makes progress (no model weights anywhere): the progress fraction, WebLLM's
// "Fetching param cache[…]" words and "model ready" are covered by model-progress.test.ts.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM, chromiumArgs, EXTENSION_DIR } from '../lib/browser';
import { workerCall } from '../lib/worker-calls';
import { expect, test } from './fixtures';

const SMALL_F32_MODEL = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const MODEL_HOSTS = ['huggingface.co', 'raw.githubusercontent.com'];

/** A local port that takes connections and holds them unanswered until `close`, which refuses any more. */
async function startSilentHost(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  let seen = 0;
  const server: Server = createServer((socket) => {
    seen++;
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Chromium with the extension and WebGPU (software), the model hosts sent to `port`, every other name unresolved. */
async function launchWithModelHostsAt(port: number): Promise<{ context: BrowserContext; extensionId: string }> {
  const rules = [...MODEL_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(' , ');
  const args = chromiumArgs(EXTENSION_DIR, { webgpu: true }).map((a) => (a.startsWith('--host-resolver-rules=') ? `--host-resolver-rules=${rules}` : a));
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'waymark-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport: { width: 1280, height: 720 },
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  return { context, extensionId: new URL(serviceWorker.url()).host };
}

test('the popup shows WebLLM loading while its download hangs, then the failure with the hint to pick another policy', async ({ server }) => {
  test.setTimeout(120_000);
  const host = await startSilentHost();
  const { context, extensionId } = await launchWithModelHostsAt(host.port);
  try {
    const page = await context.newPage();
    await page.goto(server.url('/newsletter.html'));
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?control=1`);
    const tabId = await popup.evaluate(async (url) => (await chrome.tabs.query({ url })).map((t) => t.id!), page.url());
    expect(tabId).toHaveLength(1);
    // The popup as the user has it for that tab (?tab= stands in for "the active tab"; control=1 lets the test ask the worker too).
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?tab=${tabId[0]}&control=1`);

    const box = popup.locator('#model-progress');
    await expect(box).toBeHidden();
    await expect(popup.locator('#policy option[value="webllm"]')).toBeEnabled({ timeout: 30_000 });
    await popup.locator('#policy').selectOption('webllm');
    await popup.locator('#webllm-model').selectOption(SMALL_F32_MODEL);
    await popup.locator('#task').fill('Subscribe Ada Lovelace (ada@example.com) to the newsletter');
    await popup.locator('#start').click();

    // Loading: the labelled bar, indeterminate (nothing measured yet), what WebLLM is at, the software-adapter warning.
    const label = `Downloading and loading ${SMALL_F32_MODEL} (WebLLM)…`;
    const bar = popup.getByRole('progressbar', { name: label });
    await expect(bar).toBeVisible({ timeout: 30_000 });
    await expect(box).toHaveAttribute('data-state', 'loading');
    await expect(bar).not.toHaveAttribute('value');
    await expect(popup.locator('#model-progress-detail')).toHaveText('Starting the download…');
    // The software-adapter warning is the policy note's already, and is not said twice.
    await expect(popup.locator('#policy-note')).toContainText('software adapter');
    await expect(popup.locator('#model-progress-warning')).toBeHidden();
    await expect(popup.locator('#model-progress-error')).toBeHidden();
    await expect(popup.locator('#run-status')).toContainText('Running…');
    await expect(popup.locator('#stop')).toBeEnabled();
    // It is WebLLM's real download that hangs, and the worker says the same as the popup.
    expect(host.connections()).toBeGreaterThan(0);
    const during = await workerCall(popup, 'status');
    expect(during.llm).toEqual([expect.objectContaining({ provider: 'webllm', model: SMALL_F32_MODEL, state: 'loading', users: 1 })]);
    // Still loading a while later (the popup keeps polling and keeps showing it).
    await popup.waitForTimeout(1_500);
    await expect(box).toHaveAttribute('data-state', 'loading');

    // The host goes away: the download fails, and the popup says so, with what to do.
    await host.close();
    const error = popup.getByRole('alert');
    await expect(error).toContainText(`Could not download the model ${SMALL_F32_MODEL}`, { timeout: 60_000 });
    await expect(error).toContainText('no network connection');
    // WebLLM's message says what to do instead (the popup adds its own hint only when the reason does not).
    await expect(error).toContainText('Connect and try again, or choose another policy (offline, or an OpenAI-compatible endpoint).');
    await expect(box).toHaveAttribute('data-state', 'failed');
    await expect(popup.locator('#model-progress-label')).toHaveText(`${SMALL_F32_MODEL} (WebLLM) could not be loaded`);
    await expect(bar).toBeHidden();
    // The run ends after its bookkeeping (stored, learned from), which takes a moment more.
    await expect(popup.locator('#run-status')).toContainText('Finished: failure', { timeout: 60_000 });
    await expect(popup.locator('#run-status')).toContainText('Could not download the model');
    await expect(popup.locator('#start')).toBeEnabled();
    const after = await workerCall(popup, 'status');
    expect(after.llm).toEqual([expect.objectContaining({ state: 'failed', users: 0, error: expect.stringContaining('Could not download') })]);

    // Following the hint: the offline policy needs no model, and the model's box goes away.
    await popup.locator('#policy').selectOption('offline');
    await popup.locator('#start').click();
    await expect(box).toBeHidden();
    await expect(popup.locator('#run-status')).toContainText('Finished:', { timeout: 60_000 });
    await expect(box).toBeHidden();
  } finally {
    await context.close();
    await host.close().catch(() => undefined);
  }
});
