// The main job: Waymark's agent in Chromium on local practice pages, with the offline
// policy (no model needed). Each task is given as text only; the agent observes, decides
// and acts inside the extension, every step is stored, and the page is checked after.
// With an OpenAI-compatible endpoint: --base-url URL --model NAME [--api-key KEY].
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PolicyConfig } from '../shared/worker-api';
import { launchExtension } from './lib/browser';
import { startServer } from './lib/server';
import { workerCall } from './lib/worker-calls';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const headed = args.includes('--headed');
const baseUrl = flag('--base-url');
const model = flag('--model');
const apiKey = flag('--api-key');
const policy: PolicyConfig = baseUrl && model ? { kind: 'openai', baseUrl, model, ...(apiKey ? { apiKey } : {}) } : { kind: 'offline' };
const outDir = resolve(import.meta.dirname, '../out/demo');
mkdirSync(outDir, { recursive: true });

/** Practice tasks: where to start, what to ask, and how to check the page afterwards. */
const TASKS = [
  { path: '/newsletter.html', task: 'Subscribe Ada Lovelace (ada@example.com) to the newsletter', check: '#who', expect: 'Ada Lovelace <ada@example.com> gets the next issue.' },
  { path: '/library/index.html', task: 'Find the book "Children of Dune" in the library catalogue and open it', check: 'h1', expect: 'Children of Dune' },
];

const server = await startServer(resolve(import.meta.dirname, 'fixtures/pages'));
const ext = await launchExtension({ headed });
let failures = 0;
try {
  const worker = await ext.send('bg.workerStatus', {});
  console.log(`Waymark ${worker.version}: worker up (${worker.host}); policy: ${policy.kind}${policy.kind === 'openai' ? ` ${policy.model} at ${policy.baseUrl}` : ''}`);
  for (const [n, t] of TASKS.entries()) {
    const page = await ext.context.newPage();
    await page.goto(server.url(t.path));
    await page.bringToFront();
    const tabId = await ext.tabIdOf(page);
    console.log(`\nTask ${n + 1}: ${t.task}`);
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: t.task, tabId, maxSteps: 10, policy });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    const run = await workerCall(ext.controlPage, 'getRun', runId);
    for (const step of run?.steps ?? []) {
      step.output.actions.forEach((a, i) => {
        const r = step.results[i];
        console.log(`  step ${step.index + 1}: ${r ? (r.ok ? '✓' : '✗') : '·'} ${a.intent ?? a.kind}${r?.error ? ` (${r.error.message})` : ''}`);
      });
    }
    const shown = (await page.locator(t.check).first().textContent())?.trim();
    const ok = shown === t.expect;
    if (!ok) failures++;
    console.log(`  outcome: ${status?.result?.outcome.status ?? status?.error} — ${status?.result?.outcome.reason ?? ''}`);
    console.log(`  page check: ${ok ? 'passed' : 'FAILED'} (${t.check} says ${JSON.stringify(shown)})`);
    const shot = await ext.send('bg.screenshot', { tabId, scale: 0.5, quality: 0.8 });
    const file = resolve(outDir, `task-${n + 1}.jpg`);
    writeFileSync(file, Buffer.from(shot.dataUrl.split(',')[1]!, 'base64'));
    console.log(`  screenshot: ${file}`);
    await page.close();
  }
  console.log(`\n${TASKS.length - failures} of ${TASKS.length} tasks done (checked on the page). Runs are stored in the extension's memory store.`);
  if (failures) process.exitCode = 1;
} finally {
  await ext.close();
  await server.close();
}
