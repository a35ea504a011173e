/* Parcelpoint: past orders, parcels on their way, returns and delivery changes, kept in
   localStorage under heldout.parcel. Plain script; every page loads it. */
var PARCEL_KEY = 'heldout.parcel';
var TODAY = '2027-03-08';

var ORDERS = [
  { id: '11370', placed: '2027-03-03', eta: '2027-03-10', items: [{ id: 'skillet', name: 'Cast iron skillet, 26 cm', price: 3499 }] },
  { id: '10842', placed: '2027-03-01', delivered: '2027-03-04', items: [
    { id: 'kettle-blue', name: 'Electric kettle 1.7 L, Ocean blue', price: 3999 },
    { id: 'lamp', name: 'Desk lamp, brushed brass', price: 4500 }] },
  { id: '11215', placed: '2027-02-26', delivered: '2027-03-01', items: [
    { id: 'earbuds', name: 'Wireless earbuds, black', price: 5999 },
    { id: 'case', name: 'Phone case, clear', price: 1299 },
    { id: 'protector', name: 'Screen protector (2-pack)', price: 899, keep: 'Opened screen protectors can’t be returned.' }] },
  { id: '11307', placed: '2027-02-25', delivered: '2027-02-27', items: [
    { id: 'shoes-9', name: 'Trail running shoes, grey, UK 9', price: 7450 },
    { id: 'shoes-10', name: 'Trail running shoes, grey, UK 10', price: 7450 },
    { id: 'socks', name: 'Running socks (3 pairs)', price: 1200, keep: 'Socks can’t be returned for hygiene reasons.' }] },
  { id: '10990', placed: '2027-02-23', delivered: '2027-02-26', items: [
    { id: 'sheet', name: 'Cotton fitted sheet, double, white', price: 2400 },
    { id: 'pillowcases', name: 'Pillowcases (pair), white', price: 1400 },
    { id: 'duvet', name: 'Duvet cover, double, sage green', price: 3900 }] },
  { id: '10482', placed: '2027-02-19', delivered: '2027-02-22', items: [
    { id: 'kettle-blue', name: 'Electric kettle 1.7 L, Ocean blue', price: 3999 },
    { id: 'teapot', name: 'Glass teapot, 1 L', price: 2250 },
    { id: 'towels', name: 'Tea towels (set of 3)', price: 1100 }] },
  { id: '10428', placed: '2027-02-02', delivered: '2027-02-05', items: [
    { id: 'kettle-cream', name: 'Electric kettle 1.7 L, Cream', price: 3999 },
    { id: 'gloves', name: 'Oven gloves, navy', price: 950 }] },
  { id: '9876', placed: '2027-01-02', delivered: '2027-01-05', items: [{ id: 'scarf', name: 'Wool scarf, forest green', price: 2800 }] }
];

var REASONS = [
  ['', 'Choose a reason'],
  ['changed-mind', 'No longer needed'],
  ['fit', 'Doesn’t fit'],
  ['damaged', 'Item arrived damaged or faulty'],
  ['wrong-item', 'We sent the wrong item'],
  ['not-as-described', 'Not as described or pictured'],
  ['late', 'Arrived too late'],
  ['price', 'Found a better price elsewhere']
];
var METHODS = [
  ['locker', 'Parcelpoint locker', 'Scan the QR code at any of our 2,400 lockers, open 24/7. No label or printer needed.'],
  ['counter', 'Post Office counter', 'Hand it in at a Post Office with a printed label. Keep the receipt.'],
  ['pickup', 'Courier collection', 'A courier picks it up from your address on a day you choose. £2.99, taken off your refund.']
];

var PARCELS = [
  { id: 'PP-7731', from: 'Hearth & Co', what: 'Medium parcel, 2.1 kg', date: '2027-03-09', place: 'none', full: ['2027-03-13', '2027-03-16'] },
  { id: 'PP-3169', from: 'Northwind Books', what: 'Large letter', date: '2027-03-09', place: 'none', full: ['2027-03-18'] },
  { id: 'PP-5208', from: 'Lumen Optics', what: 'Small parcel, 0.4 kg', date: '2027-03-10', place: 'none', full: ['2027-03-15', '2027-03-19'] },
  { id: 'PP-7713', from: 'Hearth & Co', what: 'Large parcel, 6.8 kg', date: '2027-03-11', place: 'porch', full: ['2027-03-10'] },
  { id: 'PP-5280', from: 'Petal & Post', what: 'Small parcel, 0.9 kg', date: '2027-03-12', place: 'none', full: ['2027-03-20'] },
  { id: 'PP-3196', from: 'Kiln Ceramics', what: 'Medium parcel, 3.3 kg', date: '2027-03-15', place: 'garden', full: ['2027-03-09', '2027-03-17'] },
  { id: 'PP-7317', from: 'Hearth & Co', what: 'Small parcel, 1.2 kg', date: '2027-03-08', place: 'none', out: true },
  { id: 'PP-2044', from: 'Petal & Post', what: 'Small parcel, 0.5 kg', date: '2027-03-05', place: 'porch', delivered: true }
];
var PLACES = [
  ['none', 'Hand it to me', 'Someone needs to be in. If nobody answers we’ll take it back to the depot.'],
  ['porch', 'Front porch', 'Out of sight if possible.'],
  ['garden', 'Back garden or shed', 'The driver will go round the side of the house.'],
  ['neighbour', 'With a neighbour', 'Tell us which house.']
];

/* Days a delivery can be moved to: tomorrow to Saturday week, no Sundays. */
var DELIVERY_DAYS = ['2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13', '2027-03-15', '2027-03-16', '2027-03-17', '2027-03-18', '2027-03-19', '2027-03-20'];

function parcelState() {
  try { return JSON.parse(localStorage.getItem(PARCEL_KEY) || '{}') || {}; } catch (e) { return {}; }
}
function changeParcel(fn) {
  var s = parcelState();
  fn(s);
  localStorage.setItem(PARCEL_KEY, JSON.stringify(s));
  return s;
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
var DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var DOW_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
var MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
var MON_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function dayOf(iso) { return new Date(iso + 'T00:00:00Z'); }
function plusDays(iso, n) { return new Date(dayOf(iso).getTime() + n * 86400000).toISOString().slice(0, 10); }
/** "Fri 12 Mar" */
function shortDay(iso) { var d = dayOf(iso); return DOW[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MON[d.getUTCMonth()]; }
/** "Friday 12 March" */
function longDay(iso) { var d = dayOf(iso); return DOW_LONG[d.getUTCDay()] + ' ' + d.getUTCDate() + ' ' + MON_LONG[d.getUTCMonth()]; }
function price(p) { return '£' + (p / 100).toFixed(2); }

function orderById(id) { return ORDERS.filter(function (o) { return o.id === String(id); })[0] || null; }
function itemOf(order, id) { return order.items.filter(function (i) { return i.id === id; })[0] || null; }
function returnOf(orderId, itemId) { return (parcelState().returns || []).filter(function (r) { return r.order === orderId && r.item === itemId; })[0] || null; }
/** Returns are open for 30 days after delivery. */
function returnBy(order) { return order.delivered ? plusDays(order.delivered, 30) : null; }

function parcelById(id) {
  var norm = String(id || '').toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^PP/, '');
  return PARCELS.filter(function (p) { return p.id.replace('PP-', '') === norm; })[0] || null;
}
/** A parcel as it is now: its data with any change the customer made. */
function parcelNow(p) {
  var c = (parcelState().changes || {})[p.id];
  return Object.assign({}, p, { neighbour: '', note: '' }, c || {});
}

function toast(text) {
  var t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(function () { t.classList.remove('on'); }, 6000);
}

/** The header, the footer, the toast and, until answered, the cookie consent. */
function parcelShell(active) {
  var head = document.createElement('header');
  head.className = 'head';
  head.innerHTML = '<div class="in"><a class="brand" href="index.html"><span class="box" aria-hidden="true"></span>Parcelpoint</a><nav>' +
    [['index.html', 'Home'], ['orders.html', 'Orders'], ['deliveries.html', 'Deliveries'], ['#', 'Help']].map(function (n) {
      return '<a href="' + n[0] + '"' + (n[1] === active ? ' class="on" aria-current="page"' : '') + '>' + n[1] + '</a>';
    }).join('') + '</nav><span class="acct">Hi, Jess</span></div>';
  document.body.prepend(head);
  var foot = document.createElement('footer');
  foot.innerHTML = 'Parcelpoint Ltd · Returns policy · Privacy · Cookie settings';
  document.body.append(foot);
  var t = document.createElement('div');
  t.id = 'toast'; t.className = 'toast'; t.setAttribute('role', 'status');
  document.body.append(t);
  var consent = document.createElement('div');
  consent.className = 'consent';
  consent.innerHTML = '<div class="sheet" role="dialog" aria-modal="true" aria-labelledby="consent-h"><h2 id="consent-h">Your privacy</h2>' +
    '<p>We and our 14 partners use cookies to keep you signed in, measure how the site is used and show you relevant offers. You can accept all of them or only the ones we need to run the site.</p>' +
    '<div class="acts"><button type="button" class="ghost" data-c="manage">Manage choices</button><button type="button" class="ghost" data-c="essential">Necessary only</button><button type="button" data-c="all">Accept all</button></div>' +
    '<p class="small" id="consent-more" hidden>Choices can be changed later under Cookie settings. For now, pick one of the two buttons.</p></div>';
  document.body.append(consent);
  consent.querySelectorAll('button').forEach(function (b) {
    b.onclick = function () {
      if (b.dataset.c === 'manage') { document.getElementById('consent-more').hidden = false; return; }
      changeParcel(function (s) { s.cookies = b.dataset.c; });
      paint();
    };
  });
  function paint() { consent.hidden = Boolean(parcelState().cookies); }
  paint();
  window.addEventListener('heldout:reset', paint);
}

function onRender(render) { render(); window.addEventListener('heldout:reset', render); }
