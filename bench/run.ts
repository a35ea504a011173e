// npm run bench: runs every benchmark and writes bench-results.json.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension } from '../e2e/lib/browser';
import { startServer } from '../e2e/lib/server';
import { generatedRoutes } from '../e2e/fixtures/generated';
import { coachBench } from './coach.bench';
import { embedBench } from './embed.bench';
import { indexBench } from './index.bench';
import { observeBench } from './observe.bench';
import type { BenchResult } from './stats';

const out = resolve(import.meta.dirname, '../bench-results.json');
const server = await startServer(resolve(import.meta.dirname, '../e2e/fixtures/pages'), generatedRoutes);
const ext = await launchExtension();
const results: BenchResult[] = [];
try {
  results.push(...(await observeBench(ext, server)));
} finally {
  await ext.close();
  await server.close();
}
// Worker logic, measured in Node (the same V8 as the extension's worker).
results.push(...(await embedBench()));
results.push(...(await indexBench()));
results.push(...(await coachBench()));
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: { cores: (await import('node:os')).cpus().length }, results }, null, 2)}\n`);
for (const r of results) {
  const target = r.target ? ` target ${r.target.max !== undefined ? `≤ ${r.target.max}` : `≥ ${r.target.min}`} ${r.target.met ? 'met' : 'MISSED'}` : '';
  console.log(`${r.name}: median ${r.median.toFixed(2)} ${r.unit}, baseline ${r.baseline.toFixed(2)} ${r.unit}, ratio ${r.ratio}${target}`);
}
console.log(`wrote ${out}`);
if (results.some((r) => r.target && !r.target.met)) process.exitCode = 1;
