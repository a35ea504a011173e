// Gift cards go into the basket like any product (so buying one is a real purchase path).
import { renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError, toast } from '../common/ui.js';
import { renderChrome, renderLayout, store } from './shop.js';

renderLayout();
const form = document.getElementById('gift-form');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = form.querySelector('#gift-name');
  const email = form.querySelector('#gift-email');
  fieldError(name, name.value.trim() ? '' : "Enter the recipient's name");
  fieldError(email, EMAIL_SHAPE.test(email.value) ? '' : "Enter the recipient's email address");
  if (!name.value.trim() || !EMAIL_SHAPE.test(email.value)) return;
  store.update((s) => {
    s.basket.push({ productId: null, size: null, qty: 1, giftCard: { to: name.value.trim(), email: email.value.trim(), amount: Number(form.querySelector('#gift-amount').value), message: form.querySelector('#gift-message').value } });
    return s;
  });
  renderChrome();
  form.reset();
  toast('Gift card added to your basket');
});

renderAndFollowResets(() => {
  form.reset();
  renderChrome();
});
