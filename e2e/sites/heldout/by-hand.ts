// How a person does each held-out family, scripted for Playwright: proof that every
// instance can be done on the real pages, and — with `wrong`, a near miss (an internal
// note instead of a reply, the default branch, "Renew all", one day too many, the
// neighbouring cell or row) — that each success check tells the two apart.
import { expect, type Locator, type Page } from '@playwright/test';
import { addDays } from '../tasks/dates';
import { HELDOUT_BY_HAND_B } from './by-hand-b';

type Values = Record<string, unknown>;
export interface ByHand {
  /** Does the task exactly as asked, starting on the task's start page. */
  done(page: Page, v: Values): Promise<void>;
  /** Does almost the task, but gets one thing wrong. */
  wrong(page: Page, v: Values): Promise<void>;
}

const str = (v: Values, k: string) => String(v[k]);
const cellIs = (page: Page, text: string) => page.getByRole('cell', { name: text, exact: true });
const rowWith = (page: Page, text: string): Locator => page.getByRole('row').filter({ has: cellIs(page, text) });

/** The task a page drew from its ?seed and exposed. */
async function pageTask<T>(page: Page): Promise<T> {
  const task = await page.evaluate(() => (window as unknown as { heldoutTask?: unknown }).heldoutTask);
  expect(task, 'the page exposes the task it drew').toBeTruthy();
  return task as T;
}

// ---------------------------------------------------------------- desk

async function openTicket(page: Page, v: Values) {
  const row = page.getByRole('row').filter({ hasText: str(v, 'requester') }).filter({ has: page.getByRole('link', { name: str(v, 'subject'), exact: true }) });
  await row.getByRole('link').click();
  await page.waitForURL(/\/desk\/ticket\.html\?id=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`#${str(v, 'id')}`);
}

async function reply(page: Page, v: Values, internal: boolean) {
  await openTicket(page, v);
  if (internal) await page.getByRole('button', { name: 'Internal note' }).click();
  // The composer's textarea has no label: it is the only text box on the page.
  await page.getByRole('textbox').fill(str(v, 'text'));
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(internal ? 'Internal note added.' : `Reply sent to ${str(v, 'requester')}.`);
}

async function newTicket(page: Page, v: Values, priority: string | null) {
  await page.getByRole('link', { name: 'New ticket' }).click();
  await page.waitForURL(/\/desk\/new\.html/);
  await page.getByLabel('Customer email').fill(str(v, 'email'));
  await page.getByPlaceholder('Subject').fill(str(v, 'subject'));
  await page.getByLabel('Category').selectOption(str(v, 'category'));
  if (priority) await page.getByRole('radio', { name: priority, exact: true }).check();
  // The description box has only a hint paragraph above it.
  await page.locator('p.hint + textarea').fill(str(v, 'body'));
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await page.waitForURL(/\/desk\/created\.html/);
  await expect(page.getByRole('heading', { name: /^Ticket #\d+ created$/ })).toBeVisible();
}

interface TriageTask {
  tickets: number[];
  assignee: string;
  priority: string | null;
}

async function triage(page: Page, slip: boolean) {
  const t = await pageTask<TriageTask>(page);
  for (const [i, id] of t.tickets.entries()) {
    const selects = rowWith(page, String(id)).getByRole('combobox');
    const last = i === t.tickets.length - 1;
    const assignee = slip && last ? (t.assignee === 'Marcus Hale' ? 'Tom Becker' : 'Marcus Hale') : t.assignee;
    await selects.nth(0).selectOption(assignee);
    if (t.priority) await selects.nth(1).selectOption(t.priority);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(/^Saved\./);
}

// ---------------------------------------------------------------- library

async function acceptCookies(page: Page) {
  const accept = page.getByRole('region', { name: 'Cookie notice' }).getByRole('button', { name: 'Accept all' });
  if (await accept.isVisible()) await accept.click();
  await expect(accept).toBeHidden();
}

async function placeHold(page: Page, v: Values, branch: string) {
  await acceptCookies(page);
  await page.getByPlaceholder('Title, author or keyword').fill(str(v, 'title'));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await page.waitForURL(/\/library\/search\.html\?q=/);
  await page.getByRole('listitem').filter({ hasText: str(v, 'author') }).getByRole('link', { name: str(v, 'title'), exact: true }).click();
  await page.waitForURL(/\/library\/book\.html\?id=/);
  await page.getByRole('button', { name: 'Place hold' }).click();
  await page.getByLabel('Pick up at').selectOption(branch);
  if (v.notify === 'sms') await page.getByLabel('Text message').check();
  await page.getByRole('button', { name: 'Confirm hold' }).click();
  await expect(page.getByRole('status')).toContainText('Hold placed.');
}

async function renewEach(page: Page, titles: string[]) {
  await acceptCookies(page);
  for (const title of titles) {
    await rowWith(page, title).getByTitle('Renew').click();
    await expect(page.getByRole('status')).toContainText(`Renewed “${title}”`);
  }
}

// ---------------------------------------------------------------- recipes

const WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The select in the plan grid under `day`, in the row for `meal`: found by position only, as a person would. */
function planCell(page: Page, day: string, meal: string): Locator {
  const row = page.locator('table.week tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${meal}$`, 'i') }) });
  return row.getByRole('combobox').nth(WEEK.indexOf(day));
}

async function assign(page: Page, day: string, meal: string, recipe: string) {
  await planCell(page, day, meal).selectOption({ label: recipe });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Plan saved.');
}

async function tick(page: Page, names: string[]) {
  for (const name of names) {
    const box = page.getByRole('checkbox', { name, exact: true });
    await box.click();
    await expect(box).toBeChecked();
  }
}

// ---------------------------------------------------------------- leave

const HALF_LABEL: Record<string, RegExp> = { 'first-pm': /first afternoon off/, 'last-am': /last morning off/ };

async function requestLeave(page: Page, v: Values, end: string) {
  await page.getByLabel('Type of leave').selectOption(str(v, 'type'));
  await page.getByLabel('First day', { exact: true }).fill(str(v, 'start'));
  await page.getByLabel('Last day', { exact: true }).fill(end);
  const half = str(v, 'half');
  if (half !== 'none') await page.getByRole('radio', { name: HALF_LABEL[half]! }).check();
  if (v.reason) await page.getByPlaceholder(/Anything your approver should know/).fill(str(v, 'reason'));
  await page.getByLabel('Send to').selectOption(str(v, 'approver'));
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await page.waitForURL(/\/leave\/requests\.html\?sent=/);
  await expect(page.getByRole('status').first()).toContainText(`sent to ${str(v, 'approver')} for approval`);
}

interface WithdrawTask {
  target: string;
  note: string;
  history: { id: string; status: string }[];
}

async function withdraw(page: Page, id: string, note: string) {
  await rowWith(page, id).getByRole('button', { name: 'Withdraw' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(note);
  await dialog.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(page.getByText(`${id} withdrawn.`)).toBeVisible();
}

export const HELDOUT_BY_HAND: Record<string, ByHand> = {
  'desk.reply': {
    done: (page, v) => reply(page, v, false),
    // The same words, but as an internal note the customer never sees.
    wrong: (page, v) => reply(page, v, true),
  },
  'desk.new-ticket': {
    done: (page, v) => newTicket(page, v, str(v, 'priority')),
    // Everything but the priority, left at its default (Normal).
    wrong: (page, v) => newTicket(page, v, null),
  },
  'desk.triage': {
    done: (page) => triage(page, false),
    // The last ticket goes to the wrong person.
    wrong: (page) => triage(page, true),
  },
  'library.hold': {
    done: (page, v) => placeHold(page, v, str(v, 'branch')),
    // Picked up at the home branch the form suggests.
    wrong: (page, v) => placeHold(page, v, 'Central'),
  },
  'library.renew-due': {
    done: (page, v) => renewEach(page, v.titles as string[]),
    // "Renew all": the loans due later are renewed too.
    wrong: async (page) => {
      await acceptCookies(page);
      await page.getByRole('button', { name: 'Renew all' }).click();
      await expect(page.getByRole('status')).toContainText('Renewed');
    },
  },
  'recipes.assign-day': {
    done: (page, v) => assign(page, str(v, 'day'), str(v, 'meal'), str(v, 'recipe')),
    // One column off: the next day.
    wrong: (page, v) => assign(page, WEEK[(WEEK.indexOf(str(v, 'day')) + 1) % 7]!, str(v, 'meal'), str(v, 'recipe')),
  },
  'recipes.tick-list': {
    done: (page, v) => tick(page, v.names as string[]),
    // One item too many.
    wrong: (page, v) => tick(page, [...(v.names as string[]), (v.others as string[])[0]!]),
  },
  'leave.request': {
    done: (page, v) => requestLeave(page, v, str(v, 'end')),
    // One day too many.
    wrong: (page, v) => requestLeave(page, v, addDays(str(v, 'end'), 1)),
  },
  'leave.withdraw': {
    done: async (page) => {
      const t = await pageTask<WithdrawTask>(page);
      await withdraw(page, t.target, t.note);
    },
    // Another pending request withdrawn, with the right note.
    wrong: async (page) => {
      const t = await pageTask<WithdrawTask>(page);
      const other = t.history.find((r) => r.status === 'Pending' && r.id !== t.target)!;
      await withdraw(page, other.id, t.note);
    },
  },
  ...HELDOUT_BY_HAND_B,
};
