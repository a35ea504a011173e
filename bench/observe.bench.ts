// Observe on a 5,000-element page: the extension's content script against a
// straightforward observer (querySelectorAll + getComputedStyle for every element),
// both in the same page, with styles invalidated before every run as after a real action.
import type { ExtensionSession } from '../e2e/lib/browser';
import type { FixtureServer } from '../e2e/lib/server';
import { type BenchResult, median, result } from './stats';

const RUNS = 21;
const WARMUP = 3;

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
  await page.close();
  if (count < 5000) throw new Error(`observe found ${count} elements on the 5,000-element page`);
  const data = `generated catalogue page, 5,000 interactive elements (+2 nav links), ${count} observed; Chromium headless`;
  const baseline = median(naive);
  return [
    result({ name: 'observe-5000-elements', median: median(ours), baseline, unit: 'ms', samples: RUNS, data, max: 50 }),
    result({ name: 'observe-5000-elements-round-trip', median: median(roundTrip), baseline, unit: 'ms', samples: RUNS, data: `${data}; includes messaging and JSON of the observation from the extension page` }),
  ];
}
