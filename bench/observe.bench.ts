// Observe on a 5,000-element page: the extension's content script against a
// straightforward observer (querySelectorAll + getComputedStyle for every element),
// both in the same page, with styles invalidated before every run as after a real action.
// Repeat observations reuse descriptions the DOM has not changed under (the content
// script keeps them until a mutation touches them), so two harder cases are measured
// too: after a change that drops every kept description (a label added or removed),
// and the first observation of a freshly loaded page, each sample on its own load.
import type { ExtensionSession } from '../e2e/lib/browser';
import type { FixtureServer } from '../e2e/lib/server';
import { type BenchResult, median, result } from './stats';

const RUNS = 21;
const WARMUP = 3;
/** First observations: each sample is a page load, for ours and for the baseline. */
const FIRST_RUNS = 9;

/** The naive observer, run in the page: every element's computed style and box. */
function naiveObserve(): number {
  const started = performance.now();
  const found: { tag: string; name: string; x: number; y: number }[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const tag = el.localName;
    const interactive = ['a', 'button', 'input', 'select', 'textarea'].includes(tag) || el.hasAttribute('role') || cs.cursor === 'pointer';
    if (!interactive) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    found.push({ tag, name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 100), x: r.x, y: r.y });
  }
  (window as unknown as { __found: number }).__found = found.length;
  return performance.now() - started;
}

export async function observeBench(ext: ExtensionSession, server: FixtureServer): Promise<BenchResult[]> {
  const page = await ext.context.newPage();
  await page.goto(server.url('/many.html?n=5000'));
  const tabId = await ext.tabIdOf(page);
  const invalidate = () => page.evaluate(() => document.body.classList.toggle('bench-tick'));
  const ours: number[] = [];
  const roundTrip: number[] = [];
  const naive: number[] = [];
  let count = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await invalidate();
    const t0 = performance.now();
    const o = await ext.send('bg.observe', { tabId });
    const t1 = performance.now();
    await invalidate();
    const n = await page.evaluate(naiveObserve);
    if (i < WARMUP) continue;
    ours.push(o.tookMs);
    roundTrip.push(t1 - t0);
    naive.push(n);
    count = o.elements.length;
  }
  const changed: number[] = [];
  const naiveChanged: number[] = [];
  // A label added to (or removed from) the page: which control each label names may change.
  const relabel = () =>
    page.evaluate(() => {
      const added = document.getElementById('bench-label');
      if (added) added.remove();
      else document.querySelector('main')!.append(Object.assign(document.createElement('label'), { id: 'bench-label', textContent: 'Note' }));
      document.body.classList.toggle('bench-tick');
    });
  for (let i = 0; i < RUNS; i++) {
    await relabel();
    changed.push((await ext.send('bg.observe', { tabId })).tookMs);
    await relabel();
    naiveChanged.push(await page.evaluate(naiveObserve));
  }
  await page.close();
  if (count < 5000) throw new Error(`observe found ${count} elements on the 5,000-element page`);
  const first: number[] = [];
  const naiveFirst: number[] = [];
  for (let i = 0; i < FIRST_RUNS; i++) {
    const fresh = await ext.context.newPage();
    await fresh.goto(server.url('/many.html?n=5000'));
    const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(fresh) });
    if (o.elements.length < 5000) throw new Error(`first observe found ${o.elements.length} elements`);
    first.push(o.tookMs);
    await fresh.goto(server.url('/many.html?n=5000&baseline=1'));
    naiveFirst.push(await fresh.evaluate(naiveObserve));
    await fresh.close();
  }
  const data = `generated catalogue page, 5,000 interactive elements (+2 nav links), ${count} observed; Chromium headless`;
  const baseline = median(naive);
  return [
    result({ name: 'observe-5000-elements', median: median(ours), baseline, unit: 'ms', samples: RUNS, data, max: 50 }),
    result({ name: 'observe-5000-elements-changed', median: median(changed), baseline: median(naiveChanged), unit: 'ms', samples: RUNS, data: `${data}; after a change that drops every kept description (a label added or removed)` }),
    result({ name: 'observe-5000-elements-first', median: median(first), baseline: median(naiveFirst), unit: 'ms', samples: FIRST_RUNS, data: `${data}; the first observation of a freshly loaded page (nothing kept yet), baseline also on a fresh load` }),
    result({ name: 'observe-5000-elements-round-trip', median: median(roundTrip), baseline, unit: 'ms', samples: RUNS, data: `${data}; includes messaging and JSON of the observation from the extension page` }),
  ];
}
