// A Recorder recording's steps performed with a browser driver's real input. The
// selector forms the Recorder writes are mapped to the driver's: for Playwright,
// `aria/Name[role="x"]` is a role locator, `text/…` a text locator, `xpath/…` an XPath,
// `pierce/…` and plain CSS pierce open shadow roots already; puppeteer reads them all
// as they are. Alternatives are tried in order until one matches (waiting up to the
// step's timeout); a chain (an array) is followed element by element.
import type { Locator, Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { describeSelector, type RecordingStep } from '../../shared/recording';
import { RecordingStepFailed } from './browser-session';

const DEFAULT_TIMEOUT = 5_000;
type Selectors = Extract<RecordingStep, { selectors: unknown }>['selectors'];

function stepTimeout(step: RecordingStep): number {
  const t = (step as { timeout?: unknown }).timeout;
  return typeof t === 'number' && t > 0 ? t : DEFAULT_TIMEOUT;
}

/**
 * One Recorder selector as Playwright locators, best first (relative to `from`). An
 * `aria/Name` without a role is the accessible name of a field, a button, a link or a
 * text, in that order.
 */
function locatorsFor(from: Page | Locator, selector: string): Locator[] {
  const aria = /^aria\/(.*?)(?:\[role="([^"]+)"\])?$/.exec(selector);
  if (aria) {
    const name = aria[1]!;
    if (aria[2]) return [from.getByRole(aria[2] as Parameters<Page['getByRole']>[0], { name, exact: true })];
    return [from.getByLabel(name, { exact: true }), from.getByRole('button', { name, exact: true }), from.getByRole('link', { name, exact: true }), from.getByText(name, { exact: true })];
  }
  if (selector.startsWith('text/')) return [from.getByText(selector.slice(5), { exact: true })];
  if (selector.startsWith('xpath/')) return [from.locator(`xpath=${selector.slice(6)}`)];
  if (selector.startsWith('pierce/')) return [from.locator(selector.slice(7))];
  return [from.locator(selector)];
}

/** A chain of selectors (into frames or shadow roots), each part's first reading. */
function chainLocators(page: Page, chain: string[]): Locator[] {
  const [head, ...tail] = chain;
  let from: Locator[] = locatorsFor(page, head!);
  for (const part of tail) from = from.flatMap((l) => locatorsFor(l, part));
  return from;
}

async function findWithPlaywright(page: Page, selectors: Selectors, timeout: number): Promise<Locator> {
  const candidates = selectors.flatMap((s) => chainLocators(page, Array.isArray(s) ? s : [s]));
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const c of candidates) {
      const first = c.first();
      if ((await first.count().catch(() => 0)) > 0) return first;
    }
    if (Date.now() > deadline) throw new RecordingStepFailed(`no element matches any of its selectors (${selectors.map(describeSelector).join(' | ')})`);
    await page.waitForTimeout(100);
  }
}

/** The navigation a step's `assertedEvents` say it caused (Recorder notes one for each click that loads a page). */
function assertedNavigation(step: RecordingStep): { url?: string } | undefined {
  const events: readonly unknown[] = ('assertedEvents' in step && Array.isArray(step.assertedEvents) ? step.assertedEvents : []) as unknown[];
  const nav = events.find((e): e is { type: 'navigation'; url?: unknown } => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'navigation');
  return nav ? (typeof nav.url === 'string' ? { url: nav.url } : {}) : undefined;
}

/** Whether `href` is the page the recording says the step led to (its path and query; the origin may differ). */
function isRecordedPage(href: string, recorded: string | undefined, before: string): boolean {
  if (recorded === undefined) return href !== before;
  const want = new URL(recorded, href);
  const have = new URL(href);
  return have.pathname === want.pathname && have.search === want.search;
}

/** Performs a step, then waits for the page its recording says it led to, so the next step is not looked for on the old one. */
export async function performWithPlaywright(page: Page, step: RecordingStep): Promise<void> {
  const before = page.url();
  await performOnPlaywright(page, step);
  const navigation = assertedNavigation(step);
  if (!navigation) return;
  try {
    await page.waitForURL((u) => isRecordedPage(u.href, navigation.url, before), { waitUntil: 'load', timeout: stepTimeout(step) });
  } catch {
    throw new RecordingStepFailed(`the page did not move on${navigation.url ? ` to ${navigation.url}` : ''}, as the recording says it did`);
  }
}

async function performOnPlaywright(page: Page, step: RecordingStep): Promise<void> {
  const timeout = stepTimeout(step);
  const run = async (what: () => Promise<unknown>, doing: string) => {
    try {
      await what();
    } catch (e) {
      if (e instanceof RecordingStepFailed) throw e;
      throw new RecordingStepFailed(`${doing}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  };
  switch (step.type) {
    case 'navigate':
      return run(() => page.goto(step.url, { waitUntil: 'load', timeout: 30_000 }), `could not open ${step.url}`);
    case 'click':
    case 'doubleClick': {
      const el = await findWithPlaywright(page, step.selectors, timeout);
      const position = step.offsetX !== undefined && step.offsetY !== undefined ? { x: step.offsetX, y: step.offsetY } : undefined;
      return run(() => (step.type === 'click' ? el.click({ timeout, ...(position ? { position } : {}) }) : el.dblclick({ timeout, ...(position ? { position } : {}) })), 'the element would not take the click');
    }
    case 'hover':
      return run(async () => (await findWithPlaywright(page, step.selectors, timeout)).hover({ timeout }), 'the element would not take the mouse');
    case 'change': {
      const el = await findWithPlaywright(page, step.selectors, timeout);
      const tag = await el.evaluate((e) => e.localName).catch(() => '');
      return run(() => (tag === 'select' ? el.selectOption(step.value, { timeout }) : el.fill(step.value, { timeout })), `the element would not take "${step.value}"`);
    }
    case 'keyDown':
      return run(() => page.keyboard.down(step.key), `could not press ${step.key}`);
    case 'keyUp':
      return run(() => page.keyboard.up(step.key), `could not release ${step.key}`);
    case 'scroll':
      if (step.selectors) {
        const el = await findWithPlaywright(page, step.selectors, timeout);
        return run(() => el.evaluate((e, [x, y]) => e.scrollBy(x ?? 0, y ?? 0), [step.x, step.y] as const), 'could not scroll the element');
      }
      return run(() => page.evaluate(([x, y]) => window.scrollTo(x ?? 0, y ?? 0), [step.x, step.y] as const), 'could not scroll the page');
    case 'waitForElement': {
      const el = await findWithPlaywright(page, step.selectors, timeout);
      if (step.visible !== false) await run(() => el.waitFor({ state: 'visible', timeout }), 'the element did not show');
      return;
    }
    default:
      throw new RecordingStepFailed(`${step.type} steps are not performed`);
  }
}

async function findWithPuppeteer(page: PuppeteerPage, selectors: Selectors, timeout: number) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const s of selectors) {
      const chain = Array.isArray(s) ? s : [s];
      let handle = await page.$(chain[0]!).catch(() => null);
      for (const part of chain.slice(1)) handle = handle ? await handle.$(part).catch(() => null) : null;
      if (handle) return handle;
    }
    if (Date.now() > deadline) throw new RecordingStepFailed(`no element matches any of its selectors (${selectors.map(describeSelector).join(' | ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Performs a step, then waits for the page its recording says it led to (see performWithPlaywright). */
export async function performWithPuppeteer(page: PuppeteerPage, step: RecordingStep): Promise<void> {
  const before = page.url();
  await performOnPuppeteer(page, step);
  const navigation = assertedNavigation(step);
  if (!navigation) return;
  const deadline = Date.now() + stepTimeout(step);
  const arrived = async () => isRecordedPage(page.url(), navigation.url, before) && (await page.evaluate('document.readyState').catch(() => '')) === 'complete';
  while (!(await arrived())) {
    if (Date.now() > deadline) throw new RecordingStepFailed(`the page did not move on${navigation.url ? ` to ${navigation.url}` : ''}, as the recording says it did`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function performOnPuppeteer(page: PuppeteerPage, step: RecordingStep): Promise<void> {
  const timeout = stepTimeout(step);
  try {
    switch (step.type) {
      case 'navigate':
        await page.goto(step.url, { waitUntil: 'load', timeout: 30_000 });
        return;
      case 'click':
        await (await findWithPuppeteer(page, step.selectors, timeout)).click();
        return;
      case 'doubleClick':
        await (await findWithPuppeteer(page, step.selectors, timeout)).click({ count: 2 });
        return;
      case 'hover':
        await (await findWithPuppeteer(page, step.selectors, timeout)).hover();
        return;
      case 'change': {
        const el = await findWithPuppeteer(page, step.selectors, timeout);
        if ((await el.evaluate((e) => e.localName)) === 'select') await el.select(step.value);
        else {
          await el.click({ count: 3 });
          await el.type(step.value);
        }
        return;
      }
      case 'keyDown':
        await page.keyboard.down(step.key as Parameters<PuppeteerPage['keyboard']['down']>[0]);
        return;
      case 'keyUp':
        await page.keyboard.up(step.key as Parameters<PuppeteerPage['keyboard']['up']>[0]);
        return;
      case 'scroll':
        await page.evaluate((x, y) => window.scrollTo(x ?? 0, y ?? 0), step.x, step.y);
        return;
      case 'waitForElement':
        await findWithPuppeteer(page, step.selectors, timeout);
        return;
      default:
        throw new RecordingStepFailed(`${step.type} steps are not performed`);
    }
  } catch (e) {
    if (e instanceof RecordingStepFailed) throw e;
    throw new RecordingStepFailed((e instanceof Error ? e.message : String(e)).split('\n')[0]!);
  }
}
