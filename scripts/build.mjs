// npm run build: every entry through Vite, then dist/chrome and dist/firefox from
// the one manifest.json (each browser gets only the keys it understands).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { writeIcons } from './icons.mjs';
import { writeModels } from './models.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = join(root, 'dist/.build');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

const quiet = { logLevel: 'warn', configFile: join(root, 'vite.config.ts') };
await build({ ...quiet, mode: 'production' });
await build({ ...quiet, mode: 'content' });
writeIcons(join(staging, 'icons'));
await writeModels(staging);

function manifestFor(target) {
  const m = structuredClone(source);
  m.version = pkg.version;
  if (target === 'chrome') {
    delete m.background.scripts;
    delete m.browser_specific_settings;
  } else {
    // Firefox: background page (it hosts the worker itself); no offscreen API.
    delete m.background.service_worker;
    m.permissions = m.permissions.filter((p) => p !== 'offscreen');
  }
  return m;
}

for (const target of ['chrome', 'firefox']) {
  const out = join(root, 'dist', target);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(staging, out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(target), null, 2)}\n`);
  console.log(`built ${join('dist', target)}`);
}
