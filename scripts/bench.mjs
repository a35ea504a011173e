// npm run bench: build if needed, then run the benchmarks (TypeScript through tsx).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync('dist/chrome/manifest.json') || process.env.WAYMARK_REBUILD !== '0') run('node', ['scripts/build.mjs']);
run('npx', ['tsx', 'bench/run.ts']);
