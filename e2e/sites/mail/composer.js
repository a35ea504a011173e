// The message composer: new mail, reply and forward. Recipients are checked, a
// missing subject is asked about, and sent mail is kept in the app's state.
import { esc, newReference } from '../common/store.js';
import { EMAIL_SHAPE, fieldError } from '../common/ui.js';
import { store } from './mail-store.js';

let count = 0;

export function composer(slot, { mode, to = '', subject = '', body = '', quote, inReplyTo, forwardOf, draftId, onSent, onClose }) {
  const n = ++count;
  slot.innerHTML = `
    <form class="composer" novalidate aria-label="${mode === 'reply' ? 'Reply' : mode === 'forward' ? 'Forward' : 'New message'}">
      <div class="field"><label for="to-${n}">To</label><input id="to-${n}" type="email" multiple value="${esc(to)}"></div>
      ${mode === 'new' ? `<div class="field"><label for="cc-${n}">Cc</label><input id="cc-${n}" type="email" multiple></div>` : ''}
      <div class="field"><label for="subject-${n}">Subject</label><input id="subject-${n}" type="text" value="${esc(subject)}"></div>
      <div class="field"><label for="body-${n}">Message</label><textarea id="body-${n}">${esc(body)}</textarea></div>
      ${quote ? `<blockquote class="small">${esc(quote)}</blockquote>` : ''}
      <p class="form-error" role="alert" hidden></p>
      <div class="actions">
        <button type="submit">Send</button>
        ${mode === 'new' ? '<button type="button" class="secondary" data-draft>Save draft</button>' : ''}
        <button type="button" class="secondary" data-discard>Discard</button>
      </div>
    </form>`;
  const form = slot.querySelector('form');
  const $ = (id) => form.querySelector(`#${id}-${n}`);
  const recipients = (input) =>
    (input?.value ?? '')
      .split(/[,;]/)
      .map((r) => r.trim())
      .filter(Boolean);
  form.querySelector('textarea').focus();
  if (mode !== 'reply') $('to').focus();

  form.querySelector('[data-discard]').addEventListener('click', () => {
    slot.innerHTML = '';
    onClose?.();
  });
  form.querySelector('[data-draft]')?.addEventListener('click', () => {
    store.update((s) => {
      s.drafts = s.drafts.filter((d) => d.id !== draftId);
      s.drafts.push({ id: draftId ?? `d${newReference(4)}`, to: recipients($('to')), subject: $('subject').value, body: $('body').value, date: new Date().toISOString().slice(0, 16) });
      return s;
    });
    onClose?.();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const toList = recipients($('to'));
    const cc = recipients($('cc'));
    const badTo = toList.length === 0 ? 'Add at least one recipient' : toList.find((r) => !EMAIL_SHAPE.test(r)) ? `“${toList.find((r) => !EMAIL_SHAPE.test(r))}” is not a valid email address` : '';
    fieldError($('to'), badTo);
    const badCc = cc.find((r) => !EMAIL_SHAPE.test(r));
    if ($('cc')) fieldError($('cc'), badCc ? `“${badCc}” is not a valid email address` : '');
    const error = form.querySelector('.form-error');
    error.hidden = !(badTo || badCc || !$('subject').value.trim());
    error.textContent = badTo || badCc ? 'Please check the recipients.' : !$('subject').value.trim() ? 'Please add a subject before sending.' : '';
    if (!error.hidden) return;
    const message = {
      id: `s${newReference(5)}`,
      to: toList,
      cc,
      subject: $('subject').value.trim(),
      body: $('body').value,
      date: new Date().toISOString().slice(0, 16),
      ...(inReplyTo ? { inReplyTo } : {}),
      ...(forwardOf ? { forwardOf } : {}),
    };
    store.update((s) => {
      s.sent.push(message);
      if (draftId) s.drafts = s.drafts.filter((d) => d.id !== draftId);
      return s;
    });
    onSent(message);
  });
}
