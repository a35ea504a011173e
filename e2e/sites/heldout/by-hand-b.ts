// How a person does the held-out suite's second set of families (bank, parcel, settings),
// scripted for Playwright, with a near miss for each: the look-alike payee, the card with
// two digits swapped or the other reason, the other drop-off, the look-alike parcel, one
// switch too many, the look-alike member or the default role.
import { expect, type Page } from '@playwright/test';
import type { ByHand } from './by-hand';

type Values = Record<string, unknown>;
const str = (v: Values, k: string) => String(v[k]);
/** Names that start with `text` (a radio's or button's name also holds its description). */
const startsWith = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The task a page drew from its ?seed and exposed. */
async function pageTask<T>(page: Page): Promise<T> {
  const task = await page.evaluate(() => (window as unknown as { heldoutTask?: unknown }).heldoutTask);
  expect(task, 'the page exposes the task it drew').toBeTruthy();
  return task as T;
}

// ---------------------------------------------------------------- bank

async function pay(page: Page, payee: string, v: Values) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await page.waitForURL(/\/bank\/payments\.html/);
  await page.getByRole('link', { name: /^Pay someone/ }).click();
  await page.waitForURL(/\/bank\/pay\.html/);
  await page.locator('button.payee').filter({ has: page.getByText(payee, { exact: true }) }).click();
  await page.getByLabel('Amount').fill(str(v, 'amount'));
  // The reference box has only a placeholder.
  await page.getByPlaceholder(/^Reference/).fill(str(v, 'reference'));
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Check and confirm' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Payment sent' })).toBeVisible();
}

interface CardTask {
  action: 'freeze' | 'unfreeze' | 'limit' | 'lost';
  target: string;
  twin: string;
  amount: number | null;
  reason: 'lost' | 'stolen' | null;
  replace: boolean | null;
  cards: { id: string; last4: string }[];
}

async function cardMenu(page: Page, t: CardTask, id: string, item: string | RegExp) {
  const last4 = t.cards.find((c) => c.id === id)!.last4;
  // Every card's "⋯" button has the same aria-label: the card is found by its digits.
  await page.locator('article.cardtile').filter({ hasText: `•••• ${last4}` }).getByRole('button', { name: 'Card options' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

async function cardAction(page: Page, t: CardTask, id: string, reason: string | null) {
  if (t.action === 'freeze' || t.action === 'unfreeze') {
    await cardMenu(page, t, id, /^(Freeze|Unfreeze) card$/);
    await expect(page.getByRole('status')).toContainText(/is frozen|is active again/);
  } else if (t.action === 'limit') {
    await cardMenu(page, t, id, 'Spending limits');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Set a monthly limit').check();
    await dialog.getByLabel('Monthly limit', { exact: true }).fill(String(t.amount));
    await dialog.getByRole('button', { name: 'Save limits' }).click();
    await expect(page.getByRole('status')).toContainText('Limits saved');
  } else {
    await cardMenu(page, t, id, 'Report lost or stolen');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('What happened?').selectOption(reason!);
    await dialog.getByLabel(/replacement card/).setChecked(Boolean(t.replace));
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Cancel this card?' }).getByRole('button', { name: 'Yes, cancel card' }).click();
    await expect(page.getByRole('status')).toContainText('cancelled');
  }
}

// ---------------------------------------------------------------- parcel

async function acceptCookies(page: Page) {
  const dialog = page.getByRole('dialog', { name: 'Your privacy' });
  await dialog.getByRole('button', { name: 'Accept all' }).click();
  await expect(dialog).toBeHidden();
}

async function startReturn(page: Page, v: Values, method: string) {
  await acceptCookies(page);
  await page.getByRole('link', { name: /^Your orders/ }).click();
  await page.waitForURL(/\/parcel\/orders\.html/);
  await page.getByRole('region', { name: `Order ${str(v, 'order')}` }).getByRole('link', { name: 'View order' }).click();
  await page.waitForURL(/\/parcel\/order\.html/);
  await page.getByRole('listitem').filter({ hasText: str(v, 'name') }).getByRole('link', { name: 'Return', exact: true }).click();
  await page.waitForURL(/\/parcel\/return\.html/);
  await page.getByLabel('Why are you sending it back?').selectOption({ label: str(v, 'reasonLabel') });
  await page.getByRole('radio', { name: startsWith(method) }).check();
  await page.getByRole('button', { name: 'Submit return' }).click();
  await page.waitForURL(/\/parcel\/returned\.html/);
  await expect(page.getByRole('heading', { name: 'Return started' })).toBeVisible();
}

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLACE_LABEL: Record<string, string> = { none: 'Hand it to me', porch: 'Front porch', garden: 'Back garden or shed', neighbour: 'With a neighbour' };

async function redeliver(page: Page, id: string, v: Values) {
  await acceptCookies(page);
  await page.getByPlaceholder('Tracking number').fill(id);
  // The search button is a magnifier named only by its aria-label.
  await page.getByRole('button', { name: 'Track parcel' }).click();
  await page.waitForURL(/\/parcel\/parcel\.html/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(id);
  const kind = str(v, 'kind');
  if (kind !== 'place') {
    const d = new Date(`${str(v, 'date')}T00:00:00Z`);
    await page.getByRole('group', { name: 'Delivery day' }).getByRole('button', { name: startsWith(`${DOW[d.getUTCDay()]} ${d.getUTCDate()} ${MON[d.getUTCMonth()]}`) }).click();
  }
  if (kind !== 'date') {
    await page.getByText('Delivery instructions', { exact: true }).click();
    await page.getByRole('radio', { name: startsWith(PLACE_LABEL[str(v, 'place')]!) }).check();
    if (v.place === 'neighbour') await page.getByLabel('Which house? Number or name').fill(str(v, 'neighbour'));
    if (v.note) await page.getByPlaceholder(/^Note for the driver/).fill(str(v, 'note'));
  }
  await page.getByRole('button', { name: 'Update delivery' }).click();
  await expect(page.getByRole('status')).toContainText('Delivery updated');
}

// ---------------------------------------------------------------- settings (Loop)

interface NotifyTask {
  asks: { key: string; channel: string; label: string; on: boolean }[];
}
const CHANNEL_NAMES: Record<string, string> = { email: 'Email', push: 'Push', digest: 'Digest' };

async function flip(page: Page, channel: string, label: string) {
  // Email and Push have switches of the same name: only the group heading tells them apart.
  await page.getByRole('region', { name: channel, exact: true }).getByRole('switch', { name: label, exact: true }).click();
}

async function setSwitches(page: Page, extra: boolean) {
  const t = await pageTask<NotifyTask>(page);
  for (const a of t.asks) {
    const sw = page.getByRole('region', { name: a.channel, exact: true }).getByRole('switch', { name: a.label, exact: true });
    if ((await sw.getAttribute('aria-checked')) !== String(a.on)) await sw.click();
    await expect(sw).toHaveAttribute('aria-checked', String(a.on));
  }
  if (extra) {
    // One switch too many: the same name in another channel if there is one, else any other.
    const asked = new Set(t.asks.map((a) => a.key));
    const all = await page.getByRole('switch').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key!));
    const others = all.filter((k) => !asked.has(k));
    const twin = others.find((k) => t.asks.some((a) => a.key.split('.')[1] === k.split('.')[1])) ?? others[0]!;
    const [ch, name] = twin.split('.');
    const label = await page.locator(`#l-${ch}-${name}`).textContent();
    await flip(page, CHANNEL_NAMES[ch!]!, label!);
  }
  await page.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Notification settings saved.');
}

async function toMembers(page: Page) {
  // The gear icon is named only by its title.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings\/general\.html/);
  await page.getByRole('complementary', { name: 'Settings' }).getByRole('link', { name: 'Members' }).click();
  await page.waitForURL(/\/settings\/members\.html/);
}

async function changeRole(page: Page, name: string, role: string) {
  await toMembers(page);
  const row = page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  await row.getByRole('button', { name: /^(Admin|Member|Viewer)/ }).click();
  await page.getByRole('menuitemradio', { name: startsWith(role) }).click();
  const confirm = page.getByRole('dialog', { name: /an admin\?$/ });
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Make admin' }).click();
  await expect(row.getByRole('button', { name: /^(Admin|Member|Viewer)/ })).toHaveText(startsWith(role));
}

async function invite(page: Page, email: string, role: string | null) {
  await toMembers(page);
  await page.getByRole('button', { name: '+ Invite' }).click();
  const dialog = page.getByRole('dialog', { name: /^Invite people/ });
  await dialog.getByLabel('Email address').fill(email);
  if (role) await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Send invite' }).click();
  await expect(page.getByRole('status')).toHaveText(`Invitation sent to ${email}.`);
}

export const HELDOUT_BY_HAND_B: Record<string, ByHand> = {
  'bank.pay': {
    done: (page, v) => pay(page, str(v, 'name'), v),
    // The look-alike payee next to the right one.
    wrong: (page, v) => pay(page, str(v, 'twin'), v),
  },
  'bank.card': {
    done: async (page) => {
      const t = await pageTask<CardTask>(page);
      await cardAction(page, t, t.target, t.reason);
    },
    // The card with two digits swapped, or (lost or stolen) the other reason.
    wrong: async (page) => {
      const t = await pageTask<CardTask>(page);
      if (t.action === 'lost') await cardAction(page, t, t.target, t.reason === 'lost' ? 'stolen' : 'lost');
      else await cardAction(page, t, t.twin, null);
    },
  },
  'parcel.return': {
    done: (page, v) => startReturn(page, v, str(v, 'methodLabel')),
    // Everything right but the drop-off.
    wrong: (page, v) => startReturn(page, v, str(v, 'otherMethod')),
  },
  'parcel.redeliver': {
    done: (page, v) => redeliver(page, str(v, 'id'), v),
    // The same changes on the parcel whose number has two digits swapped.
    wrong: (page, v) => redeliver(page, str(v, 'twin'), v),
  },
  'settings.notify': {
    done: (page) => setSwitches(page, false),
    // One switch too many.
    wrong: (page) => setSwitches(page, true),
  },
  'settings.member': {
    done: (page, v) => (v.kind === 'invite' ? invite(page, str(v, 'email'), str(v, 'role')) : changeRole(page, str(v, 'name'), str(v, 'role'))),
    // The invitation keeps the default role (Member); or the look-alike member's role changes.
    wrong: (page, v) => (v.kind === 'invite' ? invite(page, str(v, 'email'), null) : changeRole(page, str(v, 'twin'), str(v, 'role'))),
  },
};
