/* Kettle Bank: the customer's accounts, saved payees and cards, kept in localStorage
   under heldout.bank. Plain script (no modules, no build step); every page loads it. */
var BANK_KEY = 'heldout.bank';

var ACCOUNTS = [
  { id: 'cur', name: 'Everyday Current', ending: '4821', balance: 128416 },
  { id: 'sav', name: 'Rainy Day Saver', ending: '9930', balance: 520000 }
];

/* Saved payees, in the order the payee list shows them (by name). */
var PAYEES = [
  { id: 'p04', name: 'Dan Okoro Decorating', bank: 'HSBC', ending: '6120', last: '9 Dec' },
  { id: 'p03', name: 'Daniel Okoro', bank: 'Barclays', ending: '0442', last: '' },
  { id: 'p06', name: 'Green Lane Garage', bank: 'Lloyds', ending: '5518', last: '30 Nov' },
  { id: 'p05', name: 'Green Lane Lettings', bank: 'NatWest', ending: '2097', last: '1 Mar' },
  { id: 'p07', name: 'Marta Kowalska', bank: 'Revolut', ending: '8834', last: '22 Feb' },
  { id: 'p08', name: 'Martin Kowalski', bank: 'Santander', ending: '1276', last: '' },
  { id: 'p01', name: 'Priya Shah', bank: 'Monzo', ending: '3310', last: '2 Feb' },
  { id: 'p02', name: 'Priyanka Shah', bank: 'Starling', ending: '7781', last: '14 Jan' },
  { id: 'p10', name: 'Thomas Hughes', bank: 'Nationwide', ending: '6650', last: '' },
  { id: 'p09', name: 'Tom Hughes', bank: 'Monzo', ending: '4403', last: '18 Feb' }
];

var OLD_PAYMENTS = [
  { payee: 'p05', amount: 95000, reference: 'RENT MARCH FLAT 2', date: '1 Mar' },
  { payee: 'p07', amount: 1800, reference: 'Pizza night', date: '22 Feb' },
  { payee: 'p09', amount: 4000, reference: 'Five a side', date: '18 Feb' },
  { payee: 'p01', amount: 12000, reference: 'Feb bills', date: '2 Feb' }
];

var TRANSACTIONS = [
  { date: 'Fri 5 Mar', text: 'Corner Shop Deli', amount: -645 },
  { date: 'Fri 5 Mar', text: 'Salary · Brightwell Ltd', amount: 241250 },
  { date: 'Thu 4 Mar', text: 'Trainline', amount: -3820 },
  { date: 'Wed 3 Mar', text: 'Riverside Gym', amount: -2999 },
  { date: 'Mon 1 Mar', text: 'Green Lane Lettings', amount: -95000 },
  { date: 'Mon 1 Mar', text: 'Spotify', amount: -1199 }
];

var DEFAULT_CARDS = [
  { id: 'c1', kind: 'Everyday debit', holder: 'Sam Lee', last4: '4417', frozen: false, online: null, atm: 300, status: 'active' },
  { id: 'c2', kind: 'Everyday debit', holder: 'Alex Lee', last4: '4471', frozen: false, online: 500, atm: 300, status: 'active' },
  { id: 'c3', kind: 'Kettle Credit', holder: 'Sam Lee', last4: '0381', frozen: false, online: null, atm: 200, status: 'active' }
];

function bankState() {
  try { return JSON.parse(localStorage.getItem(BANK_KEY) || '{}') || {}; } catch (e) { return {}; }
}
function changeBank(fn) {
  var s = bankState();
  fn(s);
  localStorage.setItem(BANK_KEY, JSON.stringify(s));
  return s;
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
/** 128416 -> "£1,284.16" (amounts are kept in pence). */
function money(p) {
  var neg = p < 0, v = Math.abs(p);
  var pounds = String(Math.floor(v / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '−' : '') + '£' + pounds + '.' + String(v % 100).padStart(2, '0');
}
/** "42.50", "£42.5", "1,200" -> pence; null when it is not an amount. */
function parseMoney(text) {
  var t = String(text).replace(/[£,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  var parts = t.split('.');
  return Number(parts[0]) * 100 + Number(((parts[1] || '') + '00').slice(0, 2));
}
function payeeById(id) { return PAYEES.filter(function (p) { return p.id === id; })[0] || null; }
function balanceOf(acc) {
  var spent = (bankState().payments || []).filter(function (p) { return p.from === acc.id; }).reduce(function (n, p) { return n + p.amount; }, 0);
  return acc.balance - spent;
}
function initials(name) { return name.split(/\s+/).map(function (w) { return w[0]; }).slice(0, 2).join(''); }

/** Shows a short message at the bottom of the screen. */
function toast(text) {
  var t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(function () { t.classList.remove('on'); }, 6000);
}

/** The top bar and the tab bar every page has. */
function bankShell(active) {
  var top = document.createElement('header');
  top.className = 'bar';
  top.innerHTML = '<a class="logo" href="index.html"><span class="spout">◗</span> kettle</a><span class="who">Sam Lee</span><a class="out" href="#">Log out</a>';
  document.body.prepend(top);
  var tabs = document.createElement('nav');
  tabs.className = 'tabs';
  tabs.setAttribute('aria-label', 'Main');
  tabs.innerHTML = [['index.html', 'Home', '⌂'], ['payments.html', 'Payments', '⇄'], ['cards.html', 'Cards', '▭'], ['#', 'Help', '?']].map(function (t) {
    return '<a href="' + t[0] + '"' + (t[1] === active ? ' class="on" aria-current="page"' : '') + '><span aria-hidden="true">' + t[2] + '</span>' + t[1] + '</a>';
  }).join('');
  document.body.append(tabs);
  var t = document.createElement('div');
  t.id = 'toast';
  t.className = 'toast';
  t.setAttribute('role', 'status');
  document.body.append(t);
}

function onRender(render) { render(); window.addEventListener('heldout:reset', render); }
