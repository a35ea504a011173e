// The held-out suite's second set of families: a personal bank (Kettle Bank), a parcel
// and returns site (Parcelpoint) and a team workspace's settings (Loop). Like the first
// set, each family draws its instances from a seeded random source; bank.card and
// settings.notify let the page draw the task from `?seed=N` and show it.
import { dayMonthYear, utc } from '../tasks/dates';
import { checkState } from '../tasks/page-js';
import type { Rng } from '../tasks/rng';
import type { HeldoutTemplate } from './families';
import { resetHeldout, TASK_TEXT_JS } from './heldout-js';

const KEYS = { bank: 'heldout.bank', parcel: 'heldout.parcel', settings: 'heldout.settings' } as const;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- bank

/** The bank's saved payees (bank/bank.js), each with the look-alike next to it in the list. */
const PAYEES: readonly { id: string; name: string; twin: string }[] = [
  { id: 'p01', name: 'Priya Shah', twin: 'Priyanka Shah' },
  { id: 'p02', name: 'Priyanka Shah', twin: 'Priya Shah' },
  { id: 'p03', name: 'Daniel Okoro', twin: 'Dan Okoro Decorating' },
  { id: 'p04', name: 'Dan Okoro Decorating', twin: 'Daniel Okoro' },
  { id: 'p05', name: 'Green Lane Lettings', twin: 'Green Lane Garage' },
  { id: 'p06', name: 'Green Lane Garage', twin: 'Green Lane Lettings' },
  { id: 'p07', name: 'Marta Kowalska', twin: 'Martin Kowalski' },
  { id: 'p08', name: 'Martin Kowalski', twin: 'Marta Kowalska' },
  { id: 'p09', name: 'Tom Hughes', twin: 'Thomas Hughes' },
  { id: 'p10', name: 'Thomas Hughes', twin: 'Tom Hughes' },
];
/** At most 18 characters: the reference box's limit. */
const REFERENCES = ['March rent', 'Gas bill Feb', 'Concert tickets', 'Dinner at Rudys', 'Window cleaning', 'Invoice 2231', 'Football subs', 'Birthday present', 'Half the taxi', 'Car service'];

export const bankPay: HeldoutTemplate = {
  id: 'bank.pay',
  app: 'bank',
  url: '/heldout/bank/index.html',
  maxSteps: 12,
  note: 'From the account overview the way is always the same but never named by the task: the "Payments" tab, "Pay someone", then a list of payee cards where every name has a look-alike next to it ("Priya Shah" / "Priyanka Shah", "Tom Hughes" / "Thomas Hughes"); an amount box with a "£" prefix, a reference box with only a placeholder (required: a validation error otherwise), "Continue" to a review screen that shows the reference in capitals, then "Confirm". A promo banner sits on the overview.',
  make(rng) {
    const p = rng.pick(PAYEES);
    const pounds = rng.int(5, 400);
    const pence = rng.pick([0, 0, 50, 99, rng.int(1, 98)]);
    const amount = pence === 0 ? String(pounds) : `${pounds}.${String(pence).padStart(2, '0')}`;
    const shown = pence === 0 && rng.next() < 0.5 ? `£${pounds}.00` : `£${amount}`;
    const reference = rng.pick(REFERENCES);
    const phrasings = [
      `Send ${shown} to ${p.name} with the reference "${reference}".`,
      `Pay ${p.name} ${shown} from my current account. Reference: ${reference}`,
      `I owe ${p.name} ${shown}. Please pay it and put "${reference}" as the reference.`,
    ];
    const want = { payee: p.id, pence: pounds * 100 + pence, reference };
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.bank),
      success_js: checkState(
        KEYS.bank,
        want,
        `const p = s.payments || [];
        return p.length === 1 && p[0].payee === want.payee && p[0].from === 'cur' && p[0].amount === want.pence && String(p[0].reference).trim().toLowerCase() === want.reference.toLowerCase();`,
      ),
      values: { ...want, name: p.name, twin: p.twin, amount },
    };
  },
};

export const bankCard: HeldoutTemplate = {
  id: 'bank.card',
  app: 'bank',
  url: '/heldout/bank/cards.html',
  maxSteps: 10,
  note: 'A note from the joint account holder, drawn by the page from ?seed, asks for one card action: freeze or unfreeze, a monthly online spending limit (a checkbox to switch it on, a "£" box, and a cash-machine limit that must stay), or report a card lost or stolen (a reason select worded "I’ve misplaced it" / "Someone has taken it", a replacement checkbox ticked by default, then an "are you sure" dialog). The card is named by its last four digits, and another card has the same digits with two swapped; every action hides behind the card\'s "⋯" button, named only by its aria-label "Card options". Other cards must not change.',
  make(rng) {
    const seed = rng.int(100, 99_999);
    return {
      instruction: `(drawn by the page, seed ${seed})`,
      instructionJs: TASK_TEXT_JS,
      url: `/heldout/bank/cards.html?seed=${seed}`,
      setup_js: resetHeldout(KEYS.bank),
      success_js: checkState(
        KEYS.bank,
        { seed },
        `const t = s.task;
        if (!t || t.seed !== want.seed || !s.cards || s.cards.length !== t.expected.length) return false;
        const rep = (c) => (c.report ? c.report.reason + '/' + c.report.replace : '');
        return t.expected.every((e, i) => { const c = s.cards[i]; return c.id === e.id && c.frozen === e.frozen && c.online === e.online && c.atm === e.atm && c.status === e.status && rep(c) === rep(e); });`,
      ),
      values: { seed },
    };
  },
};

// ---------------------------------------------------------------- parcel

/** Items of past orders that can still be returned (parcel/parcel.js), as a person names them. */
const RETURNABLE: readonly { order: string; item: string; name: string; what: string; fits?: true }[] = [
  { order: '10482', item: 'kettle-blue', name: 'Electric kettle 1.7 L, Ocean blue', what: 'blue kettle' },
  { order: '10482', item: 'teapot', name: 'Glass teapot, 1 L', what: 'glass teapot' },
  { order: '10842', item: 'kettle-blue', name: 'Electric kettle 1.7 L, Ocean blue', what: 'blue kettle' },
  { order: '10842', item: 'lamp', name: 'Desk lamp, brushed brass', what: 'brass desk lamp' },
  { order: '11215', item: 'earbuds', name: 'Wireless earbuds, black', what: 'wireless earbuds' },
  { order: '11215', item: 'case', name: 'Phone case, clear', what: 'clear phone case' },
  { order: '11307', item: 'shoes-9', name: 'Trail running shoes, grey, UK 9', what: 'size 9 running shoes', fits: true },
  { order: '11307', item: 'shoes-10', name: 'Trail running shoes, grey, UK 10', what: 'size 10 running shoes', fits: true },
  { order: '10990', item: 'duvet', name: 'Duvet cover, double, sage green', what: 'sage green duvet cover', fits: true },
  { order: '10990', item: 'sheet', name: 'Cotton fitted sheet, double, white', what: 'white fitted sheet', fits: true },
];
/** Why, in the customer's words; the select's options say it otherwise ("Item arrived damaged or faulty"). */
const RETURN_REASONS: readonly { id: string; label: string; says: readonly string[]; fitsOnly?: true }[] = [
  { id: 'damaged', label: 'Item arrived damaged or faulty', says: ['it arrived damaged', 'it was broken when it came', 'it stopped working after a day'] },
  { id: 'wrong-item', label: 'We sent the wrong item', says: ['they sent me the wrong thing', 'it isn’t what I ordered'] },
  { id: 'changed-mind', label: 'No longer needed', says: ['I don’t need it any more', 'I changed my mind'] },
  { id: 'not-as-described', label: 'Not as described or pictured', says: ['it looks nothing like the photos', 'it isn’t as described on the site'] },
  { id: 'fit', label: 'Doesn’t fit', says: ['it doesn’t fit'], fitsOnly: true },
];
const RETURN_METHODS: readonly { id: string; label: string; says: readonly string[] }[] = [
  { id: 'locker', label: 'Parcelpoint locker', says: ['I’ll drop it at a locker', 'I’ll take it to a parcel locker'] },
  { id: 'counter', label: 'Post Office counter', says: ['I’ll hand it in at a Post Office', 'I’ll take it to the post office'] },
  { id: 'pickup', label: 'Courier collection', says: ['I’d like a courier to collect it from home', 'I want it picked up from my address'] },
];

export const parcelReturn: HeldoutTemplate = {
  id: 'parcel.return',
  app: 'parcel',
  url: '/heldout/parcel/index.html',
  maxSteps: 12,
  note: 'A cookie dialog covers the first page until answered. Orders list → "View order" → the item\'s own "Return" link (every item has one, some items cannot be returned, and the same blue kettle is in orders 10482 and 10842, with a cream one in 10428) → a reason select whose options are worded unlike the task ("Item arrived damaged or faulty", "No longer needed"), a placeholder-only comment box, three drop-off radios described at length, "Submit return" (validation errors for a missing reason or method) → a page with a return code.',
  make(rng) {
    const t = rng.pick(RETURNABLE);
    const reason = rng.pick(RETURN_REASONS.filter((r) => !r.fitsOnly || t.fits));
    const method = rng.pick(RETURN_METHODS);
    const why = rng.pick(reason.says);
    const how = rng.pick(method.says);
    const phrasings = [
      `Return the ${t.what} from order ${t.order} because ${why}; ${how}.`,
      `Please start a return for the ${t.what} in order #${t.order}. Reason: ${why}. ${capitalise(how)}.`,
      `I want to send back the ${t.what} I got in order ${t.order}: ${why}. ${capitalise(how)}.`,
    ];
    const want = { order: t.order, item: t.item, reason: reason.id, method: method.id };
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.parcel),
      success_js: checkState(
        KEYS.parcel,
        want,
        `const r = s.returns || [];
        return r.length === 1 && r[0].order === want.order && r[0].item === want.item && r[0].reason === want.reason && r[0].method === want.method;`,
      ),
      values: { ...want, name: t.name, reasonLabel: reason.label, methodLabel: method.label, otherMethod: RETURN_METHODS[(RETURN_METHODS.indexOf(method) + 1) % RETURN_METHODS.length]!.label },
    };
  },
};

/** Parcels whose delivery can still be changed (parcel/parcel.js), each with its look-alike. */
const CHANGEABLE: readonly { id: string; twin: string; date: string; place: string; full: readonly string[] }[] = [
  { id: 'PP-7731', twin: 'PP-7713', date: '2027-03-09', place: 'none', full: ['2027-03-13', '2027-03-16'] },
  { id: 'PP-7713', twin: 'PP-7731', date: '2027-03-11', place: 'porch', full: ['2027-03-10'] },
  { id: 'PP-5208', twin: 'PP-5280', date: '2027-03-10', place: 'none', full: ['2027-03-15', '2027-03-19'] },
  { id: 'PP-5280', twin: 'PP-5208', date: '2027-03-12', place: 'none', full: ['2027-03-20'] },
  { id: 'PP-3196', twin: 'PP-3169', date: '2027-03-15', place: 'garden', full: ['2027-03-09', '2027-03-17'] },
  { id: 'PP-3169', twin: 'PP-3196', date: '2027-03-09', place: 'none', full: ['2027-03-18'] },
];
const DELIVERY_DAYS = ['2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19', '2027-03-20'];
const DRIVER_NOTES = ['Gate code 4512', 'Beware of the dog', 'Ring the bell twice', 'Side gate is unlocked', 'The parcel is fragile'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDINAL = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** "Friday 12 March", "Fri 12 Mar" or "Friday the 12th". */
function deliveryDay(iso: string, style: 0 | 1 | 2): string {
  const d = utc(iso);
  const weekday = WEEKDAYS[d.getUTCDay()]!;
  const [day, month] = dayMonthYear(iso).split(' ');
  if (style === 0) return `${weekday} ${day} ${month}`;
  if (style === 1) return `${weekday.slice(0, 3)} ${day} ${month!.slice(0, 3)}`;
  return `${weekday} the ${ORDINAL(d.getUTCDate())}`;
}

function placePhrase(rng: Rng, place: string, house: string, note: string | null): string {
  const tell = note === null ? '' : rng.pick([` and tell the driver "${note}"`, ` (note for the driver: "${note}")`]);
  if (place === 'neighbour') return rng.pick([`leave it with a neighbour at number ${house}`, `leave it with the neighbours at no. ${house}`, `give it to number ${house} next door`]);
  if (place === 'porch') return rng.pick(['leave it on the front porch', 'it can go in the porch']) + tell;
  return rng.pick(['leave it in the back garden', 'the driver can put it in the shed out the back']) + tell;
}

export const parcelRedeliver: HeldoutTemplate = {
  id: 'parcel.redeliver',
  app: 'parcel',
  url: '/heldout/parcel/index.html',
  maxSteps: 14,
  note: 'Find the parcel by its number (PP-7731 / PP-7713, PP-5208 / PP-5280 look alike; the home page\'s search button is a magnifier named only by its aria-label, or the "Deliveries" list), then a row of day buttons ("Fri 12 Mar", some crossed out as full) for a day given as "Friday 12 March", "Fri 12 Mar" or "Friday the 12th"; where to leave it sits behind a closed "Delivery instructions" disclosure, a neighbour\'s house number in a field that appears only once "With a neighbour" is chosen, a driver\'s note with only a placeholder; "Update delivery" and a toast. A cookie dialog first.',
  make(rng) {
    const p = rng.pick(CHANGEABLE);
    const twin = CHANGEABLE.find((x) => x.id === p.twin)!;
    const kind = rng.pick(['date', 'place', 'both'] as const);
    const days = DELIVERY_DAYS.filter((d) => d !== p.date && d !== twin.date && !p.full.includes(d) && !twin.full.includes(d));
    const date = kind === 'place' ? p.date : rng.pick(days);
    const place = kind === 'date' ? p.place : rng.pick(['neighbour', 'neighbour', 'porch', 'garden'].filter((x) => x !== p.place && x !== twin.place));
    const house = place === 'neighbour' ? String(rng.pick([14, 9, 21, 37, 6, 12])) : '';
    const note = kind !== 'date' && place !== 'neighbour' && rng.next() < 0.7 ? rng.pick(DRIVER_NOTES) : null;
    const d = deliveryDay(date, rng.pick([0, 0, 1, 2] as const));
    const where = kind === 'date' ? '' : placePhrase(rng, place, house, note);
    const phrasings =
      kind === 'date'
        ? [`Move the delivery of parcel ${p.id} to ${d}.`, `I won't be home, so please have ${p.id} delivered on ${d} instead.`]
        : kind === 'place'
          ? [`Parcel ${p.id}: if I'm out, ${where}.`, `Change the delivery instructions for ${p.id}: ${where}.`]
          : [`Have parcel ${p.id} delivered on ${d} instead, and ${where}.`, `Please rearrange ${p.id} for ${d}; if nobody's in, ${where}.`];
    const want = { id: p.id, date, place, neighbour: house, note };
    return {
      instruction: rng.pick(phrasings),
      setup_js: resetHeldout(KEYS.parcel),
      success_js: checkState(
        KEYS.parcel,
        want,
        `const c = s.changes || {};
        const ids = Object.keys(c);
        if (ids.length !== 1 || ids[0] !== want.id) return false;
        const x = c[want.id];
        const norm = (t) => String(t || '').toLowerCase().replace(/[‘’]/g, "'").replace(/[‘’“”"'.!\\s]+$/, '').replace(/^[‘’“”"'\\s]+/, '').trim();
        const house = (t) => (String(t || '').match(/\\d+[a-z]?/i) || [''])[0].toLowerCase();
        return x.date === want.date && x.place === want.place && (want.place !== 'neighbour' || house(x.neighbour) === want.neighbour) && (want.note === null || norm(x.note) === norm(want.note));`,
      ),
      values: { ...want, twin: p.twin, kind },
    };
  },
};

// ---------------------------------------------------------------- settings (Loop)

/** The workspace's members (settings/loop.js) and their look-alikes. */
const LOOP_MEMBERS: readonly { id: string; name: string; role: string; twin?: string }[] = [
  { id: 'm01', name: 'Sam Patel', role: 'Owner' },
  { id: 'm02', name: 'Tomás Ruiz', role: 'Member', twin: 'Tom Ruiz' },
  { id: 'm03', name: 'Tom Ruiz', role: 'Viewer', twin: 'Tomás Ruiz' },
  { id: 'm04', name: 'Kim Nguyen', role: 'Admin', twin: 'Kimberly Nguyen' },
  { id: 'm05', name: 'Kimberly Nguyen', role: 'Member', twin: 'Kim Nguyen' },
  { id: 'm06', name: 'Ana Lima', role: 'Member', twin: 'Anna Lima' },
  { id: 'm07', name: 'Anna Lima', role: 'Viewer', twin: 'Ana Lima' },
  { id: 'm08', name: 'Jonas Weber', role: 'Viewer', twin: 'Jonas Webb' },
  { id: 'm09', name: 'Jonas Webb', role: 'Member', twin: 'Jonas Weber' },
  { id: 'm10', name: 'Priya Nair', role: 'Admin' },
  { id: 'm11', name: 'Lea Martin', role: 'Member' },
];
/** Not yet members; several look like a member's address (kim.nguyen@ / kim@). */
const INVITEES = ['kim@orbitlabs.io', 'ana.lima@orbitlabs.io', 'tom@orbitlabs.io', 'rafael.costa@orbitlabs.io', 'mei.chen@partner-studio.com', 'j.weber@orbitlabs.io'];
const article = (role: string) => (role === 'Admin' ? 'an' : 'a');

export const settingsNotify: HeldoutTemplate = {
  id: 'settings.notify',
  app: 'settings',
  url: '/heldout/settings/notifications.html',
  maxSteps: 10,
  note: 'A reminder drawn by the page from ?seed names two to four notification switches to turn on or off ("push notifications for mentions", "the daily summary digest"); Email and Push both have switches called "Mentions", "Direct messages" and "Comments on my tasks", so only the group (a heading) tells them apart; one asked switch may already be as asked; role="switch" buttons, and "Save changes" lives in a bar that appears only after a change. Other switches must not change.',
  make(rng) {
    const seed = rng.int(100, 99_999);
    return {
      instruction: `(drawn by the page, seed ${seed})`,
      instructionJs: TASK_TEXT_JS,
      url: `/heldout/settings/notifications.html?seed=${seed}`,
      setup_js: resetHeldout(KEYS.settings),
      success_js: checkState(
        KEYS.settings,
        { seed },
        `const t = s.task;
        if (!t || t.seed !== want.seed || !s.prefs) return false;
        const keys = Object.keys(t.expected);
        return keys.length > 0 && keys.every((k) => s.prefs[k] === t.expected[k]);`,
      ),
      values: { seed },
    };
  },
};

export const settingsMember: HeldoutTemplate = {
  id: 'settings.member',
  app: 'settings',
  url: '/heldout/settings/index.html',
  maxSteps: 10,
  note: 'Settings are behind a gear icon named only by its title; Members is in the settings side menu. Either change a member\'s role (look-alike names: "Tomás Ruiz" / "Tom Ruiz", "Kim Nguyen" / "Kimberly Nguyen", "Jonas Weber" / "Jonas Webb"; the role is a button opening a small menu of described roles; making someone an Admin asks for confirmation) or invite an address (several look like a member\'s) with a role through the "+ Invite" dialog, whose role select defaults to Member; "Send invite" and a toast. Nobody else may change, nobody be removed.',
  make(rng) {
    const start = Object.fromEntries(LOOP_MEMBERS.map((m) => [m.id, m.role]));
    if (rng.next() < 0.5) {
      const email = rng.pick(INVITEES);
      const role = rng.pick(['Admin', 'Viewer']);
      const phrasings = [`Invite ${email} as ${article(role)} ${role}.`, `Send a workspace invite to ${email} with the ${role} role.`, `Add ${email} to the Orbit Labs workspace on Loop, as ${article(role)} ${role.toLowerCase()}.`];
      const want = { kind: 'invite', email, role, start, expected: start };
      return {
        instruction: rng.pick(phrasings),
        setup_js: resetHeldout(KEYS.settings),
        success_js: memberCheck(want),
        values: { kind: 'invite', email, role },
      };
    }
    const m = rng.pick(LOOP_MEMBERS.filter((x) => x.twin));
    const role = rng.pick(['Admin', 'Member', 'Viewer'].filter((r) => r !== m.role));
    const phrasings: Record<string, string[]> = {
      Admin: [`Make ${m.name} an Admin in our Loop workspace.`, `${m.name} needs to manage members and billing: give them the Admin role.`, `Change ${m.name}'s role to Admin.`],
      Member: [`Make ${m.name} a regular Member of the workspace.`, `Change ${m.name}'s role to Member.`, `${m.name} should be able to create and edit tasks again, so set their role to Member.`],
      Viewer: [`Make ${m.name} a Viewer.`, `${m.name} should only be able to look and comment now: change their role to Viewer.`, `Change ${m.name}'s role in Loop to Viewer.`],
    };
    const want = { kind: 'role', email: null, role, start, expected: { ...start, [m.id]: role } };
    return {
      instruction: rng.pick(phrasings[role]!),
      setup_js: resetHeldout(KEYS.settings),
      success_js: memberCheck(want),
      values: { kind: 'role', name: m.name, twin: m.twin, role },
    };
  },
};

function memberCheck(want: { kind: string; email: string | null; role: string; start: Record<string, string>; expected: Record<string, string> }): string {
  return checkState(
    KEYS.settings,
    want,
    `const roles = s.roles || {};
    const inv = s.invites || [];
    const same = Object.keys(want.start).every((id) => (roles[id] || want.start[id]) === want.expected[id]);
    const kept = !(s.removed || []).length && !(s.revoked || []).length;
    if (want.kind === 'role') return same && kept && inv.length === 0;
    return same && kept && inv.length === 1 && inv[0].email === want.email && inv[0].role === want.role;`,
  );
}

export const HELDOUT_TEMPLATES_B: HeldoutTemplate[] = [bankPay, bankCard, parcelReturn, parcelRedeliver, settingsNotify, settingsMember];
