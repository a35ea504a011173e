// Perception beyond the basics: what the page's CSS hides or makes clickable
// (found through its rules, wherever they live), and observations that stay right
// while the page changes under them (descriptions are kept between observations).
import type { Page } from '@playwright/test';
import type { Observation, ObservedElement } from '../../shared/observation';
import type { ExtensionSession } from '../lib/browser';
import { expect, test } from './fixtures';

const brief = (e: ObservedElement) => `${e.tag}/${e.role}/${e.name}`;

test('hidden by CSS rules, attributes or the UA is never listed; cursor rules are found wherever they live', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/hiding.html'));
  await page.frameLocator('#hidden-frame').locator('#inner-button').waitFor({ state: 'attached' });
  const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(page) });
  expect(o.elements.map(brief)).toEqual([
    'button/button/Plain button',
    'summary/button/More',
    'summary/button/Open one',
    'button/button/Inside open details',
    'button/button/Shown inside ghost',
    'span/generic/Media pointer',
    'span/generic/Imported pointer',
    'span/generic/Nested pointer',
  ]);
  await page.close();
});

async function observer(ext: ExtensionSession, page: Page): Promise<() => Promise<Observation>> {
  const tabId = await ext.tabIdOf(page);
  return () => ext.send('bg.observe', { tabId });
}

const byId = (o: Observation, name: string) => {
  const e = o.elements.find((x) => x.name === name);
  if (!e) throw new Error(`no element named ${JSON.stringify(name)} in ${o.elements.map(brief).join(', ')}`);
  return e;
};

test('repeat observations follow every kind of change', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/changes.html'));
  await page.frameLocator('#frame').locator('#inner-button').waitFor();
  const observe = await observer(ext, page);
  const first = await observe();
  expect(first.elements.map(brief)).toEqual([
    'button/button/Count 0',
    'input/textbox/Email',
    'input/textbox/Phone',
    'input/checkbox/Agree',
    'select/combobox/',
    'button/button/In group',
    'button/button/Outside group',
    'span/button/Edit me',
    'input/textbox/Moved field',
    'a/link/Old alt',
    'button/button/Shadow old',
    'button/button/Inner button',
    'input/textbox/Inner field',
  ]);
  // Nothing relevant changed (a class): the same observation, element for element.
  await page.evaluate(() => document.body.classList.toggle('hot'));
  const same = await observe();
  const strip = (o: Observation) => o.elements.map(({ isNew, ...e }) => e);
  expect(strip(same)).toEqual(strip(first));
  expect(same.elements.some((e) => e.isNew)).toBe(false);

  const steps: { what: string; change: (p: Page) => Promise<unknown>; expect: (o: Observation) => void }[] = [
    {
      what: 'text inside a button',
      change: (p) => p.evaluate(() => { document.getElementById('counter')!.textContent = 'Count 1'; }),
      expect: (o) => expect(o.elements[0]!.name).toBe('Count 1'),
    },
    {
      what: 'the text of a label (for=)',
      change: (p) => p.evaluate(() => { document.querySelector('label[for=email]')!.firstChild!.nodeValue = 'E-mail address'; }),
      expect: (o) => expect(o.elements[1]!.name).toBe('E-mail address'),
    },
    {
      what: 'the text aria-labelledby points at',
      change: (p) => p.evaluate(() => { document.getElementById('ph-label')!.textContent = 'Mobile'; }),
      expect: (o) => expect(o.elements[2]!.name).toBe('Mobile'),
    },
    {
      what: 'aria-labelledby pointed elsewhere',
      change: (p) => p.evaluate(() => document.getElementById('phone')!.setAttribute('aria-labelledby', 'tip-label')),
      expect: (o) => expect(o.elements[2]!.name).toBe('Tip'),
    },
    {
      what: 'typing, checking and selecting (no DOM mutation at all)',
      change: async (p) => {
        await p.fill('#email', 'ada@example.org');
        await p.check('#agree');
        await p.selectOption('#size', 'M');
      },
      expect: (o) => {
        expect(o.elements[1]!.value).toBe('ada@example.org');
        expect(o.elements[3]!.attrs.checked).toBe('');
        expect(o.elements[4]!.value).toBe('M');
      },
    },
    {
      what: 'a fieldset disabled',
      change: (p) => p.evaluate(() => { (document.getElementById('group') as HTMLFieldSetElement).disabled = true; }),
      expect: (o) => expect(byId(o, 'In group').disabled).toBe(true),
    },
    {
      what: 'a button moved into the disabled fieldset',
      change: (p) => p.evaluate(() => document.getElementById('group')!.append(document.getElementById('outside')!)),
      expect: (o) => expect(byId(o, 'Outside group').disabled).toBe(true),
    },
    {
      what: 'contenteditable set on an ancestor',
      change: (p) => p.evaluate(() => document.getElementById('ed-wrap')!.setAttribute('contenteditable', 'true')),
      expect: (o) => expect(byId(o, 'Edit me').value).toBe('Edit me'),
    },
    {
      what: 'the id aria-labelledby points at removed',
      change: (p) => p.evaluate(() => { document.getElementById('tip-label')!.id = 'no-longer'; }),
      expect: (o) => expect(o.elements[2]!.name).toBe(''),
    },
    {
      what: 'a label removed',
      change: (p) => p.evaluate(() => document.querySelector('label[for=agree]')!.remove()),
      expect: (o) => expect(o.elements[3]!.name).toBe(''),
    },
    {
      what: 'a field moved into a label',
      change: (p) => p.evaluate(() => document.getElementById('wrap-slot')!.append(document.getElementById('moved')!)),
      expect: (o) => expect(o.elements.map(brief)).toContain('input/textbox/Wrapped'),
    },
    {
      what: 'an image alt inside a link',
      change: (p) => p.evaluate(() => document.querySelector('#link img')!.setAttribute('alt', 'New alt')),
      expect: (o) => expect(o.elements.map(brief)).toContain('a/link/New alt'),
    },
    {
      what: 'an option added to a select',
      change: (p) => p.evaluate(() => document.getElementById('size')!.append(new Option('XL'))),
      expect: (o) => expect(o.elements.find((e) => e.tag === 'select')!.attrs.options).toBe('S|M|XL'),
    },
    {
      what: 'text in an open shadow root',
      change: (p) => p.evaluate(() => { document.querySelector('search-widget')!.shadowRoot!.getElementById('shadow-button')!.textContent = 'Shadow new'; }),
      expect: (o) => expect(o.elements.map(brief)).toContain('button/button/Shadow new'),
    },
    {
      what: 'text in a same-origin iframe',
      change: (p) => p.frameLocator('#frame').locator('#inner-button').evaluate((b) => { b.textContent = 'Inner new'; }),
      expect: (o) => expect(o.elements.map(brief)).toContain('button/button/Inner new'),
    },
    {
      what: 'a label retargeted (for=)',
      change: (p) => p.evaluate(() => document.querySelector('label[for=email]')!.setAttribute('for', 'phone')),
      expect: (o) => {
        expect(o.elements[1]!.name).toBe('');
        expect(o.elements[2]!.name).toBe('E-mail address');
      },
    },
  ];
  for (const step of steps) {
    await step.change(page);
    const o = await test.step(step.what, () => observe());
    step.expect(o);
    // Element for element what a first observation of the same page gives.
    const again = await observe();
    expect(strip(again), step.what).toEqual(strip(o));
  }
  await page.close();
});

test('after a change, the observation equals a fresh one of the same page', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/many.html?n=600'));
  const observe = await observer(ext, page);
  await observe();
  // Many kinds of change at once, as a framework re-render makes them.
  await page.evaluate(() => {
    const cells = document.querySelectorAll('.cell');
    cells[7]!.querySelector('button')!.textContent = 'Renamed';
    cells[10]!.remove();
    cells[22]!.querySelector('label')!.append(' (new)');
    document.querySelector('main')!.prepend(Object.assign(document.createElement('button'), { textContent: 'Added first' }));
    document.querySelectorAll('select')[5]!.setAttribute('aria-label', 'Relabelled');
  });
  const changed = await observe();
  // A second page load of the same DOM, observed for the first time.
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const fresh = await ext.context.newPage();
  await fresh.route('**/fresh.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await fresh.goto(server.url('/fresh.html'));
  const reference = await ext.send('bg.observe', { tabId: await ext.tabIdOf(fresh) });
  const strip = (o: Observation) => o.elements.map(({ isNew, ...e }) => e);
  expect(strip(changed)).toEqual(strip(reference));
  expect(changed.elements.filter((e) => e.isNew).map((e) => e.name)).toEqual(['Added first']);
  await page.close();
  await fresh.close();
});
