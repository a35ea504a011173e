import { renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError } from '../common/ui.js';
import { renderChrome, renderLayout, store } from './docs.js';

renderLayout();
const form = document.getElementById('contact-form');
const $ = (id) => document.getElementById(id);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const checks = [
    [$('contact-name'), $('contact-name').value.trim() ? '' : 'Enter your name'],
    [$('contact-email'), EMAIL_SHAPE.test($('contact-email').value.trim()) ? '' : 'Enter a valid email address'],
    [$('contact-topic'), $('contact-topic').value ? '' : 'Choose a topic'],
    [$('contact-message'), $('contact-message').value.trim() ? '' : 'Tell us what you need help with'],
  ];
  for (const [input, message] of checks) fieldError(input, message);
  if (checks.some(([, m]) => m)) return;
  store.update((s) => ({ ...s, requests: [...s.requests, { name: $('contact-name').value.trim(), email: $('contact-email').value.trim(), topic: $('contact-topic').value, message: $('contact-message').value.trim() }] }));
  form.hidden = true;
  $('contact-done').hidden = false;
  $('contact-done').textContent = 'Thanks, we received your request and will reply by email.';
});
renderAndFollowResets(() => {
  form.reset();
  form.hidden = false;
  $('contact-done').hidden = true;
  renderChrome();
});
