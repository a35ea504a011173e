// Only the vector-index benchmark, for quick iteration: npx tsx bench/index.run.ts
import { indexBench } from './index.bench';

const started = performance.now();
const results = await indexBench();
for (const r of results) {
  const target = r.target ? ` target ${r.target.max !== undefined ? `≤ ${r.target.max}` : `≥ ${r.target.min}`} ${r.target.met ? 'met' : 'MISSED'}` : '';
  console.log(`${r.name}: median ${r.median.toFixed(3)} ${r.unit}, baseline ${r.baseline.toFixed(3)} ${r.unit}, ratio ${r.ratio}${target}`);
  console.log(`    ${r.data}`);
}
console.log(`index bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (results.some((r) => r.target && !r.target.met)) process.exitCode = 1;
