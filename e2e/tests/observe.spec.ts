// Perception on fixture pages: exactly what a user could interact with.
import type { ObservedElement } from '../../shared/observation';
import { renderObservation } from '../../shared/observation';
import { expect, test } from './fixtures';

const brief = (e: ObservedElement) => `${e.tag}/${e.role}/${e.name}`;

test('a labelled form: names, values, redaction, hidden and disabled elements', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(page) });
  expect(o.title).toBe('Sign-up form');
  expect(o.elements.map(brief)).toEqual([
    'input/textbox/Full name',
    'input/textbox/Email address',
    'input/textbox/City',
    'input/textbox/Password',
    'input/textbox/Card number',
    'select/combobox/Plan',
    'textarea/textbox/About you',
    'input/checkbox/I accept the terms',
    'input/radio/Mail',
    'input/radio/Phone',
    'input/textbox/Company',
    'button/button/Create account',
    'button/button/Save draft',
    'div/button/Help',
    'span/generic/Show tips',
    'span/generic/Close tips',
    'div/textbox/Notes',
    'a/link/Terms of service',
  ]);
  const byName = new Map(o.elements.map((e) => [e.name, e]));
  expect(byName.get('Password')!.value).toBe('[redacted]');
  expect(byName.get('Card number')!.value).toBe('[redacted]');
  expect(byName.get('Plan')!.value).toBe('Free');
  expect(byName.get('Plan')!.attrs.options).toBe('Free|Pro');
  expect(byName.get('Save draft')!.disabled).toBe(true);
  expect(byName.get('Company')!.disabled).toBe(true);
  expect(byName.get('Create account')!.disabled).toBe(false);
  expect(byName.get('Terms of service')!.inViewport).toBe(false);
  expect(byName.get('Full name')!.inViewport).toBe(true);
  // Which form each field and button belongs to: a form's submit goes with its own fields.
  expect(byName.get('Full name')!.locator?.form).toBe('form#signup');
  expect(byName.get('Create account')!.locator?.form).toBe('form#signup');
  expect(byName.get('Terms of service')!.locator?.form).toBeUndefined();
  // Indices are per observation, in document order.
  expect(o.elements.map((e) => e.index)).toEqual(o.elements.map((_, i) => i));
  // The box is where the page says the element is.
  const box = await page.locator('#name').boundingBox();
  expect(byName.get('Full name')!.box).toMatchObject({ x: Math.round(box!.x), y: Math.round(box!.y) });
  expect(o.text).toContain('Create your account');
  expect(o.text).not.toContain('Inside hidden div');
  expect(o.text).not.toContain('hunter2');
  const prompt = renderObservation(o);
  expect(prompt).toContain('[11]<button type="submit">Create account</button>');
  expect(prompt.indexOf('Terms of service')).toBeGreaterThan(prompt.indexOf('Outside the view'));
  expect(prompt).not.toContain('4111');
  await page.close();
});

test('new elements are marked on the next observation', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  const tabId = await ext.tabIdOf(page);
  const first = await ext.send('bg.observe', { tabId });
  expect(first.elements.some((e) => e.isNew)).toBe(false);
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.textContent = 'Freshly added';
    document.body.prepend(b);
  });
  const second = await ext.send('bg.observe', { tabId });
  expect(second.elements.filter((e) => e.isNew).map((e) => e.name)).toEqual(['Freshly added']);
  expect(second.id).not.toBe(first.id);
  await page.close();
});

test('open shadow roots are included, closed ones cannot be', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/shadow.html'));
  const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(page) });
  expect(o.elements.map(brief)).toEqual(['input/textbox/Search docs', 'button/button/Go']);
  expect(o.elements.every((e) => e.context === 'shadow')).toBe(true);
  await page.close();
});

test('same-origin iframes are included with page coordinates', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/iframe.html'));
  await page.frameLocator('#inner').locator('#inner-button').waitFor();
  const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(page) });
  expect(o.elements.map(brief)).toEqual(['button/button/Outer button', 'button/button/Inner button', 'input/textbox/Inner field']);
  const inner = o.elements[1]!;
  expect(inner.context).toBe('iframe');
  // iframe at (100,200) with a 2px border; the button at (10,20) inside it.
  expect(inner.box.x).toBe(112);
  expect(inner.box.y).toBe(222);
  await page.close();
});

test('the 5,000-element page is observed completely', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/many.html?n=5000'));
  const tabId = await ext.tabIdOf(page);
  const o = await ext.send('bg.observe', { tabId });
  // 5,000 generated elements plus the two navigation links.
  expect(o.elements.length).toBe(5002);
  expect(o.elements.filter((e) => e.inViewport).length).toBeGreaterThan(20);
  expect(o.elements.filter((e) => e.role === 'checkbox').length).toBe(Math.ceil(5000 / 6) - (5000 % 6 < 5 ? 1 : 0));
  await page.close();
});

test('a name from content or from a label reads its block pieces apart, as browsers compute it, and its inline pieces together', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/name-pieces.html'));
  const o = await ext.send('bg.observe', { tabId: await ext.tabIdOf(page) });
  expect(o.elements.map((e) => e.name)).toEqual(['GL Green Lane Garage Lloyds · ending 5518', '⇄ Payments', 'Save now', 'With a friend Tell us who.']);
  await page.close();
});

test('a disclosure’s summary says whether it is expanded, and says so again once opened', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/disclosure.html'));
  const tabId = await ext.tabIdOf(page);
  const summary = (o: { elements: { name: string; attrs: Record<string, string> }[] }) => o.elements.find((e) => e.name === 'Delivery instructions')?.attrs['aria-expanded'];
  const before = await ext.send('bg.observe', { tabId });
  expect(summary(before)).toBe('false');
  expect(before.elements.some((e: { name: string }) => e.name === 'Leave with')).toBe(false);
  await page.click('summary');
  await expect.poll(async () => summary(await ext.send('bg.observe', { tabId }))).toBe('true');
  const after = await ext.send('bg.observe', { tabId });
  expect(after.elements.some((e: { name: string }) => e.name === 'Leave with')).toBe(true);
  expect(after.elements.find((e: { name: string }) => e.name === 'Opening hours')?.attrs['aria-expanded']).toBe('true');
  await page.close();
});
