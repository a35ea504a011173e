// Control: every action kind changes the page as it should; failures are specific.
import type { Page } from '@playwright/test';
import type { Action } from '../../shared/actions';
import type { ExtensionSession } from '../lib/browser';
import { expect, test } from './fixtures';

async function setup(ext: ExtensionSession, page: Page, url: string) {
  await page.goto(url);
  const tabId = await ext.tabIdOf(page);
  const observe = () => ext.send('bg.observe', { tabId });
  const indexOf = async (name: string) => {
    const o = await observe();
    const e = o.elements.find((x) => x.name === name);
    if (!e) throw new Error(`no element named ${name}: ${o.elements.map((x) => x.name).join(', ')}`);
    return e.index;
  };
  const act = (action: Action) => ext.send('bg.act', { tabId, action });
  return { tabId, observe, indexOf, act };
}

test('click, type with Enter, select (native and ARIA), date, scroll and extract', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { indexOf, act, observe } = await setup(ext, page, server.url('/actions.html'));

  const click = await act({ kind: 'click', index: await indexOf('Clicked 0 times') });
  expect(click).toMatchObject({ ok: true, pageChanged: true, navigated: false });
  await expect(page.locator('#counter')).toHaveText('Clicked 1 times');

  await act({ kind: 'type', index: await indexOf('Query'), text: 'red shoes', enter: true });
  await expect(page.locator('#submitted')).toHaveText('Submitted red shoes');

  await act({ kind: 'type', index: await indexOf('Search'), text: 'abc' });
  await act({ kind: 'type', index: await indexOf('Search'), text: 'def', clear: false });
  await expect(page.locator('#search')).toHaveValue('abcdef');
  await act({ kind: 'type', index: await indexOf('Search'), text: 'new' });
  await expect(page.locator('#search')).toHaveValue('new');

  expect(await act({ kind: 'select', index: await indexOf('Colour'), option: 'Green' })).toMatchObject({ ok: true });
  await expect(page.locator('#chosen')).toHaveText('Chose g');
  expect(await act({ kind: 'select', index: await indexOf('Colour'), option: 'b' })).toMatchObject({ ok: true });
  await expect(page.locator('#color')).toHaveValue('b');

  expect(await act({ kind: 'select', index: await indexOf('Fruit'), option: 'Banana' })).toMatchObject({ ok: true });
  await expect(page.locator('#combo')).toHaveText('Banana');

  await act({ kind: 'type', index: await indexOf('Date'), text: '2026-12-24' });
  await expect(page.locator('#date')).toHaveValue('2026-12-24');

  const scrolled = await act({ kind: 'scroll', direction: 'down', pages: 2 });
  expect(scrolled.ok).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  expect((await observe()).scroll.y).toBeGreaterThan(1000);
  await act({ kind: 'scroll', direction: 'up', pages: 5 });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  const extracted = await act({ kind: 'extract', query: 'price euros' });
  expect(extracted.extracted).toContain('Prices start at 42 euros');
  const waited = await act({ kind: 'wait', seconds: 0.2 });
  expect(waited.ok && waited.tookMs >= 200).toBe(true);
  const done = await act({ kind: 'done', success: true, text: 'all good' });
  expect(done).toMatchObject({ ok: true, extracted: 'all good' });
  await page.close();
});

test('scrolling inside an element', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { act, observe } = await setup(ext, page, server.url('/actions.html'));
  // A focusable scroll container is listed, so the agent can scroll inside it.
  await page.evaluate(() => document.getElementById('box')!.setAttribute('tabindex', '0'));
  const o = await observe();
  const box = o.elements.find((e) => e.text.startsWith('Scrollable box'))!;
  await act({ kind: 'scroll', direction: 'down', index: box.index });
  expect(await page.evaluate(() => document.getElementById('box')!.scrollTop)).toBeGreaterThan(50);
  await page.close();
});

test('links navigate, navigate and back go through the tab', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { indexOf, act, observe } = await setup(ext, page, server.url('/actions.html'));
  const followed = await act({ kind: 'click', index: await indexOf('Go to page two') });
  expect(followed).toMatchObject({ ok: true, navigated: true, url: server.url('/page2.html') });
  expect((await observe()).title).toBe('Page two');
  const back = await act({ kind: 'back' });
  expect(back).toMatchObject({ ok: true, navigated: true, url: server.url('/actions.html') });
  expect((await observe()).title).toBe('Action playground');
  const nav = await act({ kind: 'navigate', url: server.url('/form.html') });
  expect(nav).toMatchObject({ ok: true, navigated: true });
  expect((await observe()).title).toBe('Sign-up form');
  await page.close();
});

test('a React controlled input, select and checkbox update React state', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { indexOf, act } = await setup(ext, page, server.url('/react.html'));
  await page.locator('#nm').waitFor();
  await act({ kind: 'type', index: await indexOf('Display name'), text: 'ada' });
  // React uppercases in its onChange: only a real state update shows this.
  await expect(page.locator('#echo')).toHaveText('ADA');
  await expect(page.locator('#nm')).toHaveValue('ADA');
  await act({ kind: 'select', index: await indexOf('Size'), option: 'Large' });
  await act({ kind: 'click', index: await indexOf('Agree') });
  await act({ kind: 'click', index: await indexOf('Save') });
  await expect(page.locator('#saved')).toHaveText('ADA|l|yes');
  await page.close();
});

test('clicks reach elements in shadow roots and iframes', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const shadow = await setup(ext, page, server.url('/shadow.html'));
  await shadow.act({ kind: 'type', index: await shadow.indexOf('Search docs'), text: 'hooks' });
  await shadow.act({ kind: 'click', index: await shadow.indexOf('Go') });
  await expect(page.locator('#out')).toHaveText('Searched: hooks');
  const frames = await setup(ext, page, server.url('/iframe.html'));
  await page.frameLocator('#inner').locator('#inner-button').waitFor();
  expect(await frames.act({ kind: 'click', index: await frames.indexOf('Inner button') })).toMatchObject({ ok: true });
  await expect(page.frameLocator('#inner').locator('#inner-out')).toHaveText('inner clicked');
  await page.close();
});

test('specific errors: stale index, detached, hidden, disabled, obscured, not typable, no option', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { tabId, indexOf, act, observe } = await setup(ext, page, server.url('/actions.html'));
  const o = await observe();
  const idx = (name: string) => o.elements.find((e) => e.name === name)!.index;

  expect(await act({ kind: 'click', index: 9999 })).toMatchObject({ ok: false, error: { code: 'stale_index' } });

  await page.evaluate(() => document.getElementById('remove-me')!.remove());
  expect(await act({ kind: 'click', index: idx('Remove me') })).toMatchObject({ ok: false, error: { code: 'detached' } });

  await page.evaluate(() => (document.getElementById('hide-me')!.style.display = 'none'));
  expect(await act({ kind: 'click', index: idx('Hide me') })).toMatchObject({ ok: false, error: { code: 'hidden' } });

  expect(await act({ kind: 'type', index: idx('Clicked 0 times'), text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_typable' } });
  expect(await act({ kind: 'select', index: idx('Colour'), option: 'Purple' })).toMatchObject({ ok: false, error: { code: 'option_not_found', message: expect.stringContaining('Red, Green, Blue') } });
  expect(await act({ kind: 'select', index: idx('Clicked 0 times'), option: 'x' })).toMatchObject({ ok: false, error: { code: 'not_selectable' } });

  await act({ kind: 'click', index: await indexOf('Open modal') });
  const covered = await act({ kind: 'click', index: idx('Clicked 0 times') });
  expect(covered).toMatchObject({ ok: false, error: { code: 'obscured', message: expect.stringContaining('overlay') } });
  await expect(page.locator('#counter')).toHaveText('Clicked 0 times');
  await act({ kind: 'click', index: await indexOf('Close modal') });

  await page.evaluate(() => ((document.getElementById('counter') as HTMLButtonElement).disabled = true));
  const o2 = await observe();
  expect(await act({ kind: 'click', index: o2.elements.find((e) => e.name === 'Clicked 0 times')!.index })).toMatchObject({ ok: false, error: { code: 'disabled' } });

  // Navigation errors come back as results, not crashes.
  const badNav = await ext.sendRaw({ waymark: 1, type: 'bg.act', payload: { tabId, action: { kind: 'navigate', url: 'javascript:alert(1)' } } });
  expect(badNav).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  await page.close();
});

test('hover opens a CSS :hover menu and fires mouseenter; keys with modifiers; drag by HTML5 and by pointer', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  const { indexOf, act, observe } = await setup(ext, page, server.url('/input-kinds.html'));

  // A menu only :hover opens: its items are not there until the mouse is over it.
  expect((await observe()).elements.some((e) => e.name === 'Laptops')).toBe(false);
  // The menu's title is listed (its CSS opens it under the mouse), marked hoverable.
  const menus = (await observe()).elements.filter((e) => e.attrs.hoverable !== undefined);
  expect(menus.map((e) => e.name.split(' ')[0])).toEqual(['Products', 'Help']);
  expect(await act({ kind: 'hover', index: menus[0]!.index })).toMatchObject({ ok: true });
  await act({ kind: 'click', index: await indexOf('Laptops') });
  await expect(page.locator('#picked')).toHaveText('Picked Laptops');
  // The mouse moved on: that menu is shut again, the other one opens.
  await act({ kind: 'hover', index: await indexOf('Help') });
  const o = await observe();
  expect(o.elements.some((e) => e.name === 'FAQ')).toBe(true);
  expect(o.elements.some((e) => e.name === 'Laptops')).toBe(false);
  await act({ kind: 'hover', index: await indexOf('Info') });
  await expect(page.locator('#tip')).toBeVisible();

  await act({ kind: 'type', index: await indexOf('Message'), text: 'hello there' });
  expect(await act({ kind: 'key', keys: 'Control+Enter', index: await indexOf('Message') })).toMatchObject({ ok: true });
  await expect(page.locator('#sent')).toHaveText('Sent hello there');
  await act({ kind: 'key', keys: 'Escape' });
  await expect(page.locator('#closed')).toHaveText('Dialog closed');

  expect(await act({ kind: 'drag', index: await indexOf('Card B'), to: await indexOf('Drop zone') })).toMatchObject({ ok: true });
  await expect(page.locator('#dropped')).toHaveText('Dropped card-b');
  await act({ kind: 'drag', index: await indexOf('Handle'), dx: 120 });
  await expect(page.locator('#moved')).toHaveText('Handle at 120');
  await page.close();
});
