// Console's settings: five tabs (the URL's hash picks one), each panel a form of its
// own with its own Save button and validation; the team tab invites people in a modal.
import { createStore, esc, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError, openModal, toast } from '../common/ui.js';

export const store = createStore('practice.admin', () => ({
  workspace: { name: 'Acme Robotics', timezone: 'Europe/London', language: 'English' },
  profile: { displayName: 'Sam Reed', jobTitle: 'Product manager', phone: '', bio: '' },
  notifications: { productUpdates: true, weeklyDigest: true, securityAlerts: false, mentions: true, frequency: 'Immediately' },
  members: [
    { name: 'Sam Reed', email: 'sam@acme.example', role: 'Owner' },
    { name: 'Priya Natarajan', email: 'priya@acme.example', role: 'Admin' },
    { name: 'Tom Becker', email: 'tom@acme.example', role: 'Editor' },
    { name: 'Lena Fischer', email: 'lena@acme.example', role: 'Viewer' },
  ],
  invites: [],
  twoFactor: false,
}));

const $ = (id) => document.getElementById(id);
const tabs = [...document.querySelectorAll('[role="tab"]')];
const TIMEZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];
const LANGUAGES = ['English', 'Deutsch', 'Français', 'Español'];
export const ROLES = ['Viewer', 'Editor', 'Admin'];
const NOTIFICATIONS = [
  ['productUpdates', 'Product updates', 'News about features and improvements.'],
  ['weeklyDigest', 'Weekly digest', 'A summary of activity in your workspace.'],
  ['securityAlerts', 'Security alerts', 'Sign-ins from new devices and password changes.'],
  ['mentions', 'Mentions', 'When someone mentions you in a comment.'],
];

function selectTab(tab) {
  for (const t of tabs) {
    t.setAttribute('aria-selected', String(t === tab));
    $(t.getAttribute('aria-controls')).hidden = t !== tab;
  }
}
tabs.forEach((t) =>
  t.addEventListener('click', () => {
    $('flash').hidden = true;
    selectTab(t);
    history.replaceState(null, '', `#${t.getAttribute('aria-controls')}`);
  }),
);

function saved(text) {
  $('flash').textContent = text;
  $('flash').hidden = false;
}

const options = (list, current) => list.map((o) => `<option${o === current ? ' selected' : ''}>${esc(o)}</option>`).join('');

function renderGeneral() {
  const { workspace } = store.get();
  $('general').innerHTML = `
    <form id="general-form" class="card" novalidate>
      <h2>Workspace</h2>
      <div class="field"><label for="workspace-name">Workspace name</label><input id="workspace-name" type="text" value="${esc(workspace.name)}"></div>
      <div class="field"><label for="workspace-url">Workspace URL</label><input id="workspace-url" type="text" value="console.example/acme" readonly></div>
      <div class="row">
        <div class="field"><label for="timezone">Time zone</label><select id="timezone">${options(TIMEZONES, workspace.timezone)}</select></div>
        <div class="field"><label for="language">Language</label><select id="language">${options(LANGUAGES, workspace.language)}</select></div>
      </div>
      <div class="actions"><button type="submit">Save</button></div>
    </form>
    <div class="card danger-zone"><h2>Danger zone</h2><p>Deleting the workspace removes every project for everyone.</p><button type="button" class="danger" id="delete-workspace">Delete workspace</button></div>`;
  $('general-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('workspace-name').value.trim();
    fieldError($('workspace-name'), name.length < 2 ? 'The workspace name needs at least 2 characters' : '');
    if (name.length < 2) return;
    store.update((s) => ({ ...s, workspace: { name, timezone: $('timezone').value, language: $('language').value } }));
    saved('Workspace settings saved.');
  });
  $('delete-workspace').addEventListener('click', () => toast('Only the billing owner can delete this workspace.'));
}

function renderProfile() {
  const { profile } = store.get();
  $('profile').innerHTML = `
    <form id="profile-form" class="card" novalidate>
      <h2>Your profile</h2>
      <p class="muted small">This is how other people in the workspace see you.</p>
      <div class="field"><label for="display-name">Display name</label><input id="display-name" type="text" value="${esc(profile.displayName)}"></div>
      <div class="field"><label for="job-title">Job title</label><input id="job-title" type="text" value="${esc(profile.jobTitle)}"></div>
      <div class="field"><label for="phone">Phone</label><input id="phone" type="tel" value="${esc(profile.phone)}"><span class="hint">Optional. Include the country code, e.g. +44 20 7946 0000.</span></div>
      <div class="field"><label for="bio">About you</label><textarea id="bio">${esc(profile.bio)}</textarea></div>
      <div class="actions"><button type="submit">Save profile</button></div>
    </form>`;
  $('profile-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const displayName = $('display-name').value.trim();
    const phone = $('phone').value.trim();
    const nameProblem = !displayName ? 'Enter a display name' : displayName.length > 40 ? 'Use 40 characters or fewer' : '';
    const phoneProblem = phone && !/^\+\d[\d\s]{6,17}$/.test(phone) ? 'Enter the number with its country code, like +44 20 7946 0000' : '';
    fieldError($('display-name'), nameProblem);
    fieldError($('phone'), phoneProblem);
    if (nameProblem || phoneProblem) return;
    store.update((s) => ({ ...s, profile: { displayName, jobTitle: $('job-title').value.trim(), phone, bio: $('bio').value } }));
    saved('Profile saved.');
  });
}

function renderNotifications() {
  const { notifications } = store.get();
  $('notifications').innerHTML = `
    <form id="notifications-form" class="card" novalidate>
      <h2>Email notifications</h2>
      ${NOTIFICATIONS.map(([key, label, hint], i) => `
        <div class="switch-row"><div><span id="switch-label-${i}">${label}</span><br><span class="muted small">${hint}</span></div>
          <button type="button" role="switch" data-key="${key}" aria-checked="${notifications[key]}" aria-labelledby="switch-label-${i}"></button></div>`).join('')}
      <div class="field" style="margin-top:14px"><label for="frequency">Email frequency</label><select id="frequency">${options(['Immediately', 'Daily digest', 'Weekly digest'], notifications.frequency)}</select></div>
      <div class="actions"><button type="submit">Save preferences</button></div>
    </form>`;
  $('notifications').querySelectorAll('[role="switch"]').forEach((sw) => sw.addEventListener('click', () => sw.setAttribute('aria-checked', String(sw.getAttribute('aria-checked') !== 'true'))));
  $('notifications-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = { frequency: $('frequency').value };
    $('notifications').querySelectorAll('[role="switch"]').forEach((sw) => (next[sw.dataset.key] = sw.getAttribute('aria-checked') === 'true'));
    store.update((s) => ({ ...s, notifications: next }));
    saved('Notification preferences saved.');
  });
}

function renderTeam() {
  const { members, invites } = store.get();
  $('team').innerHTML = `
    <div class="card">
      <div class="row"><h2 style="margin:0">Members</h2><span class="spacer"></span><button type="button" id="invite">Invite</button></div>
      <table>
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${members.map((m) => `<tr><td>${esc(m.name)}</td><td>${esc(m.email)}</td><td>${esc(m.role)}</td><td>${m.role === 'Owner' ? '' : `<button type="button" class="link" aria-label="Remove ${esc(m.name)}" data-remove="${esc(m.email)}">Remove</button>`}</td></tr>`).join('')}
          ${invites.map((m) => `<tr><td>${esc(m.name)} <span class="badge">Invited</span></td><td>${esc(m.email)}</td><td>${esc(m.role)}</td><td></td></tr>`).join('')}
        </tbody>
      </table>
    </div>`;
  $('invite').addEventListener('click', inviteModal);
  $('team').querySelectorAll('[data-remove]').forEach((b) => b.addEventListener('click', () => toast('Only admins can remove members.')));
}

function inviteModal() {
  const { dialog, close } = openModal('Invite to Acme Robotics', `
    <form id="invite-form" novalidate>
      <div class="field"><label for="invite-name">Name</label><input id="invite-name" type="text"></div>
      <div class="field"><label for="invite-email">Email</label><input id="invite-email" type="email"></div>
      <div class="field"><label for="invite-role">Role</label><select id="invite-role">${options(ROLES, 'Viewer')}</select>
        <span class="hint">Viewers can read, Editors can change projects, Admins manage the workspace.</span></div>
      <div class="actions"><button type="submit">Send invitation</button><button type="button" class="secondary" id="invite-cancel">Cancel</button></div>
    </form>`);
  const q = (id) => dialog.querySelector(`#${id}`);
  q('invite-cancel').addEventListener('click', close);
  q('invite-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = q('invite-name').value.trim();
    const email = q('invite-email').value.trim();
    const taken = [...store.get().members, ...store.get().invites].some((m) => m.email.toLowerCase() === email.toLowerCase());
    fieldError(q('invite-name'), name ? '' : 'Enter their name');
    fieldError(q('invite-email'), !EMAIL_SHAPE.test(email) ? 'Enter a valid email address' : taken ? 'This person is already in the workspace' : '');
    if (!name || !EMAIL_SHAPE.test(email) || taken) return;
    store.update((s) => ({ ...s, invites: [...s.invites, { name, email, role: q('invite-role').value }] }));
    close();
    renderTeam();
    saved(`Invitation sent to ${email}.`);
  });
}

function renderSecurity() {
  const { twoFactor } = store.get();
  $('security').innerHTML = `
    <form id="password-form" class="card" novalidate>
      <h2>Password</h2>
      <div class="field"><label for="current-password">Current password</label><input id="current-password" type="password" autocomplete="current-password"></div>
      <div class="field"><label for="new-password">New password</label><input id="new-password" type="password" autocomplete="new-password"><span class="hint">At least 12 characters.</span></div>
      <div class="actions"><button type="submit">Update password</button></div>
    </form>
    <div class="card" style="margin-top:16px">
      <div class="switch-row"><span id="twofa-label">Two-factor authentication</span><button type="button" role="switch" id="twofa" aria-checked="${twoFactor}" aria-labelledby="twofa-label"></button></div>
      <p><button type="button" class="secondary" id="sign-out-all">Sign out of all other sessions</button></p>
    </div>`;
  $('password-form').addEventListener('submit', (event) => {
    event.preventDefault();
    fieldError($('current-password'), 'The current password is incorrect');
  });
  $('twofa').addEventListener('click', () => toast('Set up an authenticator app first.'));
  $('sign-out-all').addEventListener('click', () => toast('Other sessions signed out.'));
}

$('upgrade').addEventListener('click', () => {
  const { dialog, close } = openModal('Upgrade to Business', '<p>SSO, audit logs and priority support for £12 per member a month.</p><div class="actions"><button type="button" id="upgrade-now">Upgrade now</button><button type="button" class="secondary" id="upgrade-later">Not now</button></div>');
  dialog.querySelector('#upgrade-later').addEventListener('click', close);
  dialog.querySelector('#upgrade-now').addEventListener('click', () => {
    close();
    toast('Ask your billing owner to upgrade the plan.');
  });
});

renderAndFollowResets(() => {
  $('flash').hidden = true;
  renderGeneral();
  renderProfile();
  renderNotifications();
  renderTeam();
  renderSecurity();
  selectTab(tabs.find((t) => `#${t.getAttribute('aria-controls')}` === location.hash) ?? tabs[0]);
});
