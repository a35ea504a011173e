// Test fixtures: a browser with the extension and a fixture server. Tests of one file
// share a browser (cheap), but each file gets a fresh one with a fresh profile: memory
// one file's runs wrote must not steer the agent in another file's tests.
import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { type ExtensionSession, launchExtension } from '../lib/browser';
import { type FixtureServer, startServer } from '../lib/server';
import { generatedRoutes } from '../fixtures/generated';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/pages');

interface FileBrowser {
  file: string;
  session: ExtensionSession;
}

export const test = base.extend<{ ext: ExtensionSession }, { fileBrowser: { current?: FileBrowser }; server: FixtureServer }>({
  // Holds the browser of the file being run; closed when the next file starts, or at the end.
  fileBrowser: [
    async ({}, use) => {
      const holder: { current?: FileBrowser } = {};
      await use(holder);
      await holder.current?.session.close();
    },
    { scope: 'worker' },
  ],
  ext: async ({ fileBrowser }, use, testInfo) => {
    if (fileBrowser.current?.file !== testInfo.file) {
      await fileBrowser.current?.session.close();
      fileBrowser.current = undefined;
      fileBrowser.current = { file: testInfo.file, session: await launchExtension() };
    }
    await use(fileBrowser.current.session);
  },
  server: [
    async ({}, use) => {
      const server = await startServer(FIXTURE_DIR, generatedRoutes);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
