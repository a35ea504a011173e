/* Orbit People — time off. Storage and helpers for the two pages. */
var LEAVE_KEY = 'heldout.leave';
var TODAY = '2027-01-18';
var LEAVE_TYPES = ['Annual leave', 'Sick leave', 'Unpaid leave', 'Study leave', 'Parental leave', 'Volunteering day'];
var APPROVERS = [
  { name: 'Dana Whitfield', note: 'your line manager' },
  { name: 'Leo Park', note: 'head of department' },
  { name: 'Amara Osei', note: '' },
  { name: 'Rhys Donnelly', note: '' },
  { name: 'Sofia Brandt', note: 'HR' }
];
var HALF_TEXT = { none: 'full days', 'first-pm': 'first afternoon off', 'last-am': 'last morning off' };
var DEFAULT_HISTORY = [
  { id: 'LR-188', type: 'Annual leave', start: '2027-02-15', end: '2027-02-19', half: 'none', status: 'Approved' },
  { id: 'LR-192', type: 'Volunteering day', start: '2027-03-10', end: '2027-03-10', half: 'none', status: 'Pending' }
];

function leaveState() {
  try { return JSON.parse(localStorage.getItem(LEAVE_KEY) || '{}') || {}; } catch (e) { return {}; }
}
function putLeave(fn) {
  var s = leaveState();
  fn(s);
  localStorage.setItem(LEAVE_KEY, JSON.stringify(s));
  return s;
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
function dayOf(iso) { return new Date(iso + 'T00:00:00Z'); }
function isoOf(d) { return d.toISOString().slice(0, 10); }
function plusDays(iso, n) { return isoOf(new Date(dayOf(iso).getTime() + n * 86400000)); }
var MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
var MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
var WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
function shortDate(iso) { var d = dayOf(iso); return d.getUTCDate() + ' ' + MONTHS_SHORT[d.getUTCMonth()]; }
function dateRange(a, b) {
  var y = dayOf(b).getUTCFullYear();
  return a === b ? shortDate(a) + ' ' + y : shortDate(a) + ' – ' + shortDate(b) + ' ' + y;
}
/** Working days from a to b inclusive, less half days. */
function workingDays(a, b, half) {
  var n = 0;
  for (var d = a; d <= b; d = plusDays(d, 1)) { var w = dayOf(d).getUTCDay(); if (w !== 0 && w !== 6) n++; }
  return half && half !== 'none' ? n - 0.5 : n;
}
function onRender(render) { render(); window.addEventListener('heldout:reset', render); }
