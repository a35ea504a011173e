// Widgets every practice app uses the way real sites do: a cookie banner, a toast
// announced to screen readers, and modal dialogs that trap nothing but look and
// behave like the usual kind (backdrop, Escape closes, focus moves in).
import { esc } from './store.js';

/**
 * A cookie banner fixed to the bottom of the window until the visitor chooses.
 * The choice is kept in the app's own state, so a reset brings the banner back.
 */
export function cookieBanner(store, siteName) {
  document.querySelector('.cookie-banner')?.remove();
  if (store.get().consent) return;
  const bar = document.createElement('section');
  bar.className = 'cookie-banner';
  bar.setAttribute('aria-label', 'Cookie consent');
  bar.innerHTML = `
    <p>${esc(siteName)} uses cookies to make the site work and to measure how it is used. <a href="#" class="cookie-more">Learn more</a></p>
    <div class="cookie-actions">
      <button type="button" class="secondary" data-choice="necessary">Reject non-essential</button>
      <button type="button" data-choice="all">Accept all</button>
    </div>`;
  bar.addEventListener('click', (event) => {
    const choice = event.target.closest('button')?.dataset.choice;
    if (event.target.closest('.cookie-more')) event.preventDefault();
    if (!choice) return;
    store.update((s) => ({ ...s, consent: choice }));
    bar.remove();
  });
  document.body.append(bar);
}

/** A short message in a live region (what "Saved" toasts are on real sites). */
export function toast(text) {
  let region = document.querySelector('.toast');
  if (!region) {
    region = document.createElement('div');
    region.className = 'toast';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  region.textContent = text;
  region.hidden = false;
  clearTimeout(region._timer);
  region._timer = setTimeout(() => (region.hidden = true), 4000);
}

/**
 * Opens a modal dialog with `title` and the given inner HTML; returns the dialog
 * element (its buttons are the caller's to wire) and a close function.
 */
export function openModal(title, html, { labelledBy = 'modal-title' } = {}) {
  closeModal();
  const backdrop = document.createElement('div');
  backdrop.className = 'modal-backdrop';
  backdrop.innerHTML = `<div class="modal" role="dialog" aria-modal="true" aria-labelledby="${labelledBy}">
    <div class="modal-head"><h2 id="${labelledBy}">${esc(title)}</h2><button type="button" class="icon-button modal-close" aria-label="Close">×</button></div>
    <div class="modal-body">${html}</div></div>`;
  document.body.append(backdrop);
  const dialog = backdrop.querySelector('.modal');
  backdrop.querySelector('.modal-close').addEventListener('click', closeModal);
  backdrop.addEventListener('mousedown', (event) => {
    if (event.target === backdrop) closeModal();
  });
  document.addEventListener('keydown', escapeCloses);
  dialog.querySelector('input, select, textarea, button:not(.modal-close)')?.focus();
  return { dialog, close: closeModal };
}

function escapeCloses(event) {
  if (event.key === 'Escape') closeModal();
}

export function closeModal() {
  document.querySelector('.modal-backdrop')?.remove();
  document.removeEventListener('keydown', escapeCloses);
}

/** Shows `message` under a form field (and marks it invalid), or clears it. */
export function fieldError(input, message) {
  const id = `${input.id}-error`;
  let note = document.getElementById(id);
  if (!message) {
    note?.remove();
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    return;
  }
  if (!note) {
    note = document.createElement('p');
    note.id = id;
    note.className = 'field-error';
    input.closest('.field')?.append(note) ?? input.after(note);
  }
  note.textContent = message;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', id);
}

export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
