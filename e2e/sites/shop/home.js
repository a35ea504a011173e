import { esc, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError, openModal, toast } from '../common/ui.js';
import { catalog, money, renderChrome, renderLayout, store } from './shop.js';

renderLayout();

const FEATURED = ['road-glide', 'storm-shell', 'summit-hiker', 'daypack-22', 'headlamp-400', 'cloud-sprint'];
document.getElementById('featured').innerHTML = FEATURED.map((id) => {
  const p = catalog.products.find((x) => x.id === id);
  return `<article class="card product-card"><div class="thumb" aria-hidden="true">${esc(p.category)}</div>
    <h3><a href="product.html?id=${p.id}">${esc(p.name)}</a></h3><p class="muted small">${esc(p.blurb)}</p><p><strong>${money(p.price)}</strong></p></article>`;
}).join('');

// The deals sign-up: a modal with its own email box, as shops push on their home page.
document.getElementById('deals-button').addEventListener('click', () => {
  const { dialog, close } = openModal('Get 10% off your next order', `
    <form id="deals-form" novalidate>
      <div class="field"><label for="deals-email">Your email</label><input id="deals-email" type="email"></div>
      <label class="check"><input type="checkbox" id="deals-terms"> I agree to receive marketing emails</label>
      <div class="actions"><button type="submit">Subscribe</button><button type="button" class="secondary" id="deals-later">Maybe later</button></div>
    </form>`);
  dialog.querySelector('#deals-later').addEventListener('click', close);
  dialog.querySelector('#deals-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = dialog.querySelector('#deals-email');
    const terms = dialog.querySelector('#deals-terms');
    fieldError(email, EMAIL_SHAPE.test(email.value) ? '' : 'Enter a valid email address');
    if (!EMAIL_SHAPE.test(email.value)) return;
    if (!terms.checked) {
      fieldError(terms, 'Please agree to receive marketing emails');
      return;
    }
    store.update((s) => ({ ...s, deals: [...(s.deals ?? []), email.value] }));
    close();
    toast('You are subscribed to deals.');
  });
});

renderAndFollowResets(renderChrome);
