/* Loop: a team workspace's settings (members, invitations, your notifications), kept in
   localStorage under heldout.settings. Plain script; every page loads it. */
var LOOP_KEY = 'heldout.settings';
var WORKSPACE = 'Orbit Labs';
var ROLES = [
  ['Admin', 'Can manage members, billing and every project'],
  ['Member', 'Can create and edit projects and tasks'],
  ['Viewer', 'Can see and comment, but not edit']
];
var MEMBERS = [
  { id: 'm01', name: 'Sam Patel', email: 'sam@orbitlabs.io', role: 'Owner', seen: 'Now' },
  { id: 'm04', name: 'Kim Nguyen', email: 'kim.nguyen@orbitlabs.io', role: 'Admin', seen: '2 hours ago' },
  { id: 'm05', name: 'Kimberly Nguyen', email: 'kimberly@orbitlabs.io', role: 'Member', seen: 'Yesterday' },
  { id: 'm06', name: 'Ana Lima', email: 'ana@orbitlabs.io', role: 'Member', seen: '5 minutes ago' },
  { id: 'm07', name: 'Anna Lima', email: 'anna.lima@orbitlabs.io', role: 'Viewer', seen: '3 days ago' },
  { id: 'm10', name: 'Priya Nair', email: 'priya@orbitlabs.io', role: 'Admin', seen: 'Today' },
  { id: 'm02', name: 'Tomás Ruiz', email: 'tomas@orbitlabs.io', role: 'Member', seen: 'Today' },
  { id: 'm03', name: 'Tom Ruiz', email: 'tom.ruiz@orbitlabs.io', role: 'Viewer', seen: 'Last week' },
  { id: 'm08', name: 'Jonas Weber', email: 'jonas@orbitlabs.io', role: 'Viewer', seen: 'Yesterday' },
  { id: 'm09', name: 'Jonas Webb', email: 'j.webb@orbitlabs.io', role: 'Member', seen: '2 weeks ago' },
  { id: 'm11', name: 'Lea Martin', email: 'lea@orbitlabs.io', role: 'Member', seen: 'Today' }
];
var DEFAULT_INVITES = [{ email: 'finance@orbitlabs.io', role: 'Viewer', sent: '1 Mar' }];

/* Your notification switches, by channel. */
var CHANNELS = [
  { id: 'email', name: 'Email', intro: 'Sent to sam@orbitlabs.io.', items: [
    ['mentions', 'Mentions', 'Someone @mentions you in a task or a comment'],
    ['dms', 'Direct messages', 'A new message in a private conversation'],
    ['comments', 'Comments on my tasks', 'Replies on tasks you created or follow'],
    ['assigned', 'Tasks assigned to me', 'When a task is given to you'],
    ['news', 'Product news and tips', 'A few times a month, never more']] },
  { id: 'push', name: 'Push', intro: 'On your phone and the desktop app.', items: [
    ['mentions', 'Mentions', 'Someone @mentions you in a task or a comment'],
    ['dms', 'Direct messages', 'A new message in a private conversation'],
    ['comments', 'Comments on my tasks', 'Replies on tasks you created or follow'],
    ['reminders', 'Reminders', 'Due dates and reminders you set yourself']] },
  { id: 'digest', name: 'Digest', intro: 'One email that rounds everything up.', items: [
    ['daily', 'Daily summary', 'Every weekday at 8:00'],
    ['weekly', 'Weekly summary', 'Mondays at 8:00'],
    ['overdue', 'Overdue tasks', 'When something you own is past its due date']] }
];
var DEFAULT_PREFS = { 'email.mentions': true, 'email.dms': false, 'email.comments': true, 'email.assigned': true, 'email.news': false, 'push.mentions': true, 'push.dms': true, 'push.comments': false, 'push.reminders': true, 'digest.daily': false, 'digest.weekly': true, 'digest.overdue': true };

function loopState() {
  try { return JSON.parse(localStorage.getItem(LOOP_KEY) || '{}') || {}; } catch (e) { return {}; }
}
function changeLoop(fn) {
  var s = loopState();
  fn(s);
  localStorage.setItem(LOOP_KEY, JSON.stringify(s));
  return s;
}
function esc(s) {
  return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
}
function initials(name) { return name.split(/\s+/).map(function (w) { return w[0]; }).slice(0, 2).join(''); }
/** A member's role now: a change made on the members page wins over the data. */
function roleOf(m) { return (loopState().roles || {})[m.id] || m.role; }

function toast(text) {
  var t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('on');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(function () { t.classList.remove('on'); }, 6000);
}

var GEAR = '<svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true"><path fill="currentColor" d="M11.3 1.5l.4 2.1c.6.2 1.1.5 1.6.9l2-.8 1.3 2.3-1.6 1.4c.1.6.1 1.2 0 1.8l1.6 1.4-1.3 2.3-2-.8c-.5.4-1 .7-1.6.9l-.4 2.1H8.7l-.4-2.1c-.6-.2-1.1-.5-1.6-.9l-2 .8-1.3-2.3 1.6-1.4c-.1-.6-.1-1.2 0-1.8L3.4 6l1.3-2.3 2 .8c.5-.4 1-.7 1.6-.9l.4-2.1h2.6zM10 7a3 3 0 100 6 3 3 0 000-6z"/></svg>';

/** The top bar; on settings pages also the settings side menu (returns the element to fill). */
function loopShell(opts) {
  var bar = document.createElement('header');
  bar.className = 'bar';
  bar.innerHTML = '<a class="logo" href="index.html">loop<span>.</span></a><span class="ws">' + WORKSPACE + ' ▾</span>' +
    '<nav><a href="index.html"' + (opts.top === 'Home' ? ' class="on"' : '') + '>Home</a><a href="#">Projects</a><a href="#">Inbox <span class="count">3</span></a></nav>' +
    '<a class="gear' + (opts.settings ? ' on' : '') + '" href="general.html" title="Settings">' + GEAR + '</a><span class="me" aria-hidden="true">SP</span>';
  document.body.prepend(bar);
  var t = document.createElement('div');
  t.id = 'toast'; t.className = 'toast'; t.setAttribute('role', 'status');
  document.body.append(t);
  if (!opts.settings) return null;
  var wrap = document.createElement('div');
  wrap.className = 'settings';
  var side = [['Workspace', [['general.html', 'General'], ['members.html', 'Members'], ['#', 'Billing'], ['#', 'Integrations']]], ['Your account', [['#', 'Profile'], ['notifications.html', 'Notifications'], ['#', 'Security']]]];
  wrap.innerHTML = '<aside aria-label="Settings">' + side.map(function (g) {
    return '<h4>' + g[0] + '</h4>' + g[1].map(function (l) { return '<a href="' + l[0] + '"' + (l[1] === opts.settings ? ' class="on" aria-current="page"' : '') + '>' + l[1] + '</a>'; }).join('');
  }).join('') + '</aside><section class="pane"></section>';
  var main = document.querySelector('main');
  main.before(wrap);
  wrap.querySelector('.pane').append(main);
  return main;
}

function onRender(render) { render(); window.addEventListener('heldout:reset', render); }
