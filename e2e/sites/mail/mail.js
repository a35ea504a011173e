// Postbox, a one-page webmail: folders, pages of ten, search, a message view with
// reply / reply all / forward / archive / delete, and a composer. Routes live in the
// URL's hash (#/inbox/2, #/message/m01, #/search/report, #/compose).
import data from './messages.json' with { type: 'json' };
import { esc, renderAndFollowResets } from '../common/store.js';
import { openModal, toast } from '../common/ui.js';
import { composer } from './composer.js';
import { store } from './mail-store.js';
const PAGE_SIZE = 10;
const FOLDERS = [
  ['inbox', 'Inbox'],
  ['starred', 'Starred'],
  ['sent', 'Sent'],
  ['drafts', 'Drafts'],
  ['archive', 'Archive'],
  ['spam', 'Spam'],
  ['trash', 'Bin'],
];
const INITIALLY_READ = new Set(data.messages.slice(6).map((m) => m.id));
const view = document.getElementById('view');
/** A one-off notice for the next view ("Message sent"), shown at its top. */
let flash = '';

/** Every message with its current folder, read and starred flags; what the user sent included. */
function allMessages() {
  const s = store.get();
  const received = data.messages.map((m) => ({ ...m, folder: s.moved[m.id] ?? m.folder, read: INITIALLY_READ.has(m.id) || s.read.includes(m.id), starred: s.starred.includes(m.id) }));
  const sent = s.sent.map((m) => ({ ...m, fromName: data.me.name, fromEmail: data.me.email, folder: 'sent', read: true, starred: false }));
  const drafts = s.drafts.map((m) => ({ ...m, fromName: data.me.name, fromEmail: data.me.email, folder: 'drafts', read: true, starred: false }));
  return [...received, ...sent, ...drafts].sort((a, b) => b.date.localeCompare(a.date));
}

const shortDate = (iso) => {
  const d = new Date(`${iso}:00Z`);
  return `${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]}`;
};

function renderFolders(current) {
  const messages = allMessages();
  document.getElementById('folders').innerHTML = FOLDERS.map(([id, name]) => {
    const unread = messages.filter((m) => m.folder === id && !m.read).length;
    return `<li><a href="#/${id}" ${id === current ? 'aria-current="page"' : ''}><span>${name}</span> ${unread ? `<span class="badge" aria-label="${unread} unread">${unread}</span>` : ''}</a></li>`;
  }).join('');
}

function rowHtml(m) {
  const who = m.folder === 'sent' || m.folder === 'drafts' ? `To: ${[].concat(m.to).join(', ')}` : m.fromName;
  const target = m.folder === 'drafts' ? `#/compose/${m.id}` : `#/message/${m.id}`;
  return `<li class="${m.read ? '' : 'unread'}">
    <input type="checkbox" aria-label="Select message from ${esc(m.fromName)}">
    <button type="button" class="icon-button star" data-star="${m.id}" aria-label="${m.starred ? 'Unstar' : 'Star'}" aria-pressed="${m.starred}">${m.starred ? '★' : '☆'}</button>
    <a href="${target}"><span>${esc(who)}</span> <span>${esc(m.subject || '(no subject)')} <span class="snippet">— ${esc(m.body.slice(0, 60))}</span></span> <span>${shortDate(m.date)}</span></a></li>`;
}

function listView(title, messages, { page = 1, base, sponsored = false }) {
  const pages = Math.max(1, Math.ceil(messages.length / PAGE_SIZE));
  const shown = messages.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const first = messages.length ? (page - 1) * PAGE_SIZE + 1 : 0;
  view.innerHTML = `
    ${flash ? `<p class="notice" role="status">${esc(flash)}</p>` : ''}
    <div class="list-toolbar"><h1 style="margin:0">${esc(title)}</h1><span class="spacer"></span>
      <span class="muted small">${first}–${first + shown.length - (shown.length ? 1 : 0)} of ${messages.length}</span>
      <a ${page > 1 ? `href="#/${base}/${page - 1}"` : 'aria-disabled="true"'} class="button secondary" aria-label="Newer messages">‹ Newer</a>
      <a ${page < pages ? `href="#/${base}/${page + 1}"` : 'aria-disabled="true"'} class="button secondary" aria-label="Older messages">Older ›</a>
    </div>
    <ul class="message-list">
      ${sponsored ? '<li class="sponsored"><span class="badge">Ad</span> <span style="flex:1">Postbox Premium: no ads and 100 GB of storage.</span><button type="button" class="secondary" id="ad-learn-more">Learn more</button></li>' : ''}
      ${shown.map(rowHtml).join('') || '<li class="muted" style="padding:16px">No messages here.</li>'}
    </ul>`;
  flash = '';
  view.querySelectorAll('[data-star]').forEach((b) =>
    b.addEventListener('click', () => {
      store.update((s) => ({ ...s, starred: s.starred.includes(b.dataset.star) ? s.starred.filter((x) => x !== b.dataset.star) : [...s.starred, b.dataset.star] }));
      route();
    }),
  );
  view.querySelector('#ad-learn-more')?.addEventListener('click', premium);
}

function messageView(id) {
  const m = allMessages().find((x) => x.id === id);
  if (!m) {
    view.innerHTML = '<h1>Message not found</h1><p><a href="#/inbox">Back to Inbox</a></p>';
    return;
  }
  store.update((s) => ({ ...s, read: s.read.includes(m.id) ? s.read : [...s.read, m.id], opened: (s.opened ?? []).includes(m.id) ? s.opened : [...(s.opened ?? []), m.id] }));
  renderFolders(m.folder);
  document.title = `${m.subject} — Postbox`;
  view.innerHTML = `
    <p><a href="#/${m.folder}">‹ Back to ${esc(FOLDERS.find(([f]) => f === m.folder)?.[1] ?? 'Inbox')}</a></p>
    <article class="message-view">
      <h1>${esc(m.subject)}</h1>
      <p><strong>${esc(m.fromName)}</strong> <span class="muted">&lt;${esc(m.fromEmail)}&gt;</span> · <span class="muted">${shortDate(m.date)}</span></p>
      <p>${esc(m.body)}</p>
      <div class="actions" role="toolbar" aria-label="Message actions">
        <button type="button" data-act="reply">Reply</button>
        <button type="button" class="secondary" data-act="reply-all">Reply all</button>
        <button type="button" class="secondary" data-act="forward">Forward</button>
        <button type="button" class="secondary" data-act="archive">Archive</button>
        <button type="button" class="secondary" data-act="unread">Mark as unread</button>
        <button type="button" class="secondary" data-act="delete">Delete</button>
      </div>
    </article>
    <div id="composer-slot"></div>`;
  view.querySelector('.actions').addEventListener('click', (event) => {
    const act = event.target.closest('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'archive' || act === 'delete') {
      store.update((s) => ({ ...s, moved: { ...s.moved, [m.id]: act === 'archive' ? 'archive' : 'trash' } }));
      flash = act === 'archive' ? 'Conversation archived.' : 'Conversation moved to the Bin.';
      location.hash = '#/inbox';
    } else if (act === 'unread') {
      store.update((s) => ({ ...s, read: s.read.filter((x) => x !== m.id) }));
      location.hash = '#/inbox';
    } else {
      const slot = view.querySelector('#composer-slot');
      const subjectBase = m.subject.replace(/^(re|fwd):\s*/i, '');
      const quote = `On ${shortDate(m.date)}, ${m.fromName} wrote: ${m.body}`;
      if (act === 'forward') composer(slot, { mode: 'forward', subject: `Fwd: ${subjectBase}`, quote, forwardOf: m.id, onSent: sent });
      else composer(slot, { mode: 'reply', to: act === 'reply-all' ? `${m.fromEmail}, team@example.com` : m.fromEmail, subject: `Re: ${subjectBase}`, quote, inReplyTo: m.id, onSent: sent });
    }
  });
}

function sent(message) {
  flash = `Message sent to ${message.to.join(', ')}.`;
  if (location.hash === '#/inbox') route();
  else location.hash = '#/inbox';
}

function composeView(draftId) {
  renderFolders('');
  const draft = store.get().drafts.find((d) => d.id === draftId);
  view.innerHTML = '<h1>New message</h1><div id="composer-slot"></div>';
  composer(view.querySelector('#composer-slot'), { mode: 'new', ...(draft ? { to: draft.to.join(', '), subject: draft.subject, body: draft.body, draftId } : {}), onSent: sent, onClose: () => (location.hash = '#/inbox') });
}

function premium() {
  const { dialog, close } = openModal('Postbox Premium', `<p>100 GB of storage, no ads, custom domains. £2.99 a month.</p>
    <div class="actions"><button type="button" id="premium-start">Start free trial</button><button type="button" class="secondary" id="premium-no">No thanks</button></div>`);
  dialog.querySelector('#premium-no').addEventListener('click', close);
  dialog.querySelector('#premium-start').addEventListener('click', () => {
    close();
    toast('Premium trials are not available for this account.');
  });
}

function route() {
  const [, kind = 'inbox', arg] = location.hash.replace(/^#/, '').split('/');
  const messages = allMessages();
  document.title = 'Inbox — Postbox';
  if (kind === 'message') return messageView(arg);
  if (kind === 'compose') return composeView(arg);
  if (kind === 'search') {
    const q = decodeURIComponent(arg ?? '').trim().toLowerCase();
    document.getElementById('search').value = decodeURIComponent(arg ?? '');
    renderFolders('');
    const found = messages.filter((m) => m.folder !== 'trash' && m.folder !== 'spam' && q && `${m.fromName} ${m.fromEmail} ${m.subject} ${m.body}`.toLowerCase().includes(q));
    document.title = `Search results — Postbox`;
    return listView(`Search results for “${decodeURIComponent(arg ?? '')}”`, found, { base: kind });
  }
  const folder = FOLDERS.find(([id]) => id === kind) ? kind : 'inbox';
  renderFolders(folder);
  const inFolder = folder === 'starred' ? messages.filter((m) => m.starred) : messages.filter((m) => m.folder === folder);
  listView(FOLDERS.find(([id]) => id === folder)[1], inFolder, { page: Math.max(1, Number(arg) || 1), base: folder, sponsored: folder === 'inbox' });
}

document.getElementById('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  location.hash = `#/search/${encodeURIComponent(document.getElementById('search').value.trim())}`;
});
document.getElementById('new-message').addEventListener('click', () => (location.hash = '#/compose'));
document.getElementById('premium').addEventListener('click', premium);
document.getElementById('upgrade-storage').addEventListener('click', (event) => {
  event.preventDefault();
  premium();
});
window.addEventListener('hashchange', route);
renderAndFollowResets(() => {
  flash = '';
  route();
});
