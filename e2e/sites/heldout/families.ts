// The held-out suite's task families: small apps the agent is never tuned on. This file
// holds the first four (desk, library, recipes, leave); families-b.ts the next three
// (bank, parcel, settings). Each family draws its instances from a seeded random source;
// some (desk.triage, leave.withdraw, bank.card, settings.notify) let the page draw the
// task itself from `?seed=N` and show it, so the task line only carries the seed.
import { addDays, utc, weekday } from '../tasks/dates';
import { checkState } from '../tasks/page-js';
import type { Rng } from '../tasks/rng';
import type { TaskInstance, Template } from '../tasks/template';
import { HELDOUT_TEMPLATES_B } from './families-b';
import { listing, resetHeldout, TASK_TEXT_JS } from './heldout-js';

/** An instance that may start on its own URL (a seed in the query) and take its text from the page. */
export interface HeldoutInstance extends TaskInstance {
  /** Overrides the template's URL (page-drawn families put the seed there). */
  url?: string;
  /** When set, the task line uses this as `instruction_js`; `instruction` is then only a label for de-duplication. */
  instructionJs?: string;
}

export interface HeldoutTemplate extends Template {
  make(rng: Rng): HeldoutInstance;
}

const KEYS = { desk: 'heldout.desk', library: 'heldout.library', recipes: 'heldout.recipes', leave: 'heldout.leave' } as const;

export { resetHeldout };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A date written the way people write it, never as yyyy-mm-dd. */
type DateStyle = 'us-long' | 'uk-long' | 'short-weekday' | 'us-numeric';
function humanDate(iso: string, style: DateStyle): string {
  const d = utc(iso);
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  switch (style) {
    case 'us-long':
      return `${MONTHS[month]} ${day}, ${year}`;
    case 'uk-long':
      return `${day} ${MONTHS[month]} ${year}`;
    case 'short-weekday':
      return `${DAY_NAMES[d.getUTCDay()]!.slice(0, 3)} ${day} ${MONTHS[month]!.slice(0, 3)} ${year}`;
    case 'us-numeric':
      return `${String(month + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}/${year}`;
  }
}

// ---------------------------------------------------------------- desk

/** The tickets still open or pending on the desk (the page's data, as the instructions name them). */
const OPEN_TICKETS = [
  { id: 1041, subject: 'Cannot log in after password reset', requester: 'Nora Quinn' },
  { id: 1042, subject: 'Invoice missing', requester: 'Felix Brandt' },
  { id: 1043, subject: 'Export to CSV times out', requester: 'Maya Lindqvist' },
  { id: 1044, subject: 'Cannot log in', requester: 'Omar Haddad' },
  { id: 1045, subject: 'Invoice missing VAT number', requester: 'Greta Novak' },
  { id: 1046, subject: 'Add a second admin', requester: 'Felix Brandt' },
  { id: 1048, subject: 'Cannot log in', requester: 'Isla McKenzie' },
  { id: 1049, subject: 'Charged twice this month', requester: 'Omar Haddad' },
  { id: 1050, subject: 'Webhook stopped firing', requester: 'Maya Lindqvist' },
  { id: 1051, subject: 'Change company name on invoices', requester: 'Greta Novak' },
  { id: 1053, subject: 'Password reset email never arrives', requester: 'Jun Watanabe' },
] as const;
const REPLIES = [
  'Thanks for your patience, we are looking into it.',
  'Could you send us a screenshot of the error?',
  'This is fixed now, please try again.',
  'I have refunded the duplicate charge.',
  'Please clear your browser cache and try once more.',
  'I have passed this on to our billing team.',
  'Your account is unlocked.',
];

export const deskReply: HeldoutTemplate = {
  id: 'desk.reply',
  app: 'desk',
  url: '/heldout/desk/index.html',
  maxSteps: 10,
  note: 'Open the right ticket from the queue (three share the subject "Cannot log in"), type into a composer textarea that has no label or placeholder, press the generic "Submit" — not as an internal note, not changing the status.',
  make(rng) {
    const t = rng.pick(OPEN_TICKETS);
    const text = rng.pick(REPLIES);
    const phrasings = [
      `Type "${text}" in the reply box of ticket #${t.id} and press Submit`,
      `Please answer ${t.requester}'s ticket "${t.subject}" with "${text}"`,
      `Open ticket ${t.id} (${t.subject}), write "${text}" as a public reply, then press Submit.`,
    ];
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.desk),
      success_js: checkState(
        KEYS.desk,
        { id: t.id, text },
        `const r = s.replies || [];
        return r.length === 1 && r[0].ticket === want.id && r[0].kind === 'public' && r[0].text.trim() === want.text && !r[0].status;`,
      ),
      values: { id: t.id, subject: t.subject, requester: t.requester, text },
    };
  },
};

const CUSTOMERS = ['hana.sato@example.com', 'leo.marsh@example.org', 'billing@kestrel-labs.example', 'p.okonkwo@example.net', 'ines.duarte@example.pt', 'tomas@vargas-cafe.example'];
const NEW_TICKETS: readonly { subject: string; category: string; body: string }[] = [
  { subject: 'Refund for annual plan', category: 'Billing', body: 'Customer upgraded by mistake and wants the annual plan refunded.' },
  { subject: 'Locked out after 2FA change', category: 'Login & access', body: 'New phone, old authenticator codes no longer work.' },
  { subject: 'Calendar sync shows wrong times', category: 'Bug report', body: 'Events imported from Outlook are one hour late.' },
  { subject: 'Bulk edit for contacts', category: 'Feature request', body: 'Would like to change the owner of many contacts at once.' },
  { subject: 'PDF export cuts off tables', category: 'Bug report', body: 'Wide tables lose their last two columns in PDF exports.' },
  { subject: 'Change of billing address', category: 'Billing', body: 'Company moved offices, invoices should use the new address.' },
  { subject: 'Question about data retention', category: 'Other', body: 'How long are deleted projects kept before they are purged?' },
];

export const deskNewTicket: HeldoutTemplate = {
  id: 'desk.new-ticket',
  app: 'desk',
  url: '/heldout/desk/index.html',
  maxSteps: 12,
  note: 'Reach the form from the side rail; the subject has only a placeholder, the description only a hint paragraph above it, the priority defaults to Normal (never the asked one), and the button is "OK". Then a confirmation page.',
  make(rng) {
    const email = rng.pick(CUSTOMERS);
    const t = rng.pick(NEW_TICKETS);
    const priority = rng.pick(['Low', 'High', 'Urgent']);
    const phrasings = [
      `Open a new ticket for ${email}: subject "${t.subject}", category ${t.category}, priority ${priority}, description "${t.body}"`,
      `Please log ${priority === 'Urgent' ? 'an' : 'a'} ${priority.toLowerCase()}-priority ${t.category} ticket on behalf of ${email}, with the subject "${t.subject}" and the description "${t.body}"`,
      `Create a ticket (${t.category}, ${priority}) from ${email} titled "${t.subject}". Description: "${t.body}" Press OK when done.`,
    ];
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.desk),
      success_js: checkState(
        KEYS.desk,
        { email, subject: t.subject, category: t.category, priority, body: t.body },
        `const c = s.created || [];
        return c.length === 1 && c[0].email === want.email && c[0].subject === want.subject && c[0].category === want.category && c[0].priority === want.priority && c[0].body.trim() === want.body;`,
      ),
      values: { email, subject: t.subject, category: t.category, priority, body: t.body },
    };
  },
};

export const deskTriage: HeldoutTemplate = {
  id: 'desk.triage',
  app: 'desk',
  url: '/heldout/desk/triage.html',
  maxSteps: 12,
  note: 'The task is the pinned note the page draws from ?seed (one to three tickets, an assignee — sometimes by first name only — and maybe a priority). Each row has two unlabeled selects (only column headers say what they are); one "Save" for the board; other rows must stay as they were.',
  make(rng) {
    const seed = rng.int(100, 99_999);
    return {
      instruction: `(drawn by the page, seed ${seed})`,
      instructionJs: TASK_TEXT_JS,
      url: `/heldout/desk/triage.html?seed=${seed}`,
      setup_js: resetHeldout(KEYS.desk),
      success_js: checkState(
        KEYS.desk,
        { seed },
        `const t = s.task;
        if (!t || t.seed !== want.seed || !s.board) return false;
        const ids = Object.keys(t.expected);
        return ids.length > 0 && ids.every((id) => s.board[id] && s.board[id].assignee === t.expected[id].assignee && s.board[id].priority === t.expected[id].priority);`,
      ),
      values: { seed },
    };
  },
};

// ---------------------------------------------------------------- library

/** Books a hold can be asked for without naming the edition (no other edition by the same author). */
const HOLDABLE = [
  { id: 'b01', title: "The Lighthouse Keeper's Daughter", author: 'Hollis Marrow' },
  { id: 'b02', title: "The Lighthouse Keeper's Daughter", author: 'Ana Beltrán' },
  { id: 'b03', title: 'Winter in Carrow Bay', author: 'Edith Lowe' },
  { id: 'b04', title: 'Winter at Carrow Bay', author: 'Sam Okafor' },
  { id: 'b05', title: 'A Short History of Bridges', author: 'Peter Lund' },
  { id: 'b10', title: 'Quiet Rivers', author: 'Helen Strand' },
  { id: 'b13', title: "The Cartographer's Apprentice", author: 'Lucia Ferro' },
  { id: 'b14', title: 'The Cartographer', author: 'Ben Aldous' },
  { id: 'b17', title: 'The Beekeeper of Aldmere', author: 'Rosa Lind' },
  { id: 'b18', title: "The Beekeeper's Year", author: 'Rosa Lind' },
] as const;
const PICKUP = ['Riverside', 'Old Town', 'Northgate', 'Hillcrest'];

export const libraryHold: HeldoutTemplate = {
  id: 'library.hold',
  app: 'library',
  url: '/heldout/library/index.html',
  maxSteps: 12,
  note: 'Four pages: a search box with only a placeholder and a "Go" button, results with look-alike titles (same title by another author, "Winter in/at Carrow Bay"), the book page, then a hold form whose pickup branch defaults to Central (never the asked one). A cookie notice covers the bottom of every page.',
  make(rng) {
    const b = rng.pick(HOLDABLE);
    const branch = rng.pick(PICKUP);
    const sms = rng.next() < 0.5;
    const phrasings = [
      `Place a hold on "${b.title}" by ${b.author} for pickup at ${branch}${sms ? ', and have them text me when it is ready' : ''}.`,
      `Please reserve ${b.author}'s "${b.title}" — I'll collect it from the ${branch} branch.${sms ? ' Notify me by text message.' : ''}`,
      `Search the catalogue for "${b.title}" (${b.author}), put it on hold and choose ${branch} as the pickup branch${sms ? '; I want the notification by SMS' : ''}.`,
    ];
    const want = { book: b.id, branch, notify: sms ? 'sms' : null };
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.library),
      success_js: checkState(
        KEYS.library,
        want,
        `const h = s.holds || [];
        return h.length === 1 && h[0].book === want.book && h[0].branch === want.branch && (want.notify === null || h[0].notify === want.notify);`,
      ),
      values: { ...want, title: b.title, author: b.author },
    };
  },
};

const LOAN_TITLES: readonly [string, string][] = [
  ['Night Trains of Europe', 'Tomas Varga'],
  ['Cooking with Smoke', 'Dev Malhotra'],
  ['Stargazing for Beginners', 'Kofi Mensah'],
  ['The Glass Orchard', 'Mira Castell'],
  ['Small Gods of the Fens', 'Orla Keane'],
  ['Bridges: A Short History', 'Ruth Adeyemi'],
  ['Quiet Rivers, Loud Towns', 'Ivo Petrov'],
  ['The Salt Marsh Year', 'Agnes Holt'],
  ['A Field Guide to Moths', 'Colin Brae'],
  ['Letters from Lisbon', 'Marta Sousa'],
  ['The Patient Gardener', 'Fiona Reid'],
  ['Knots and Splices', 'Ewan Clarke'],
];
const LIBRARY_TODAY = '2027-03-01';

export const libraryRenewDue: HeldoutTemplate = {
  id: 'library.renew-due',
  app: 'library',
  url: '/heldout/library/loans.html',
  maxSteps: 10,
  note: 'Which loans, and how many (one to four of five to eight), differ every time: compare each due date with the one in the task. Every row has the same icon button whose only name is its title "Renew"; "Renew all" is the tempting shortcut; a cookie notice sits over the bottom of the page.',
  make(rng) {
    for (;;) {
      const n = rng.int(5, 8);
      const offsets = rng.sample(
        Array.from({ length: 28 }, (_, i) => i + 2),
        n,
      ).sort((a, b) => a - b);
      const k = rng.int(1, Math.min(4, n - 2));
      const before = offsets[k - 1]!;
      const after = offsets[k]!;
      if (after - before < 2) continue;
      const cutoff = addDays(LIBRARY_TODAY, rng.int(before + 1, after - 1));
      const titles = rng.sample(LOAN_TITLES, n);
      const loans = offsets.map((off, i) => ({
        id: `L${i + 1}${rng.int(0, 9)}`,
        title: titles[i]![0],
        author: titles[i]![1],
        due: addDays(LIBRARY_TODAY, off),
        renewals: i < k ? rng.int(0, 2) : rng.int(0, 3),
        ...(i > k && rng.next() < 0.5 ? { reserved: true } : {}),
      }));
      // At least one later loan can be renewed, so "Renew all" is a real near miss.
      loans[k] = { ...loans[k]!, renewals: 0 };
      delete (loans[k] as { reserved?: boolean }).reserved;
      const ids = loans.slice(0, k).map((l) => l.id);
      const style = rng.pick<DateStyle>(['us-long', 'uk-long', 'short-weekday']);
      const d = humanDate(cutoff, style);
      const phrasings = [`Renew every loan due before ${d}.`, `Please renew all my library books that are due before ${d} — leave the rest alone.`, `On my loans page, renew anything due back before ${d}, and nothing else.`];
      return {
        instruction: rng.pick(phrasings),
        setup_js: resetHeldout(KEYS.library, { today: LIBRARY_TODAY, loans: rng.sample(loans, loans.length) }),
        success_js: checkState(
          KEYS.library,
          { ids },
          `const r = s.renewed || [];
          return r.length === want.ids.length && want.ids.every((id) => r.includes(id));`,
        ),
        values: { cutoff, titles: loans.slice(0, k).map((l) => l.title), ids },
      };
    }
  },
};

// ---------------------------------------------------------------- recipes

const RECIPES = [
  ['r01', 'Lemon chicken'],
  ['r02', 'Lemon chicken traybake'],
  ['r03', 'Chickpea curry'],
  ['r04', 'Chickpea & spinach curry'],
  ['r05', 'Mushroom risotto'],
  ['r06', 'Pea & mint risotto'],
  ['r07', 'Shakshuka'],
  ['r08', 'Fish tacos'],
  ['r09', 'Veggie chilli'],
  ['r10', 'Beef chilli'],
  ['r11', 'Prawn pad thai'],
  ['r12', 'Minestrone'],
  ['r13', 'Tomato soup'],
  ['r14', 'Halloumi wraps'],
] as const;
const WEEK = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;
const MEALS = ['lunch', 'dinner'] as const;
const SLOTS = WEEK.flatMap(([d]) => MEALS.map((m) => `${d}-${m}`));

export const recipesAssignDay: HeldoutTemplate = {
  id: 'recipes.assign-day',
  app: 'recipes',
  url: '/heldout/recipes/plan.html',
  maxSteps: 8,
  note: 'A 7×2 grid of unlabeled selects (only the day header above and the meal header to the left say which is which); the cell differs every time, some cells are already filled, look-alike recipe names ("Lemon chicken" / "Lemon chicken traybake"); nothing is kept until the generic "Save".',
  make(rng) {
    const plan: Record<string, string> = {};
    for (const slot of rng.sample(SLOTS, rng.int(3, 6))) plan[slot] = rng.pick(RECIPES)[0];
    const [dayId, dayName] = rng.pick(WEEK);
    const meal = rng.pick(MEALS);
    const slot = `${dayId}-${meal}`;
    const [recipeId, recipe] = rng.pick(RECIPES.filter(([id]) => id !== plan[slot]));
    const expected = { ...plan, [slot]: recipeId };
    const phrasings = [`Assign ${recipe} to ${dayName} ${meal}.`, `Put ${recipe} on ${dayName} for ${meal}, then press Save.`, `Please plan ${recipe} for ${meal} on ${dayName}.`];
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.recipes, { plan }),
      success_js: checkState(
        KEYS.recipes,
        { slots: SLOTS, expected },
        `const p = s.plan || {};
        return want.slots.every((k) => (p[k] || '') === (want.expected[k] || ''));`,
      ),
      values: { slot, day: dayName, meal, recipe, recipeId },
    };
  },
};

const GROCERIES: readonly [name: string, qty: string, aisle: string][] = [
  ['Lemons', '3', 'Fruit & veg'],
  ['Lemon juice', '1 bottle', 'Cupboard'],
  ['Red onions', '2', 'Fruit & veg'],
  ['Spring onions', '1 bunch', 'Fruit & veg'],
  ['Spinach', '200 g', 'Fruit & veg'],
  ['Mushrooms', '250 g', 'Fruit & veg'],
  ['Limes', '2', 'Fruit & veg'],
  ['Coriander', '1 bunch', 'Fruit & veg'],
  ['Plain flour', '1 kg', 'Cupboard'],
  ['Self-raising flour', '500 g', 'Cupboard'],
  ['Chickpeas', '2 tins', 'Cupboard'],
  ['Coconut milk', '1 tin', 'Cupboard'],
  ['Arborio rice', '500 g', 'Cupboard'],
  ['Chopped tomatoes', '3 tins', 'Cupboard'],
  ['Milk', '2 l', 'Dairy & eggs'],
  ['Eggs', '12', 'Dairy & eggs'],
  ['Halloumi', '1 block', 'Dairy & eggs'],
  ['Greek yogurt', '500 g', 'Dairy & eggs'],
  ['Parmesan', '1 wedge', 'Dairy & eggs'],
  ['Tortillas', '8', 'Bakery'],
];

export const recipesTickList: HeldoutTemplate = {
  id: 'recipes.tick-list',
  app: 'recipes',
  url: '/heldout/recipes/list.html',
  maxSteps: 10,
  note: 'Two to five items to tick on a list of nine to thirteen that changes every time, with near-twins ("Lemons" / "Lemon juice", "Milk" / "Coconut milk", two flours); some items are already ticked and must stay so; ticking saves at once, and "Clear ticked items" would lose them.',
  make(rng) {
    const picked = rng.sample(GROCERIES, rng.int(9, 13));
    const list = picked.map(([name, qty, aisle], i) => ({ id: `g${String(i + 1).padStart(2, '0')}`, name, qty, aisle, got: false }));
    const preticked = rng.sample(list, rng.int(1, 2));
    for (const item of preticked) item.got = true;
    const targets = rng.sample(
      list.filter((i) => !i.got),
      rng.int(2, 5),
    );
    const names = targets.map((t) => t.name);
    const lower = names.map((n) => n.toLowerCase());
    const phrasings = [
      `Tick the items I already have on the shopping list: ${listing(names)}.`,
      `I've got ${listing(lower)} already — tick them off the shopping list.`,
      `Please check off ${listing(names)} on my shopping list, nothing else.`,
    ];
    const got = Object.fromEntries(list.map((i) => [i.id, i.got || targets.includes(i)]));
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.recipes, { list }),
      success_js: checkState(
        KEYS.recipes,
        { got },
        `const l = s.list || [];
        const ids = Object.keys(want.got);
        return l.length === ids.length && l.every((i) => want.got[i.id] === i.got);`,
      ),
      values: { names, others: list.filter((i) => !got[i.id]).map((i) => i.name) },
    };
  },
};

// ---------------------------------------------------------------- leave

const LEAVE_TYPES = ['Annual leave', 'Parental leave', 'Unpaid leave', 'Study leave', 'Volunteering day'];
const APPROVERS = ['Dana Whitfield', 'Leo Park', 'Amara Osei', 'Rhys Donnelly', 'Sofia Brandt'];
const LEAVE_REASONS: Record<string, readonly string[]> = {
  'Annual leave': ['Family wedding abroad', 'Moving house', 'Trip booked last year'],
  'Parental leave': ['Settling our daughter into nursery', 'School holidays cover'],
  'Unpaid leave': ['Looking after my father after his operation', 'Extending my trip to Chile'],
  'Study leave': ['Exam week for my accounting course', 'Final module of my data course'],
  'Volunteering day': ['Charity run with the local food bank', 'Beach clean-up with the team'],
};
const HALF_PHRASE = { none: '', 'first-pm': ', with only the afternoon off on the first day', 'last-am': ', with only the morning off on the last day' } as const;

export const leaveRequest: HeldoutTemplate = {
  id: 'leave.request',
  app: 'leave',
  url: '/heldout/leave/index.html',
  maxSteps: 14,
  note: 'A leave-type select, two <input type="date"> fields given dates like "March 4, 2027", "Thu 4 Mar 2027" or "03/14/2027" (to convert to yyyy-mm-dd), a half-day radio group, a reason box with only a placeholder, an approver select, and "Submit"; validation errors for a reversed range or a missing reason.',
  make(rng) {
    const type = rng.pick(LEAVE_TYPES);
    let start: string;
    do start = addDays('2027-02-01', rng.int(0, 300));
    while (weekday(start) === 0 || weekday(start) === 6);
    let end: string;
    do end = addDays(start, rng.int(0, 9));
    while (weekday(end) === 0 || weekday(end) === 6);
    const half = start === end ? 'none' : rng.pick(['none', 'none', 'first-pm', 'last-am'] as const);
    const needsReason = type === 'Unpaid leave' || type === 'Study leave';
    const reason = needsReason || rng.next() < 0.5 ? rng.pick(LEAVE_REASONS[type]!) : '';
    const approver = rng.pick(APPROVERS);
    let style = rng.pick<DateStyle>(['us-long', 'uk-long', 'short-weekday', 'us-numeric']);
    // mm/dd/yyyy only where it cannot be read as dd/mm/yyyy.
    if (style === 'us-numeric' && (utc(start).getUTCDate() <= 12 || utc(end).getUTCDate() <= 12)) style = 'us-long';
    const [from, to] = [humanDate(start, style), humanDate(end, style)];
    const what = type === 'Volunteering day' ? 'a volunteering day' : type.toLowerCase();
    const phrasings = [
      `Request ${what} from ${from} to ${to}${HALF_PHRASE[half]}, and send it to ${approver}.${reason ? ` Reason: "${reason}".` : ''}`,
      `Please book ${type} for ${from} – ${to}${HALF_PHRASE[half]}; approver ${approver}${reason ? `; in the comments write "${reason}"` : ''}.`,
      `I need ${what}: first day ${from}, last day ${to}${HALF_PHRASE[half]}. ${reason ? `Give "${reason}" as the reason. ` : ''}It goes to ${approver}.`,
    ];
    const want = { type, start, end, half, reason, approver };
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.leave),
      success_js: checkState(
        KEYS.leave,
        want,
        `const r = s.submitted || [];
        return r.length === 1 && r[0].type === want.type && r[0].start === want.start && r[0].end === want.end && r[0].half === want.half
          && r[0].reason.trim() === want.reason && r[0].approver === want.approver;`,
      ),
      values: want,
    };
  },
};

export const leaveWithdraw: HeldoutTemplate = {
  id: 'leave.withdraw',
  app: 'leave',
  url: '/heldout/leave/requests.html',
  maxSteps: 8,
  note: 'The page draws its own history and an HR message from ?seed that names the request by a day inside its range ("Wednesday 14 July") or by type and start; find the pending row, press its bin icon (only an aria-label), write the note in a placeholder-only box in the dialog, press "OK".',
  make(rng) {
    const seed = rng.int(100, 99_999);
    return {
      instruction: `(drawn by the page, seed ${seed})`,
      instructionJs: TASK_TEXT_JS,
      url: `/heldout/leave/requests.html?seed=${seed}`,
      setup_js: resetHeldout(KEYS.leave),
      success_js: checkState(
        KEYS.leave,
        { seed },
        `const t = s.task;
        const w = s.withdrawn || [];
        const norm = (x) => String(x).toLowerCase().replace(/[\\s.!]+$/, '').trim();
        return !!t && t.seed === want.seed && w.length === 1 && w[0].id === t.target && norm(w[0].note) === norm(t.note);`,
      ),
      values: { seed },
    };
  },
};

export const HELDOUT_TEMPLATES: HeldoutTemplate[] = [deskReply, deskNewTicket, deskTriage, libraryHold, libraryRenewDue, recipesAssignDay, recipesTickList, leaveRequest, leaveWithdraw, ...HELDOUT_TEMPLATES_B];

export function heldoutTemplateById(id: string): HeldoutTemplate {
  const t = HELDOUT_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no held-out family ${id}`);
  return t;
}
