// The widget practice pages (e2e/sites/widgets) work: for each kind, on two seeds a
// scripted person reads the task the page drew (its text, and the values it needs from
// window.__widgetTask), does it with real input, and the task file's success_js holds;
// on one seed a near miss (the wrong button, an extra box, the next day, the folder
// instead of its file…) leaves it false. A reload with the same seed starts clean, and
// the first commit is final. No extension needed: plain Chromium.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from 'playwright-core';
import { useSitesBrowser } from '../lib/sites-browser';
import { kindOf, WIDGET_FAMILIES, type WidgetFamily } from '../sites/widgets/families';
import { WIDGET_INSTRUCTION_JS, WIDGET_SUCCESS_JS, widgetsJsonl, widgetTasks } from '../sites/widgets/generate';
import { TaskLine } from '../sites/tasks/task-format';

/** The instance a page drew (window.__widgetTask): its fields differ by kind. */
type Drawn = Record<string, any> & { text: string };
interface YMD {
  y: number;
  m: number;
  d: number;
}

interface Person {
  /** Seeds done right (default 1 and 2); the first one is also used for the near miss. */
  seeds?: number[];
  done(page: Page, t: Drawn): Promise<void>;
  /** Almost the task, one thing wrong. */
  wrong(page: Page, t: Drawn): Promise<void>;
}

const suite = useSitesBrowser({ width: 1280, height: 900 });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: YMD) => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
/** The day next to it in the same month. */
const neighbour = (d: YMD): YMD => ({ ...d, d: d.d < 28 ? d.d + 1 : d.d - 1 });
/** "Thursday, March 4, 2027": how the calendar names its day buttons. */
const fullDate = (d: YMD) =>
  new Date(Date.UTC(d.y, d.m - 1, d.d)).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const exact = (name: string) => ({ name, exact: true });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function submit(page: Page, name = 'Submit') {
  await page.getByRole('button', exact(name)).click();
}

/** Opens a calendar popup from its field, goes to the date's month and picks the day. */
async function pickDate(page: Page, field: Locator, date: YMD) {
  await field.click();
  const title = page.locator('.calendar:not([hidden]) .cal-title');
  const want = `${MONTHS[date.m - 1]} ${date.y}`;
  for (let i = 0; i < 60; i++) {
    const [name, year] = (await title.textContent())!.split(' ');
    const shown = Number(year) * 12 + MONTHS.indexOf(name!);
    const target = date.y * 12 + date.m - 1;
    if (shown === target) break;
    const next = dateMonth(shown + (target > shown ? 1 : -1));
    await page.getByRole('button', exact(target > shown ? 'Next month' : 'Previous month')).click();
    await expect(title).toHaveText(next);
  }
  await expect(title).toHaveText(want);
  await page.getByRole('button', exact(fullDate(date))).click();
  await expect(page.locator('.calendar')).toBeHidden();
}
const dateMonth = (k: number) => `${MONTHS[k % 12]} ${Math.floor(k / 12)}`;

async function clickLinkInTabs(page: Page, target: string) {
  const link = page.getByRole('link', exact(target));
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    if (await link.isVisible()) return link.click();
  }
  throw new Error(`no tab shows the link "${target}"`);
}

async function openMessage(page: Page, from: string) {
  await page.getByRole('button', { name: new RegExp(`^${escape(from)} ·`) }).click();
  await expect(page.getByText(`From: ${from}`)).toBeVisible();
}

async function inboxAction(page: Page, action: string, t: Drawn) {
  if (action === 'reply') {
    await page.getByRole('button', exact('Reply')).click();
    await page.getByRole('textbox', exact('Reply')).fill(t.replyText);
    await page.getByRole('button', exact('Send')).click();
  } else if (action === 'forward') {
    await page.getByRole('button', exact('Forward')).click();
    await page.getByLabel('To', { exact: true }).fill(t.forwardTo);
    await page.getByRole('button', exact('Send')).click();
  } else if (action === 'delete') await page.getByRole('button', exact('Delete')).click();
  else await page.getByRole('button', exact('Star')).click();
}

async function pickAirport(page: Page, label: string, airport: { city: string; code: string }) {
  await page.getByRole('combobox', exact(label)).pressSequentially(airport.city.slice(0, 3));
  await page.getByRole('option', exact(`${airport.city} (${airport.code})`)).click();
  await expect(page.getByRole('combobox', exact(label))).toHaveValue(`${airport.city} (${airport.code})`);
}

/** Searches the asked route and date; returns the listed flights, best first by the asked criterion. */
async function searchFlights(page: Page, t: Drawn) {
  await pickAirport(page, 'From', t.from);
  await pickAirport(page, 'To', t.to);
  await pickDate(page, page.getByRole('textbox', exact('Departure date')), t.date);
  await submit(page, 'Search');
  const rows = page.getByRole('list', exact('Flights')).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  const flights = [];
  for (const row of await rows.all()) {
    const price = Number((await row.locator('.price').textContent())!.replace('$', ''));
    const [h, m] = (await row.locator('.duration').textContent())!.match(/\d+/g)!.map(Number);
    flights.push({ price, minutes: h! * 60 + m!, book: row.getByRole('button', { name: /^Book / }) });
  }
  return flights.sort((a, b) => (t.criterion === 'cheapest' ? a.price - b.price : a.minutes - b.minutes));
}

async function openTreePath(page: Page, folders: string[]) {
  for (const folder of folders) {
    await page.getByRole('button', exact(`Expand ${folder}`)).click();
    await expect(page.getByRole('treeitem', exact(folder))).toHaveAttribute('aria-expanded', 'true');
  }
}
const treeName = (page: Page, name: string) => page.locator('.name', { hasText: new RegExp(`^${escape(name)}$`) });

async function setSlider(page: Page, t: Drawn, value: number) {
  const slider = page.getByRole('slider', exact(t.label));
  await slider.focus();
  await page.keyboard.press('Home');
  for (let v = t.min; v < value; v += t.step) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue(String(value));
  await expect(page.locator('output')).toHaveText(String(value));
}

async function spin(page: Page, t: Drawn, value: number) {
  const field = page.getByRole('spinbutton', exact(t.label));
  const steps = (value - t.initial) / t.step;
  for (let i = 0; i < Math.abs(steps); i++) await page.getByRole('button', exact(steps > 0 ? 'Increase' : 'Decrease')).click();
  await expect(field).toHaveValue(String(value));
}

const other = <T>(items: readonly T[], not: T): T => items.find((x) => x !== not)!;

const PEOPLE: Record<string, Person> = {
  button: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.target}"`);
      await page.getByRole('button', exact(t.target)).click();
    },
    async wrong(page, t) {
      await page.getByRole('button', exact(other(t.labels, t.target))).click();
    },
  },
  link: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.target}"`);
      await page.getByRole('link', exact(t.target)).click();
    },
    async wrong(page, t) {
      await page.getByRole('link', exact(other(t.links, t.target))).click();
    },
  },
  checkboxes: {
    seeds: [1, 2, 3],
    async done(page, t) {
      for (const w of t.wanted) expect(t.text).toContain(w);
      for (const w of t.wanted) await page.getByRole('checkbox', exact(w)).check();
      await submit(page);
    },
    async wrong(page, t) {
      const extra = t.labels.find((l: string) => !t.wanted.includes(l));
      const ticks = extra ? [...t.wanted, extra] : t.wanted.slice(1);
      for (const w of ticks) await page.getByRole('checkbox', exact(w)).check();
      await submit(page);
    },
  },
  tabs: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.target}"`);
      await clickLinkInTabs(page, t.target);
    },
    async wrong(page, t) {
      await page.getByRole('tab', exact(t.tab)).click();
      const links = page.getByRole('tabpanel').getByRole('link');
      const texts = await links.allTextContents();
      await page.getByRole('tabpanel').getByRole('link', exact(other(texts, t.target))).click();
    },
  },
  'date-input': {
    async done(page, t) {
      expect(t.text).toContain(t.said);
      await page.getByLabel(t.label, { exact: true }).fill(iso(t.date));
      await submit(page);
    },
    async wrong(page, t) {
      await page.getByLabel(t.label, { exact: true }).fill(iso(neighbour(t.date)));
      await submit(page);
    },
  },
  'date-range': {
    async done(page, t) {
      await page.getByLabel(t.startLabel, { exact: true }).fill(iso(t.first));
      await page.getByLabel(t.endLabel, { exact: true }).fill(iso(t.last));
      await submit(page);
    },
    async wrong(page, t) {
      // the two ends the wrong way round
      await page.getByLabel(t.startLabel, { exact: true }).fill(iso(t.last));
      await page.getByLabel(t.endLabel, { exact: true }).fill(iso(t.first));
      await submit(page);
    },
  },
  'rows-by-date': {
    async done(page, t) {
      for (const id of t.wanted) await page.getByRole('row').filter({ hasText: id }).getByRole('button', exact('Archive')).click();
    },
    async wrong(page, t) {
      // one row too many: the first one not asked for
      const extra = t.ids.find((id: string) => !t.wanted.includes(id));
      await page.getByRole('row').filter({ hasText: extra }).getByRole('button', exact('Archive')).click();
    },
  },
  'range-rows': {
    async done(page, t) {
      await page.getByRole('row').filter({ hasText: t.wanted }).getByRole('button', exact('Cancel')).click();
      await page.getByLabel(t.reasonName).fill(t.reason);
      await page.getByRole('button', exact(t.confirmName)).click();
    },
    async wrong(page, t) {
      // a neighbouring booking, with the right reason
      const other = t.ids.find((id: string) => id !== t.wanted);
      await page.getByRole('row').filter({ hasText: other }).getByRole('button', exact('Cancel')).click();
      await page.getByLabel(t.reasonName).fill(t.reason);
      await page.getByRole('button', exact(t.confirmName)).click();
    },
  },
  'row-fields': {
    async done(page, t) {
      for (const code of t.codes) {
        const row = page.getByRole('row').filter({ hasText: code });
        await row.getByLabel('Shift').selectOption(t.shift);
        if (t.room) await row.getByLabel('Room').fill(t.room);
      }
      await submit(page, 'Save rota');
    },
    async wrong(page, t) {
      // the right rows, and a room put in one row more
      let other = page.getByRole('row').filter({ has: page.getByLabel('Shift') });
      for (const code of t.codes) {
        const row = page.getByRole('row').filter({ hasText: code });
        await row.getByLabel('Shift').selectOption(t.shift);
        if (t.room) await row.getByLabel('Room').fill(t.room);
        other = other.filter({ hasNotText: code });
      }
      await other.first().getByLabel('Room').fill('Z99');
      await submit(page, 'Save rota');
    },
  },
  grid: {
    async done(page, t) {
      const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', exact(t.part)) });
      const column = await page.getByRole('columnheader').allTextContents();
      await row.getByRole('combobox').nth(column.indexOf(t.day) - 1).selectOption(t.activity);
      await submit(page, 'Save');
    },
    async wrong(page, t) {
      // the right activity on the right day, in another part of it
      const row = page.getByRole('row').filter({ hasNot: page.getByRole('rowheader', exact(t.part)) }).filter({ has: page.getByRole('rowheader') }).first();
      const column = await page.getByRole('columnheader').allTextContents();
      await row.getByRole('combobox').nth(column.indexOf(t.day) - 1).selectOption(t.activity);
      await submit(page, 'Save');
    },
  },
  'date-text': {
    async done(page, t) {
      expect(t.text).toContain(t.said);
      const field = page.getByRole('textbox', exact(t.label));
      await expect(field).toHaveAttribute('placeholder', t.format);
      const d = t.date as YMD;
      await field.fill(t.format.replace('yyyy', String(d.y)).replace('mm', pad(d.m)).replace('dd', pad(d.d)));
      await submit(page);
    },
    async wrong(page, t) {
      // the right date in another format
      const d = t.date as YMD;
      await page.getByRole('textbox', exact(t.label)).fill(t.format === 'yyyy-mm-dd' ? `${pad(d.d)}.${pad(d.m)}.${d.y}` : iso(d));
      await submit(page);
    },
  },
  'date-picker': {
    async done(page, t) {
      expect(t.text).toContain(t.said);
      await pickDate(page, page.getByRole('textbox', exact(t.label)), t.date);
      await expect(page.getByRole('textbox', exact(t.label))).toHaveValue(`${pad(t.date.m)}/${pad(t.date.d)}/${t.date.y}`);
      await submit(page);
    },
    async wrong(page, t) {
      await pickDate(page, page.getByRole('textbox', exact(t.label)), neighbour(t.date));
      await submit(page);
    },
  },
  autocomplete: {
    async done(page, t) {
      const box = page.getByRole('combobox');
      const typed = t.target.slice(0, Math.max(2, t.start.length));
      await box.pressSequentially(typed);
      const options = page.getByRole('option');
      await expect(options.first()).toBeVisible();
      for (const o of await options.allTextContents()) expect(o.toLowerCase().startsWith(typed.toLowerCase())).toBe(true);
      if (t.seed % 2 === 1) await page.getByRole('option', exact(t.target)).click();
      else {
        // by keyboard: down to the entry, Enter
        const texts = await options.allTextContents();
        for (let i = 0; i <= texts.indexOf(t.target); i++) await box.press('ArrowDown');
        await expect(page.getByRole('option', { selected: true })).toHaveText(t.target);
        await box.press('Enter');
      }
      await expect(box).toHaveValue(t.target);
      await submit(page);
    },
    async wrong(page, t) {
      const wrong = other(t.entries, t.target) as string;
      await page.getByRole('combobox').pressSequentially(wrong.slice(0, 2));
      await page.getByRole('option', exact(wrong)).click();
      await submit(page);
    },
  },
  search: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.query}"`);
      await clickResult(page, t, t.n);
    },
    async wrong(page, t) {
      await clickResult(page, t, t.n < t.count ? t.n + 1 : t.n - 1);
    },
  },
  inbox: {
    seeds: [1, 2, 3, 4], // one of each action: reply, forward, delete, star
    async done(page, t) {
      expect(t.text).toContain(t.from);
      await openMessage(page, t.from);
      await inboxAction(page, t.action, t);
    },
    async wrong(page, t) {
      // the right action on someone else's email
      await openMessage(page, other(t.senders, t.from));
      await inboxAction(page, t.action, t);
    },
  },
  booking: {
    async done(page, t) {
      expect(t.text).toContain(t.criterion);
      const flights = await searchFlights(page, t);
      await flights[0]!.book.click();
    },
    async wrong(page, t) {
      const flights = await searchFlights(page, t);
      await flights[1]!.book.click();
    },
  },
  tree: {
    seeds: [1, 2, 3],
    async done(page, t) {
      expect(t.text).toContain(`"${t.target}"`);
      if (t.path.length > 1) await expect(treeName(page, t.target)).toBeHidden();
      await openTreePath(page, t.path.slice(0, -1));
      await treeName(page, t.target).click();
    },
    async wrong(page, t) {
      // clicking a folder's name chooses that folder (it does not open it)
      const path: string[] = t.path;
      if (path.length > 1) return treeName(page, path[0]!).click();
      const top = await page.locator('#tree > [role=treeitem] > .node .name').allTextContents();
      await treeName(page, other(top, t.target)).click();
    },
  },
  'text-entry': {
    async done(page, t) {
      expect(t.text).toContain(`"${t.value}"`);
      await page.getByRole('textbox').fill(t.value);
      if (t.seed % 2 === 0) await page.getByRole('textbox').press('Enter');
      else await submit(page);
    },
    async wrong(page, t) {
      await page.getByRole('textbox').fill(t.value.slice(0, -1));
      await submit(page);
    },
  },
  login: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.username}"`);
      expect(t.text).toContain(`"${t.password}"`);
      await page.getByLabel('Username').fill(t.username);
      await page.getByLabel('Password').fill(t.password);
      await submit(page, 'Login');
    },
    async wrong(page, t) {
      await page.getByLabel('Username').fill(t.username);
      await page.getByLabel('Password').fill(t.password.toUpperCase());
      await submit(page, 'Login');
    },
  },
  disclosure: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.section}"`);
      const link = page.getByRole('link', exact(t.target));
      await expect(link).toBeHidden();
      await page.getByRole('button', exact(t.section)).click();
      await link.click();
    },
    async wrong(page, t) {
      await page.getByRole('button', exact(t.section)).click();
      const body = page.locator(`#${await page.getByRole('button', exact(t.section)).getAttribute('aria-controls')}`);
      const texts = await body.getByRole('link').allTextContents();
      await body.getByRole('link', exact(other(texts, t.target))).click();
    },
  },
  delayed: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.target}"`);
      if (t.mode === 'load-more') {
        await expect(page.getByRole('button', exact(t.target))).toHaveCount(0);
        await page.getByRole('button', exact('Load more')).click();
      }
      const button = page.getByRole('button', exact(t.target));
      await expect(button).toBeVisible();
      await button.click();
    },
    async wrong(page, t) {
      if (t.mode === 'load-more') await page.getByRole('button', exact('Load more')).click();
      const button = page.getByRole('button', exact(other(t.late, t.target)));
      await expect(button).toBeVisible();
      await button.click();
    },
  },
  hover: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.menu}"`);
      const item = page.getByRole('list', exact(t.menu)).getByRole('link', exact(t.target));
      await expect(item).toBeHidden();
      await page.getByText(t.menu, { exact: true }).hover();
      await expect(item).toBeVisible();
      await item.click();
    },
    async wrong(page, t) {
      // the same item in another menu when there is one, else a neighbour in the right menu
      const i = t.titles.indexOf(t.menu);
      const twin = t.items.findIndex((list: string[], k: number) => k !== i && list.includes(t.target));
      const menu = twin >= 0 ? t.titles[twin] : t.menu;
      const name = twin >= 0 ? t.target : other(t.items[i], t.target);
      await page.getByText(menu, { exact: true }).hover();
      await page.getByRole('list', exact(menu)).getByRole('link', exact(name)).click();
    },
  },
  keys: {
    async done(page, t) {
      expect(t.text).toContain(`"${t.message}"`);
      expect(t.text).toContain(t.keys);
      await page.getByRole('textbox', exact('Message')).click();
      await page.keyboard.type(t.message);
      await page.keyboard.press(t.keys);
    },
    async wrong(page, t) {
      // the right text, the wrong keys: a new line, nothing sent
      const box = page.getByRole('textbox', exact('Message'));
      await box.click();
      await page.keyboard.type(t.message);
      await page.keyboard.press(t.keys === 'Shift+Enter' ? 'Control+Enter' : 'Shift+Enter');
      await expect(box).toHaveValue(`${t.message}\n`);
    },
  },
  slider: {
    // seed 1 draws a slider, seed 2 a spinner
    async done(page, t) {
      expect(t.text).toContain(String(t.target));
      if (t.mode === 'slider') await setSlider(page, t, t.target);
      else await spin(page, t, t.target);
      await submit(page);
    },
    async wrong(page, t) {
      const off = t.target > t.min ? t.target - t.step : t.target + t.step;
      if (t.mode === 'slider') await setSlider(page, t, off);
      else await spin(page, t, off);
      await submit(page);
    },
  },
};

async function clickResult(page: Page, t: Drawn, n: number) {
  await page.getByRole('searchbox', exact('Search terms')).fill(t.query);
  await submit(page, 'Search');
  await expect(page.locator('#summary')).toContainText(`${t.count} results for "${t.query}"`);
  const pageNo = Math.ceil(n / t.perPage);
  if (pageNo > 1) await page.getByRole('link', exact(`Page ${pageNo}`)).click();
  await expect(page.locator('#summary')).toContainText(`page ${pageNo} of`);
  await page.locator('#results').getByRole('link').nth((n - 1) % t.perPage).click();
}

/** Opens an instance fresh; checks it starts clean and the task line reads its text. */
async function open(page: Page, f: WidgetFamily, seed: number): Promise<Drawn> {
  await page.goto(suite.sites.url(`${f.url}?seed=${seed}`));
  const text = (await page.evaluate(WIDGET_INSTRUCTION_JS)) as string;
  expect(text.length).toBeGreaterThan(10);
  const t = (await page.evaluate('window.__widgetTask')) as Drawn;
  expect(t.text).toBe(text);
  expect(t.seed).toBe(seed);
  expect(await page.evaluate(WIDGET_SUCCESS_JS), `${f.id} seed ${seed} succeeds right after load`).toBe(false);
  expect(await page.evaluate("sessionStorage.getItem('widget.result')")).toBeNull();
  return t;
}

async function recorded(page: Page) {
  await expect(page.locator('#result')).not.toBeEmpty();
  const win = await page.evaluate('window.__widget');
  const stored = await page.evaluate("JSON.parse(sessionStorage.getItem('widget.result'))");
  expect(stored).toEqual(win);
  expect((win as { done: boolean }).done).toBe(true);
}

test('widgets.jsonl is generated from the families and every line is a task line', () => {
  const file = readFileSync(resolve(import.meta.dirname, '../sites/widgets/widgets.jsonl'), 'utf8');
  expect(file).toBe(widgetsJsonl());
  const lines = file.trim().split('\n').map((l) => TaskLine.parse(JSON.parse(l)));
  expect(lines).toHaveLength(WIDGET_FAMILIES.length * 6);
  expect(new Set(lines.map((l) => l.id)).size).toBe(lines.length);
  expect(widgetTasks().map((t) => t.url)).toContain('/widgets/booking.html?seed=6');
  expect(Object.keys(PEOPLE).sort()).toEqual(WIDGET_FAMILIES.map(kindOf).sort());
});

test('a page keeps its first commit, and a reload with the same seed draws the same task and starts clean', async () => {
  const f = WIDGET_FAMILIES.find((x) => x.id === 'widget.button')!;
  const page = await suite.context.newPage();
  try {
    const t = await open(page, f, 3);
    await page.getByRole('button', exact(other(t.labels, t.target))).click();
    await recorded(page);
    await page.getByRole('button', exact(t.target)).click();
    expect(await page.evaluate(WIDGET_SUCCESS_JS)).toBe(false);
    expect(await page.evaluate("JSON.parse(sessionStorage.getItem('widget.result')).success")).toBe(false);
    const again = await open(page, f, 3);
    expect(again).toEqual(t);
    const next = await open(page, f, 4);
    expect(next.text === t.text && next.labels.join() === t.labels.join()).toBe(false);
  } finally {
    await page.close();
  }
});

for (const f of WIDGET_FAMILIES) {
  const kind = kindOf(f);
  test(`${f.id}: done by hand it succeeds; a near miss does not`, async () => {
    const person = PEOPLE[kind]!;
    const seeds = person.seeds ?? [1, 2];
    const page = await suite.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      for (const seed of seeds) {
        const t = await open(page, f, seed);
        await person.done(page, t);
        await recorded(page);
        expect(await page.evaluate(WIDGET_SUCCESS_JS), `${f.id} seed ${seed}: "${t.text}" done by hand`).toBe(true);
      }
      const t = await open(page, f, seeds[0]!);
      await person.wrong(page, t);
      if (kind !== 'keys') await recorded(page);
      expect(await page.evaluate(WIDGET_SUCCESS_JS), `${f.id} seed ${seeds[0]}: a near miss of "${t.text}" passes the check`).toBe(false);
      // a reload with the same seed starts clean
      const again = await open(page, f, seeds[0]!);
      expect(again.text).toBe(t.text);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
}
