/* Fernhill Helpdesk: ticket data, and the little bit of storage every page shares.
   Plain script (no modules) so the pages work from any static server. */
var DESK_KEY = 'heldout.desk';

var AGENTS = ['Priya Natarajan', 'Tom Becker', 'Lena Ortiz', 'Marcus Hale'];
var PRIORITIES = ['Low', 'Normal', 'High', 'Urgent'];
var CATEGORIES = ['Billing', 'Login & access', 'Bug report', 'Feature request', 'Other'];

var TICKETS = [
  { id: 1041, subject: 'Cannot log in after password reset', requester: 'Nora Quinn', email: 'nora.quinn@example.com', status: 'Open', priority: 'High', assignee: 'Priya Natarajan', updated: '26 Feb 09:14',
    thread: [{ from: 'Nora Quinn', at: '26 Feb 09:14', body: 'I reset my password this morning and now the login page just reloads. Tried two browsers.' }] },
  { id: 1042, subject: 'Invoice missing', requester: 'Felix Brandt', email: 'felix@brandt-tools.example', status: 'Pending', priority: 'Normal', assignee: 'Tom Becker', updated: '26 Feb 11:02',
    thread: [{ from: 'Felix Brandt', at: '25 Feb 16:40', body: 'We did not get the January invoice. Can you resend it?' }, { from: 'Tom Becker', at: '26 Feb 11:02', body: 'Hi Felix, which email address should it go to?' }] },
  { id: 1043, subject: 'Export to CSV times out', requester: 'Maya Lindqvist', email: 'maya.l@example.se', status: 'Open', priority: 'Normal', assignee: 'Unassigned', updated: '26 Feb 13:25',
    thread: [{ from: 'Maya Lindqvist', at: '26 Feb 13:25', body: 'Exporting the full year to CSV spins for a minute and then fails with "gateway timeout".' }] },
  { id: 1044, subject: 'Cannot log in', requester: 'Omar Haddad', email: 'omar.haddad@example.com', status: 'Open', priority: 'Normal', assignee: 'Unassigned', updated: '26 Feb 15:51',
    thread: [{ from: 'Omar Haddad', at: '26 Feb 15:51', body: 'Says my account is locked. I only tried twice!' }] },
  { id: 1045, subject: 'Invoice missing VAT number', requester: 'Greta Novak', email: 'greta@novak-design.example', status: 'Open', priority: 'Low', assignee: 'Tom Becker', updated: '27 Feb 08:03',
    thread: [{ from: 'Greta Novak', at: '27 Feb 08:03', body: 'Our VAT number is not on the last two invoices, our accountant needs it.' }] },
  { id: 1046, subject: 'Add a second admin', requester: 'Felix Brandt', email: 'felix@brandt-tools.example', status: 'Open', priority: 'Low', assignee: 'Unassigned', updated: '27 Feb 09:30',
    thread: [{ from: 'Felix Brandt', at: '27 Feb 09:30', body: 'How do I make my colleague an admin as well?' }] },
  { id: 1047, subject: 'Dark mode request', requester: 'Jun Watanabe', email: 'jun.w@example.jp', status: 'Pending', priority: 'Low', assignee: 'Lena Ortiz', updated: '27 Feb 10:12',
    thread: [{ from: 'Jun Watanabe', at: '27 Feb 10:12', body: 'Any plans for a dark theme? My eyes would thank you.' }] },
  { id: 1048, subject: 'Cannot log in', requester: 'Isla McKenzie', email: 'isla.mck@example.co.uk', status: 'Open', priority: 'High', assignee: 'Marcus Hale', updated: '27 Feb 11:47',
    thread: [{ from: 'Isla McKenzie', at: '27 Feb 11:47', body: 'Two-factor code is never accepted, I am sure the clock on my phone is right.' }] },
  { id: 1049, subject: 'Charged twice this month', requester: 'Omar Haddad', email: 'omar.haddad@example.com', status: 'Open', priority: 'Urgent', assignee: 'Unassigned', updated: '27 Feb 14:20',
    thread: [{ from: 'Omar Haddad', at: '27 Feb 14:20', body: 'My card was charged twice on 1 February. Please refund one of them.' }] },
  { id: 1050, subject: 'Webhook stopped firing', requester: 'Maya Lindqvist', email: 'maya.l@example.se', status: 'Open', priority: 'High', assignee: 'Priya Natarajan', updated: '28 Feb 07:58',
    thread: [{ from: 'Maya Lindqvist', at: '28 Feb 07:58', body: 'Since yesterday evening our order webhook gets nothing. Endpoint is up.' }] },
  { id: 1051, subject: 'Change company name on invoices', requester: 'Greta Novak', email: 'greta@novak-design.example', status: 'Open', priority: 'Normal', assignee: 'Unassigned', updated: '28 Feb 09:36',
    thread: [{ from: 'Greta Novak', at: '28 Feb 09:36', body: 'We are now "Novak Studio Ltd". Can future invoices say that?' }] },
  { id: 1052, subject: 'App crashes on upload', requester: 'Isla McKenzie', email: 'isla.mck@example.co.uk', status: 'Open', priority: 'Normal', assignee: 'Lena Ortiz', updated: '28 Feb 12:05',
    thread: [{ from: 'Isla McKenzie', at: '28 Feb 12:05', body: 'The Android app closes itself when I attach a photo bigger than ~5 MB.' }] },
  { id: 1053, subject: 'Password reset email never arrives', requester: 'Jun Watanabe', email: 'jun.w@example.jp', status: 'Open', priority: 'High', assignee: 'Unassigned', updated: '28 Feb 16:44',
    thread: [{ from: 'Jun Watanabe', at: '28 Feb 16:44', body: 'Checked spam too. Nothing after three tries.' }] },
  { id: 1038, subject: 'Receipt for December', requester: 'Nora Quinn', email: 'nora.quinn@example.com', status: 'Solved', priority: 'Low', assignee: 'Tom Becker', updated: '20 Feb 10:00',
    thread: [{ from: 'Nora Quinn', at: '19 Feb 15:12', body: 'Could I have a receipt for December?' }, { from: 'Tom Becker', at: '20 Feb 10:00', body: 'Attached, have a good day!' }] },
  { id: 1039, subject: 'Cannot log in', requester: 'Felix Brandt', email: 'felix@brandt-tools.example', status: 'Solved', priority: 'Normal', assignee: 'Marcus Hale', updated: '21 Feb 17:30',
    thread: [{ from: 'Felix Brandt', at: '21 Feb 16:02', body: 'Locked out again.' }, { from: 'Marcus Hale', at: '21 Feb 17:30', body: 'Unlocked, you should be fine now.' }] }
];

function deskState() {
  try { return JSON.parse(localStorage.getItem(DESK_KEY)) || {}; } catch (e) { return {}; }
}
function saveDesk(s) { localStorage.setItem(DESK_KEY, JSON.stringify(s)); }
function changeDesk(fn) { var s = deskState(); fn(s); saveDesk(s); return s; }

function ticketById(id) {
  for (var i = 0; i < TICKETS.length; i++) if (TICKETS[i].id === Number(id)) return TICKETS[i];
  return null;
}
/** Assignee and priority as they are now: the triage board's last save wins over the data. */
function boardOf(t) {
  var b = (deskState().board || {})[t.id];
  return b ? { assignee: b.assignee, priority: b.priority } : { assignee: t.assignee, priority: t.priority };
}
function statusOf(t) {
  var st = t.status;
  (deskState().replies || []).forEach(function (r) { if (r.ticket === t.id && r.status) st = r.status; });
  return st;
}
function h(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
function nowStamp() {
  var d = new Date();
  return d.getDate() + ' ' + ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][d.getMonth()] + ' ' + String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
}
/** Runs `render` now and after every `heldout:reset` (the state was replaced under the page). */
function onRender(render) {
  render();
  window.addEventListener('heldout:reset', render);
}
