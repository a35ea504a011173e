// Record mode: what a user does through the real input pipeline becomes Actions.
import { expect, test } from './fixtures';

test('clicks, typing (final values), selects, Enter and navigations are recorded; secrets redacted', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/form.html'));
  const tabId = await ext.tabIdOf(page);
  await ext.send('bg.recordStart', { tabId });

  await page.getByLabel('Full name').click();
  await page.keyboard.type('Ada Lovelace');
  await page.getByLabel('Email address').click();
  await page.keyboard.type('ada@example.org');
  await page.getByLabel('Password').fill('s3cret-pass');
  await page.getByLabel('Plan').selectOption('Pro');
  await page.getByLabel('I accept the terms').check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#result')).toHaveText('Submitted: Ada Lovelace <ada@example.org>');
  // A navigation of the user's own (typed URL), then typing + Enter on the next page.
  await page.goto(server.url('/actions.html'));
  await page.getByLabel('Query').click();
  await page.keyboard.type('boots');
  await page.keyboard.press('Enter');
  await expect(page.locator('#submitted')).toHaveText('Submitted boots');
  await page.getByRole('link', { name: 'Go to page two' }).click();
  await page.waitForURL(/page2/);

  const { steps } = await ext.send('bg.recordStop', { tabId });
  const summary = steps.map((s) => {
    const a = s.action;
    const name = s.target?.name ?? '';
    if (a.kind === 'type') return `type ${name}=${a.text}${a.enter ? ' ⏎' : ''}`;
    if (a.kind === 'select') return `select ${name}=${a.option}`;
    if (a.kind === 'navigate') return `navigate ${new URL(a.url).pathname}`;
    return `${a.kind} ${name}`;
  });
  expect(summary).toEqual([
    'type Full name=Ada Lovelace',
    'type Email address=ada@example.org',
    'type Password=[redacted]',
    'select Plan=Pro',
    'click I accept the terms',
    'click Create account',
    'navigate /actions.html',
    'type Query=boots ⏎',
    'click Go to page two',
  ]);
  expect(JSON.stringify(steps)).not.toContain('s3cret');
  const create = steps.find((s) => s.target?.name === 'Create account')!;
  expect(create.target).toMatchObject({ tag: 'button', role: 'button', type: 'submit' });
  expect(create.target!.box.width).toBeGreaterThan(0);
  expect(create.url).toBe(server.url('/form.html'));
  // The index refers to the page's observation at recording time.
  expect(create.action.kind === 'click' && create.action.index).toBe(11);

  // Stopped: further user actions are not recorded.
  await page.getByRole('link', { name: 'Back to the playground' }).click();
  expect((await ext.send('bg.recordStop', { tabId })).steps).toEqual([]);
  await page.close();
});

test('the agent’s own synthetic actions are not recorded as the user’s', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/actions.html'));
  const tabId = await ext.tabIdOf(page);
  await ext.send('bg.recordStart', { tabId });
  const o = await ext.send('bg.observe', { tabId });
  await ext.send('bg.act', { tabId, action: { kind: 'click', index: o.elements.find((e) => e.name.startsWith('Clicked'))!.index } });
  await expect(page.locator('#counter')).toHaveText('Clicked 1 times');
  await page.locator('#counter').click();
  const { steps } = await ext.send('bg.recordStop', { tabId });
  expect(steps.map((s) => `${s.action.kind} ${s.target?.name}`)).toEqual(['click Clicked 1 times']);
  await page.close();
});
