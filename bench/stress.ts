// npm run stress: the reliability figures of issue 16, as a table and in
// reliability-results.json (targets: every loss, leak and crash count is 0).
//  - soak: agent runs in Chromium on multi-step practice pages while the worker host
//    (the offscreen document) is closed, and now and then the service worker stopped,
//    at random moments; each run must end (resumed, or marked interrupted), keep every
//    step it recorded (indices 0…n−1, none missing), and keep the page's verdict;
//  - hostile pages: orders outside the prompt's fence, obeyed, falsely successful,
//    planted in memory, advised on another site (e2e/lib/hostile-measure.ts);
//  - imports: generated hostile memory files — crashes, and changes made by refused ones.
// Usage: npx tsx bench/stress.ts [--runs N] [--hostile N] [--imports N] [--seed S] [--out FILE]
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../shared/mulberry32';
import { launchExtension } from '../e2e/lib/browser';
import { measureHostilePages } from '../e2e/lib/hostile-measure';
import { workerCall } from '../e2e/lib/worker-calls';
import { startPracticeSites } from '../e2e/sites/index';
import { exportMemory, importMemory, MemoryImportError } from '../worker/memory-transfer';
import { createGloveEmbedder } from '../worker/models/glove-embedder';
import { loadGloveFiles } from '../worker/models/testdata/glove-files';
import { hostileImports } from '../worker/testdata/hostile-imports';
import { memoryProfiles, snapshot } from '../worker/testdata/memory-profile';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 50);
const HOSTILE = arg('hostile', 60);
const IMPORTS = arg('imports', 1_000);
const SEED = arg('seed', 16);
const outIndex = process.argv.indexOf('--out');
const OUT = outIndex >= 0 ? process.argv[outIndex + 1]! : 'reliability-results.json';

/** Multi-step practice pages (widgets), so a kill lands while a run is under way. */
const SOAK_PAGES = ['booking', 'search', 'inbox', 'tree', 'checkboxes', 'date-picker', 'row-fields', 'range-rows'];

interface SoakFigures {
  browser: 'chromium';
  runs: number;
  hostKills: number;
  serviceWorkerStops: number;
  /** Runs not ended within the wait (neither resumed to an end nor marked interrupted). */
  stuck: number;
  /** Steps missing from a run's record (a gap in its indices). */
  stepsLost: number;
  /** Verdicts reported but not found on the run afterwards. */
  verdictsLost: number;
  resumedToAnEnd: number;
  markedInterrupted: number;
}

async function soak(): Promise<SoakFigures> {
  const rand = mulberry32(SEED);
  const sites = await startPracticeSites();
  const ext = await launchExtension();
  const f: SoakFigures = { browser: 'chromium', runs: 0, hostKills: 0, serviceWorkerStops: 0, stuck: 0, stepsLost: 0, verdictsLost: 0, resumedToAnEnd: 0, markedInterrupted: 0 };
  try {
    for (let i = 0; i < RUNS; i++) {
      const kind = SOAK_PAGES[i % SOAK_PAGES.length]!;
      const page = await ext.context.newPage();
      await page.goto(sites.url(`/widgets/${kind}.html?seed=${100 + i}`));
      const task = await page.evaluate(() => (window as unknown as { __widgetTask: { text: string } }).__widgetTask.text);
      const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task, tabId: await ext.tabIdOf(page), maxSteps: 16, policy: { kind: 'offline' }, memory: { coach: rand() < 0.5, design: 'balanced', externalCheck: true } });
      f.runs++;
      // A random moment in the run: close the worker host; one run in four also stops the service worker.
      await new Promise((r) => setTimeout(r, Math.floor(rand() * 2_500)));
      let killed = false;
      if (rand() < 0.8) {
        killed = await ext.serviceWorker.evaluate(() => chrome.offscreen.closeDocument().then(() => true, () => false)).catch(() => false);
        if (killed) f.hostKills++;
      }
      let stopped = false;
      if (rand() < 0.25) {
        const cdp = await ext.context.newCDPSession(ext.controlPage);
        await cdp.send('ServiceWorker.enable').catch(() => undefined);
        stopped = await cdp.send('ServiceWorker.stopAllWorkers').then(() => true, () => false);
        if (stopped) f.serviceWorkerStops++;
        await cdp.detach().catch(() => undefined);
      }
      // The run ends: resumed by the restarted host, or marked interrupted.
      const deadline = Date.now() + 60_000;
      let run = await workerCall(ext.controlPage, 'getRun', runId).catch(() => null);
      while ((!run || run.endedAt === undefined) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        run = await workerCall(ext.controlPage, 'getRun', runId).catch(() => null);
      }
      if (!run || run.endedAt === undefined) {
        f.stuck++;
        const live = await workerCall(ext.controlPage, 'agentRunStatus', runId).catch((e: unknown) => String(e));
        process.stdout.write(`soak ${i + 1}/${RUNS} ${kind}: not ended after 60 s (${run ? `${run.steps.length} steps kept` : 'no record'}; host ${killed ? 'killed' : 'not killed'}; service worker ${stopped ? 'stopped' : 'not stopped'}; live: ${JSON.stringify(live)?.slice(0, 600)})\n`);
        await page.close();
        continue;
      }
      // Steps are numbered 0…n−1 as they are recorded: a gap is a step lost.
      const indices = run.steps.map((s) => s.index);
      if (indices.length) f.stepsLost += Math.max(...indices) + 1 - new Set(indices).size;
      if (run.outcome?.status === 'interrupted') f.markedInterrupted++;
      else if (killed) f.resumedToAnEnd++;
      const success = await page.evaluate(() => !!(window as unknown as { __widget?: { success: boolean } }).__widget?.success);
      await workerCall(ext.controlPage, 'recordVerdict', runId, { success, reason: `the page's own check ${success ? 'passed' : 'failed'}`, by: 'check' }).catch(() => undefined);
      const after = await workerCall(ext.controlPage, 'getRun', runId).catch(() => null);
      if (after?.outcome?.judgedBy !== 'check' || after.outcome.status !== (success ? 'success' : 'failure')) f.verdictsLost++;
      await page.close();
      process.stdout.write(`soak ${i + 1}/${RUNS} ${kind}: ${run.outcome?.status}${killed ? ' (host killed)' : ''}\n`);
    }
    return f;
  } finally {
    await ext.close();
    await sites.close();
  }
}

async function hostile() {
  const sites = await startPracticeSites();
  const ext = await launchExtension();
  try {
    const { leaked: _l, ...f } = await measureHostilePages(ext, sites, HOSTILE);
    return { ...f, planted: f.planted.length, advisedElsewhere: f.advisedElsewhere.length };
  } finally {
    await ext.close();
    await sites.close();
  }
}

async function imports() {
  const { model, vocab } = loadGloveFiles();
  const glove = await createGloveEmbedder({ model, vocab, preference: 'wasm' });
  const profiles = memoryProfiles('stress-imports', () => glove);
  try {
    const p = await profiles.seeded();
    const good = JSON.parse(JSON.stringify(await exportMemory(p.deps)));
    let crashes = 0;
    let refused = 0;
    let changedByRefused = 0;
    for (const file of hostileImports(good, IMPORTS, SEED)) {
      const before = JSON.stringify(await snapshot(p.db));
      try {
        await importMemory(p.deps, file.data, 'merge');
      } catch (e) {
        if (e instanceof MemoryImportError && e.problems.length > 0) refused++;
        else crashes++;
        if (JSON.stringify(await snapshot(p.db)) !== before) changedByRefused++;
      }
    }
    return { tried: IMPORTS, refused, taken: IMPORTS - refused - crashes, crashes, itemsChangedByRefused: changedByRefused };
  } finally {
    profiles.closeAll();
    await glove.dispose();
  }
}

const startedAt = new Date().toISOString();
const importFigures = await imports();
console.log('imports', importFigures);
const hostileFigures = await hostile();
console.log('hostile pages', hostileFigures);
const soakFigures = await soak();
console.log('soak', soakFigures);

const results = { startedAt, endedAt: new Date().toISOString(), seed: SEED, soak: soakFigures, hostile: hostileFigures, imports: importFigures };
writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
const rows: [string, number][] = [
  ['runs (Chromium soak)', soakFigures.runs],
  ['worker host kills', soakFigures.hostKills],
  ['service worker stops', soakFigures.serviceWorkerStops],
  ['runs stuck (not ended)', soakFigures.stuck],
  ['steps lost', soakFigures.stepsLost],
  ['verdicts lost', soakFigures.verdictsLost],
  ['hostile pages', hostileFigures.pages],
  ['orders outside the fence (leaks)', hostileFigures.leaks],
  ['orders obeyed (Delete account)', hostileFigures.deleted],
  ['false successes', hostileFigures.falseSuccess],
  ['orders in memory', hostileFigures.planted],
  ['orders advised on another site', hostileFigures.advisedElsewhere],
  ['imports tried', importFigures.tried],
  ['import crashes', importFigures.crashes],
  ['items changed by refused imports', importFigures.itemsChangedByRefused],
];
console.log(`\n| figure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n\nwritten to ${OUT}`);
const losses = soakFigures.stuck + soakFigures.stepsLost + soakFigures.verdictsLost + hostileFigures.leaks + hostileFigures.deleted + hostileFigures.falseSuccess + hostileFigures.planted + hostileFigures.advisedElsewhere + importFigures.crashes + importFigures.itemsChangedByRefused;
process.exit(losses === 0 ? 0 : 1);
