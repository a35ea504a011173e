// Eastbrook Libraries — catalogue data and the patron's account, kept in localStorage.
export const KEY = 'heldout.library';
export const BRANCHES = ['Central', 'Riverside', 'Old Town', 'Northgate', 'Hillcrest'];
export const HOME_BRANCH = 'Central';
const DEFAULT_TODAY = '2027-03-01';

// avail: copies on the shelf at each branch, in BRANCHES order.
export const BOOKS = [
  { id: 'b01', title: "The Lighthouse Keeper's Daughter", author: 'Hollis Marrow', year: 2019, format: 'Book', avail: [0, 1, 0, 0, 2] },
  { id: 'b02', title: "The Lighthouse Keeper's Daughter", author: 'Ana Beltrán', year: 2023, format: 'Book', avail: [1, 0, 0, 1, 0] },
  { id: 'b03', title: 'Winter in Carrow Bay', author: 'Edith Lowe', year: 2021, format: 'Book', avail: [0, 0, 1, 0, 0] },
  { id: 'b04', title: 'Winter at Carrow Bay', author: 'Sam Okafor', year: 2016, format: 'Book', avail: [2, 1, 0, 0, 1] },
  { id: 'b05', title: 'A Short History of Bridges', author: 'Peter Lund', year: 2012, format: 'Book', avail: [1, 0, 0, 0, 0] },
  { id: 'b06', title: 'Bridges: A Short History', author: 'Ruth Adeyemi', year: 2020, format: 'Book', avail: [0, 2, 1, 0, 0] },
  { id: 'b07', title: 'The Glass Orchard', author: 'Mira Castell', year: 2022, format: 'Book', avail: [0, 0, 0, 1, 0] },
  { id: 'b08', title: 'The Glass Orchard', author: 'Mira Castell', year: 2022, format: 'Large print', avail: [1, 0, 0, 0, 0] },
  { id: 'b09', title: 'Night Trains of Europe', author: 'Tomas Varga', year: 2018, format: 'Book', avail: [0, 0, 2, 0, 1] },
  { id: 'b10', title: 'Quiet Rivers', author: 'Helen Strand', year: 2015, format: 'Book', avail: [1, 1, 0, 0, 0] },
  { id: 'b11', title: 'Quiet Rivers, Loud Towns', author: 'Ivo Petrov', year: 2024, format: 'Book', avail: [0, 0, 0, 0, 1] },
  { id: 'b12', title: 'Cooking with Smoke', author: 'Dev Malhotra', year: 2021, format: 'Book', avail: [0, 1, 0, 1, 0] },
  { id: 'b13', title: "The Cartographer's Apprentice", author: 'Lucia Ferro', year: 2017, format: 'Book', avail: [0, 0, 1, 0, 0] },
  { id: 'b14', title: 'The Cartographer', author: 'Ben Aldous', year: 2009, format: 'Book', avail: [1, 0, 0, 2, 0] },
  { id: 'b15', title: 'Small Gods of the Fens', author: 'Orla Keane', year: 2020, format: 'eBook', avail: [0, 0, 0, 0, 0] },
  { id: 'b16', title: 'Stargazing for Beginners', author: 'Kofi Mensah', year: 2014, format: 'Book', avail: [2, 0, 0, 1, 1] },
  { id: 'b17', title: 'The Beekeeper of Aldmere', author: 'Rosa Lind', year: 2018, format: 'Book', avail: [0, 1, 0, 0, 0] },
  { id: 'b18', title: "The Beekeeper's Year", author: 'Rosa Lind', year: 2021, format: 'Book', avail: [0, 0, 0, 1, 1] },
  { id: 'b19', title: 'Night Trains of Europe', author: 'Tomas Varga', year: 2018, format: 'Audiobook', avail: [1, 0, 0, 0, 0] },
];

export const DEFAULT_LOANS = [
  { id: 'L1', title: 'Stargazing for Beginners', author: 'Kofi Mensah', due: '2027-03-04', renewals: 0 },
  { id: 'L2', title: 'Cooking with Smoke', author: 'Dev Malhotra', due: '2027-03-12', renewals: 1 },
  { id: 'L3', title: 'Quiet Rivers', author: 'Helen Strand', due: '2027-03-19', renewals: 0, reserved: true },
];

export function readState() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '{}') || {};
  } catch {
    return {};
  }
}
export function update(fn) {
  const s = readState();
  fn(s);
  localStorage.setItem(KEY, JSON.stringify(s));
  return s;
}
export const today = () => readState().today || DEFAULT_TODAY;
export const loans = () => readState().loans || DEFAULT_LOANS;
export const bookById = (id) => BOOKS.find((b) => b.id === id);

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** "Thu 4 Mar 2027" */
export function showDate(iso) {
  const d = new Date(iso + 'T00:00:00Z');
  return `${DOW[d.getUTCDay()]} ${d.getUTCDate()} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
export function addDays(iso, n) {
  return new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10);
}

export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function el(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') n.className = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else n.setAttribute(k, v);
  }
  for (const kid of kids) n.append(kid);
  return n;
}
export { el };

/** The masthead, the nav and — until the patron answers it — the cookie notice. */
export function masthead(active) {
  const top = el('header', { class: 'mast' },
    el('div', { class: 'inner' },
      el('a', { class: 'brand', href: 'index.html' }, 'Eastbrook Libraries'),
      el('nav', {},
        ...[['index.html', 'Catalogue'], ['loans.html', 'My account'], ['#', 'Events'], ['#', 'Opening hours']].map(([href, text]) =>
          el('a', { href, class: text === active ? 'on' : '' }, text))),
      el('span', { class: 'today', id: 'today' }, '')));
  document.body.prepend(top);
  const notice = el('div', { class: 'cookies', id: 'cookie-notice', role: 'region', 'aria-label': 'Cookie notice' },
    el('p', {}, 'We use cookies to remember your searches and your usual branch, and to count visits. You can change your mind at any time.'),
    el('div', { class: 'choices' },
      el('button', { type: 'button', onclick: () => answer('all') }, 'Accept all'),
      el('button', { type: 'button', class: 'plain', onclick: () => answer('essential') }, 'Only essential')));
  document.body.append(notice);
  const paint = () => {
    notice.hidden = Boolean(readState().cookies);
    document.getElementById('today').textContent = 'Today: ' + showDate(today());
  };
  const answer = (choice) => {
    update((s) => { s.cookies = choice; });
    paint();
  };
  paint();
  window.addEventListener('heldout:reset', paint);
}

export function follow(render) {
  render();
  window.addEventListener('heldout:reset', render);
}
