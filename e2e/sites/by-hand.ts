// How a person does each task family, scripted for Playwright: proof that every task
// can be done from its instruction on the real pages, and — with `wrong`, a near miss
// (wrong quantity, wrong seat, the distractor) — that each success check tells the
// right outcome from an almost-right one.
import { expect, type Page } from '@playwright/test';
import type { Person } from './tasks/people';

type Values = Record<string, unknown>;
export interface ByHand {
  /** Does the task exactly as asked, starting on the task's start page. */
  done(page: Page, v: Values): Promise<void>;
  /** Does almost the task, but gets one thing wrong. */
  wrong(page: Page, v: Values): Promise<void>;
}

const str = (v: Values, k: string) => String(v[k]);
const person = (v: Values) => v.person as Person;
const fullName = (p: Person) => `${p.first} ${p.last}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const longDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

async function shopBuy(page: Page, v: Values, qty: number) {
  await page.getByRole('searchbox', { name: 'Search products' }).fill(str(v, 'product'));
  await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
  await page.getByRole('link', { name: str(v, 'product'), exact: true }).click();
  await page.getByLabel('Size').selectOption(str(v, 'size'));
  await page.getByLabel('Quantity').fill(String(qty));
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page.getByRole('link', { name: 'View basket' }).click();
  await shopCheckout(page, person(v), str(v, 'store'));
}

async function shopCheckout(page: Page, p: Person, store: string) {
  await page.getByRole('button', { name: 'Proceed to checkout' }).click();
  await page.getByLabel('Full name').fill(fullName(p));
  await page.getByLabel('Email', { exact: true }).fill(p.email);
  await page.getByLabel('Collection store').selectOption(store);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your order is confirmed' })).toBeVisible();
}

async function pickAirport(page: Page, label: string, city: string) {
  await page.getByLabel(label, { exact: true }).pressSequentially(city.slice(0, 3));
  await page.getByRole('option', { name: new RegExp(`^${city} \\(`) }).click();
}

async function bookFlight(page: Page, v: Values, fare: string) {
  const from = v.from as { city: string };
  const to = v.to as { city: string };
  await page.getByLabel('One way').check();
  await pickAirport(page, 'From', from.city);
  await pickAirport(page, 'To', to.city);
  await page.getByRole('textbox', { name: 'Depart' }).fill(str(v, 'date'));
  await page.getByRole('button', { name: 'Search flights' }).click();
  await page.getByRole('button', { name: new RegExp(`^${fare} fare, .*, ${str(v, 'time')} departure$`) }).click();
  await page.getByLabel('First name').fill(person(v).first);
  await page.getByLabel('Last name').fill(person(v).last);
  await page.getByLabel('Contact email').fill(person(v).email);
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'Your booking is confirmed' })).toBeVisible();
}

async function checkIn(page: Page, v: Values, seat: string) {
  await page.getByRole('tab', { name: 'Check in' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Check in' });
  await panel.getByLabel('Booking reference').fill(str(v, 'reference'));
  await panel.getByLabel('Surname').fill(str(v, 'surname'));
  await panel.getByRole('button', { name: 'Check in' }).click();
  await page.getByLabel('Seat preference').selectOption(seat);
  await page.getByRole('button', { name: 'Confirm check-in' }).click();
  await expect(page.getByRole('heading', { name: 'Check-in complete' })).toBeVisible();
}

async function compose(page: Page, to: string, subject: string, body: string) {
  await page.getByRole('button', { name: 'New message' }).click();
  await page.getByLabel('To', { exact: true }).fill(to);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Message', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText(`Message sent to ${to}.`)).toBeVisible();
}

/** Finds a message by searching its subject, as people do in a long inbox, and opens it. */
async function openMessage(page: Page, from: string, subject: string) {
  await page.getByRole('searchbox', { name: 'Search mail' }).fill(subject);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link').filter({ hasText: from }).filter({ hasText: `${subject} —` }).click();
  await expect(page.getByRole('heading', { name: subject, exact: true })).toBeVisible();
}

async function send(page: Page, to: string) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText(`Message sent to ${to}`)).toBeVisible();
}

async function saveProfile(page: Page, displayName: string, jobTitle: string) {
  await page.getByRole('tab', { name: 'Profile' }).click();
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Job title').fill(jobTitle);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
}

async function invite(page: Page, p: Person, role: string) {
  await page.getByRole('tab', { name: 'Team' }).click();
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(fullName(p));
  await dialog.getByLabel('Email').fill(p.email);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${p.email}.`)).toBeVisible();
}

async function searchDocs(page: Page, query: string) {
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill(query);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  // The results are another page: wait for it, or the old page is searched for them.
  await page.waitForURL(/\/search\.html\?/);
}

/** Opens the result with this exact title, paging through the results as needed. */
async function openResult(page: Page, title: string) {
  for (;;) {
    const link = page.getByRole('link', { name: title, exact: true });
    if (await link.count()) return link.first().click();
    await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'Next' }).click();
  }
}

async function feedback(page: Page, v: Values) {
  await searchDocs(page, str(v, 'title'));
  await openResult(page, str(v, 'title'));
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.getByLabel('How can we improve this page? (optional)').fill(str(v, 'comment'));
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByText('Thank you for your feedback!')).toBeVisible();
}

async function bookAppointment(page: Page, v: Values, time: string) {
  await page.getByRole('radio', { name: new RegExp(`^${str(v, 'service')}`) }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const date = str(v, 'date');
  const monthTitle = `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  while (!(await page.getByRole('heading', { name: monthTitle }).count())) await page.getByRole('button', { name: 'Next month' }).click();
  await page.getByRole('button', { name: longDate(date) }).click();
  await page.getByRole('button', { name: time, exact: true }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Full name').fill(fullName(person(v)));
  await page.getByLabel('Email', { exact: true }).fill(person(v).email);
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await expect(page.getByRole('heading', { name: 'Your appointment is booked' })).toBeVisible();
}

async function cancelAppointment(page: Page, service: string, date: string) {
  const card = page.locator('.appointment').filter({ hasText: longDate(date) }).filter({ hasText: service });
  await card.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel appointment' }).click();
  await expect(page.getByText(/is cancelled\.$/)).toBeVisible();
}

export const BY_HAND: Record<string, ByHand> = {
  'shop.buy-product': {
    done: (page, v) => shopBuy(page, v, Number(v.qty)),
    wrong: (page, v) => shopBuy(page, v, Number(v.qty) + 1),
  },
  'shop.checkout-basket': {
    done: (page, v) => shopCheckout(page, person(v), str(v, 'store')),
    // Collects from the wrong store.
    wrong: (page, v) => shopCheckout(page, person(v), str(v, 'store') === 'York' ? 'Leeds' : 'York'),
  },
  'flights.book': {
    done: (page, v) => bookFlight(page, v, str(v, 'fare')),
    wrong: (page, v) => bookFlight(page, v, str(v, 'fare') === 'Flex' ? 'Basic' : 'Flex'),
  },
  'flights.check-in': {
    done: (page, v) => checkIn(page, v, str(v, 'seat')),
    wrong: (page, v) => checkIn(page, v, str(v, 'seat') === 'Aisle' ? 'Window' : 'Aisle'),
  },
  'mail.compose': {
    done: (page, v) => compose(page, str(v, 'to'), str(v, 'subject'), str(v, 'body')),
    wrong: (page, v) => compose(page, str(v, 'to'), `${str(v, 'subject')} (draft)`, str(v, 'body')),
  },
  'mail.reply': {
    done: async (page, v) => {
      await openMessage(page, str(v, 'from'), str(v, 'subject'));
      await page.getByRole('button', { name: 'Reply', exact: true }).click();
      await page.getByLabel('Message', { exact: true }).fill(str(v, 'text'));
      await send(page, '');
    },
    // Reply all: the reply also goes to the whole team.
    wrong: async (page, v) => {
      await openMessage(page, str(v, 'from'), str(v, 'subject'));
      await page.getByRole('button', { name: 'Reply all' }).click();
      await page.getByLabel('Message', { exact: true }).fill(str(v, 'text'));
      await send(page, '');
    },
  },
  'mail.forward': {
    done: async (page, v) => {
      await openMessage(page, str(v, 'from'), str(v, 'subject'));
      await page.getByRole('button', { name: 'Forward' }).click();
      await page.getByLabel('To', { exact: true }).fill(str(v, 'to'));
      await send(page, str(v, 'to'));
    },
    // Forwarded to someone else.
    wrong: async (page, v) => {
      await openMessage(page, str(v, 'from'), str(v, 'subject'));
      await page.getByRole('button', { name: 'Forward' }).click();
      await page.getByLabel('To', { exact: true }).fill('someone.else@example.com');
      await send(page, 'someone.else@example.com');
    },
  },
  'admin.profile': {
    done: (page, v) => saveProfile(page, str(v, 'displayName'), str(v, 'jobTitle')),
    // The distractor: the display name typed into the workspace name on the first tab, and saved.
    wrong: async (page, v) => {
      await page.getByLabel('Workspace name').fill(str(v, 'displayName'));
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await saveProfile(page, str(v, 'displayName'), str(v, 'jobTitle'));
    },
  },
  'admin.invite': {
    done: (page, v) => invite(page, person(v), str(v, 'role')),
    wrong: (page, v) => invite(page, person(v), 'Viewer'),
  },
  'docs.find-article': {
    done: async (page, v) => {
      await searchDocs(page, str(v, 'query'));
      await openResult(page, str(v, 'title'));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(str(v, 'title'));
    },
    // Opens the first result instead of the named one (the wrong one for every query in the suite).
    wrong: async (page, v) => {
      await searchDocs(page, str(v, 'query'));
      const first = page.locator('.result h2 a').first();
      expect(await first.textContent()).not.toBe(str(v, 'title'));
      await first.click();
    },
  },
  'docs.feedback': {
    done: feedback,
    // The distractor: the comment sent to support instead of as feedback on the article.
    wrong: async (page, v) => {
      await page.getByRole('link', { name: 'Contact support' }).first().click();
      // The form's script runs by the load event; filled in before, its first render resets it.
      await page.waitForURL(/\/docs\/contact\.html/);
      await page.getByLabel('Your name').fill('Sam Reed');
      await page.getByLabel('Email', { exact: true }).fill('sam@example.com');
      await page.getByLabel('Topic').selectOption('Something else');
      await page.getByLabel('Message').fill(`${str(v, 'title')}: ${str(v, 'comment')}`);
      await page.getByRole('button', { name: 'Send message' }).click();
      await expect(page.getByText('Thanks, we received your request')).toBeVisible();
    },
  },
  'calendar.book': {
    done: (page, v) => bookAppointment(page, v, str(v, 'time')),
    wrong: async (page, v) => {
      // The next free time that day instead of the one asked for.
      await page.getByRole('radio', { name: new RegExp(`^${str(v, 'service')}`) }).check();
      const other = str(v, 'time') === '16:30' ? '16:00' : '16:30';
      await bookAppointment(page, v, other).catch(async () => bookAppointment(page, v, '13:30'));
    },
  },
  'calendar.cancel': {
    done: (page, v) => cancelAppointment(page, str(v, 'service'), str(v, 'date')),
    // Cancels the other appointment for the same treatment.
    wrong: async (page, v) => {
      const card = page.locator('.appointment').filter({ hasText: str(v, 'service') }).filter({ hasNotText: longDate(str(v, 'date')) });
      await card.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel appointment' }).click();
    },
  },
};

BY_HAND['docs.contact-support'] = {
  done: (page, v) => contactSupport(page, person(v), str(v, 'topic'), str(v, 'question')),
  wrong: (page, v) => contactSupport(page, person(v), str(v, 'topic') === 'API' ? 'Billing' : 'API', str(v, 'question')),
};

async function contactSupport(page: Page, p: Person, topic: string, message: string) {
  await page.getByRole('link', { name: 'Contact support' }).first().click();
  // The form is filled on its own page once loaded (waitForURL waits for 'load'), not on the page being left.
  await page.waitForURL(/\/docs\/contact\.html/);
  await page.getByLabel('Your name').fill(fullName(p));
  await page.getByLabel('Email', { exact: true }).fill(p.email);
  await page.getByLabel('Topic').selectOption(topic);
  await page.getByLabel('Message').fill(message);
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('Thanks, we received your request')).toBeVisible();
}

BY_HAND['mail.find-email'] = {
  done: async (page, v) => {
    await page.getByRole('searchbox', { name: 'Search mail' }).fill(str(v, 'query'));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link').filter({ hasText: `${str(v, 'subject')} —` }).click();
    await expect(page.getByRole('heading', { name: str(v, 'subject'), exact: true })).toBeVisible();
  },
  // Opens another result first, then the right one: only the email asked for may be opened.
  wrong: async (page, v) => {
    await page.getByRole('searchbox', { name: 'Search mail' }).fill(str(v, 'query'));
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.message-list a').filter({ hasNotText: `${str(v, 'subject')} —` }).first().click();
    await page.goBack();
    await page.getByRole('link').filter({ hasText: `${str(v, 'subject')} —` }).click();
  },
};
