// Launching Debian's Chromium with the built extension, and talking to the
// extension through its own message protocol from one of its pages.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, type Worker, chromium } from 'playwright-core';
import { envelope, type MessageType, type Reply, type RequestOf, type ResponseOf, unwrapReply } from '../../shared/protocol';

export const CHROMIUM = process.env.WAYMARK_CHROMIUM ?? '/usr/lib/chromium/chromium';
// WAYMARK_CHROME_EXT: another build (the learning benchmark runs a snapshot, so a build meanwhile changes nothing).
export const EXTENSION_DIR = resolve(process.env.WAYMARK_CHROME_EXT ?? join(import.meta.dirname, '../../dist/chrome'));

export interface LaunchOptions {
  profileDir?: string;
  headed?: boolean;
  webgpu?: boolean;
  extensionDir?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** An extension page kept open to send protocol messages from. */
  controlPage: Page;
  send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>>;
  /** Sends anything at all (for malformed-message tests) and returns the raw reply. */
  sendRaw(message: unknown): Promise<Reply | undefined>;
  tabIdOf(page: Page): Promise<number>;
  close(): Promise<void>;
}

export function chromiumArgs(extensionDir: string, opts: { webgpu?: boolean } = {}): string[] {
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
  ];
  if (opts.webgpu) args.push('--enable-unsafe-webgpu');
  return args;
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionSession> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir}: run \`npm run build\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'waymark-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: !opts.headed,
    args: chromiumArgs(extensionDir, opts),
    viewport: { width: 1280, height: 720 },
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  const controlPage = await context.newPage();
  await controlPage.goto(`chrome-extension://${extensionId}/popup/popup.html?control=1`);

  const sendRaw = (message: unknown) =>
    controlPage.evaluate((m) => chrome.runtime.sendMessage(m) as Promise<Reply | undefined>, message);

  return {
    context,
    serviceWorker,
    extensionId,
    controlPage,
    sendRaw,
    async send(type, payload) {
      return unwrapReply(type, await sendRaw(envelope(type, payload)));
    },
    async tabIdOf(page) {
      const url = page.url();
      const ids = await controlPage.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id!), url);
      if (ids.length !== 1) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
      return ids[0]!;
    },
    close: () => context.close(),
  };
}
