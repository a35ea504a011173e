// Test fixtures: one browser with the extension and one fixture server per test file.
import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { type ExtensionSession, launchExtension } from '../lib/browser';
import { type FixtureServer, startServer } from '../lib/server';
import { generatedRoutes } from '../fixtures/generated';

export const FIXTURE_DIR = resolve(import.meta.dirname, '../fixtures/pages');

export const test = base.extend<object, { ext: ExtensionSession; server: FixtureServer }>({
  ext: [
    async ({}, use) => {
      const ext = await launchExtension();
      await use(ext);
      await ext.close();
    },
    { scope: 'worker' },
  ],
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
