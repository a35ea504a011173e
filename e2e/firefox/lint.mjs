#!/usr/bin/env node
// Lints the Firefox build with web-ext (addons-linter), without npm:
//
//   node e2e/firefox/lint.mjs [--dir dist/firefox] [--self-hosted] [--strict]
//
// Prints the summary and every message; exits 1 on any error (with --strict,
// on any warning too). Build first: `npm run build` (or `node scripts/build.mjs`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(root, 'dist/firefox') },
    'self-hosted': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const sourceDir = resolve(values.dir);
if (!existsSync(join(sourceDir, 'manifest.json'))) {
  console.error(`no built extension at ${sourceDir}: run \`node scripts/build.mjs\` first`);
  process.exit(2);
}

const webExt = join(root, 'node_modules/web-ext/bin/web-ext.js');
const args = [webExt, 'lint', '--source-dir', sourceDir, '--no-input', '--output', 'json'];
if (values['self-hosted']) args.push('--self-hosted');
const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.error) throw run.error;

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`web-ext lint did not print a JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(2);
}

const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${sourceDir}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
for (const m of [...report.errors, ...report.warnings, ...report.notices]) {
  const where = m.file ? ` ${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
  console.log(`  ${m._type.toUpperCase()} ${m.code}${where}: ${m.message}`);
}
process.exit(errors > 0 || (values.strict && warnings > 0) ? 1 : 0);
