// The main job, for now: Waymark in Chromium on a local practice page. It observes
// the page through the extension, fills in and submits the form by acting on
// observed elements, and saves a screenshot. (The agent that decides the actions
// itself comes with the agent issue; here the demo names the fields.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Action } from '../shared/actions';
import { describeAction } from '../shared/actions';
import { renderObservation } from '../shared/observation';
import { launchExtension } from './lib/browser';
import { startServer } from './lib/server';

const headed = process.argv.includes('--headed');
const outDir = resolve(import.meta.dirname, '../out/demo');
mkdirSync(outDir, { recursive: true });

const server = await startServer(resolve(import.meta.dirname, 'fixtures/pages'));
const ext = await launchExtension({ headed });
try {
  const worker = await ext.send('bg.workerStatus', {});
  console.log(`Waymark ${worker.version}: worker up (${worker.host})`);
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  await page.bringToFront();
  const tabId = await ext.tabIdOf(page);

  const o = await ext.send('bg.observe', { tabId });
  console.log(`\nObserved ${o.elements.length} interactive elements in ${o.tookMs.toFixed(1)} ms:\n`);
  console.log(renderObservation(o));

  const index = (name: string) => {
    const e = o.elements.find((x) => x.name === name);
    if (!e) throw new Error(`the page has no element named ${JSON.stringify(name)}`);
    return e.index;
  };
  const plan: Action[] = [
    { kind: 'type', index: index('Full name'), text: 'Ada Lovelace', intent: 'fill in the name' },
    { kind: 'type', index: index('Email address'), text: 'ada@example.org', intent: 'fill in the email' },
    { kind: 'select', index: index('Plan'), option: 'Pro', intent: 'choose the plan' },
    { kind: 'click', index: index('I accept the terms'), intent: 'accept the terms' },
    { kind: 'click', index: index('Create account'), intent: 'submit' },
  ];
  console.log('\nActing:');
  for (const action of plan) {
    const r = await ext.send('bg.act', { tabId, action });
    console.log(`  ${r.ok ? '✓' : '✗'} ${describeAction(action)} — ${action.intent}${r.error ? ` (${r.error.message})` : ''} [${r.tookMs.toFixed(0)} ms]`);
    if (!r.ok) process.exitCode = 1;
  }
  const result = await page.locator('#result').textContent();
  console.log(`\nThe page now says: ${result}`);
  if (result !== 'Submitted: Ada Lovelace <ada@example.org>') process.exitCode = 1;

  const shot = await ext.send('bg.screenshot', { tabId, scale: 0.5, quality: 0.8 });
  const file = resolve(outDir, 'screenshot.jpg');
  writeFileSync(file, Buffer.from(shot.dataUrl.split(',')[1]!, 'base64'));
  console.log(`Screenshot (${shot.width}×${shot.height}, ${shot.bytes} bytes): ${file}`);
} finally {
  await ext.close();
  await server.close();
}
