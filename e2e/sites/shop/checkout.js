// Checkout: contact details, collection store or home delivery (address fields only
// then), an offers opt-in, validation messages per field, and the order placed.
import { esc, newReference, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError } from '../common/ui.js';
import { catalog, linePrice, lineName, money, renderChrome, renderLayout, store } from './shop.js';

renderLayout();
const root = document.getElementById('checkout');

function render() {
  renderChrome();
  const { basket } = store.get();
  if (basket.length === 0) {
    root.innerHTML = '<p>Your basket is empty, so there is nothing to check out.</p><p><a href="index.html">Continue shopping</a></p>';
    return;
  }
  const total = basket.reduce((sum, l) => sum + linePrice(l), 0);
  root.innerHTML = `
    <div class="checkout-grid">
      <form id="checkout-form" class="card" novalidate>
        <h2>Contact</h2>
        <div class="field"><label for="full-name">Full name</label><input id="full-name" type="text" autocomplete="name"></div>
        <div class="field"><label for="email">Email</label><input id="email" type="email" autocomplete="email"><span class="hint">We send the receipt here.</span></div>
        <h2>Delivery</h2>
        <fieldset style="border:none;padding:0">
          <legend class="visually-hidden">Delivery method</legend>
          <label class="check"><input type="radio" name="delivery" value="collect" checked> Collect from a store (free)</label>
          <label class="check"><input type="radio" name="delivery" value="home"> Home delivery (£4.95)</label>
        </fieldset>
        <div id="collect-fields">
          <div class="field"><label for="store">Collection store</label>
            <select id="store"><option value="">Choose a store</option>${catalog.stores.map((s) => `<option>${esc(s)}</option>`).join('')}</select></div>
        </div>
        <div id="home-fields" hidden>
          <div class="field"><label for="address">Street address</label><input id="address" type="text" autocomplete="street-address"></div>
          <div class="row">
            <div class="field"><label for="city">Town or city</label><input id="city" type="text"></div>
            <div class="field"><label for="postcode">Postcode</label><input id="postcode" type="text"></div>
          </div>
        </div>
        <label class="check"><input type="checkbox" id="offers"> Email me offers and news</label>
        <p class="small muted">You pay when you collect or when the parcel arrives.</p>
        <div class="actions"><button type="submit">Place order</button></div>
      </form>
      <aside class="card summary">
        <h2>Order summary</h2>
        <ul>${basket.map((l) => `<li>${esc(lineName(l))}${l.size ? `, size ${esc(l.size)}` : ''} × ${l.qty} — ${money(linePrice(l))}</li>`).join('')}</ul>
        <p><strong>Total ${money(total)}</strong></p>
        <p><a href="basket.html">Edit basket</a></p>
      </aside>
    </div>`;
  const form = root.querySelector('#checkout-form');
  const collect = root.querySelector('#collect-fields');
  const home = root.querySelector('#home-fields');
  form.querySelectorAll('input[name="delivery"]').forEach((radio) =>
    radio.addEventListener('change', () => {
      const athome = form.elements.delivery.value === 'home';
      home.hidden = !athome;
      collect.hidden = athome;
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    placeOrder(form);
  });
}

function placeOrder(form) {
  const $ = (id) => form.querySelector(`#${id}`);
  const delivery = form.elements.delivery.value;
  const checks = [
    [$('full-name'), $('full-name').value.trim() ? '' : 'Enter your full name'],
    [$('email'), EMAIL_SHAPE.test($('email').value.trim()) ? '' : 'Enter an email address like name@example.com'],
    ...(delivery === 'collect'
      ? [[$('store'), $('store').value ? '' : 'Choose the store you will collect from']]
      : [
          [$('address'), $('address').value.trim() ? '' : 'Enter your street address'],
          [$('city'), $('city').value.trim() ? '' : 'Enter your town or city'],
          [$('postcode'), $('postcode').value.trim() ? '' : 'Enter your postcode'],
        ]),
  ];
  for (const [input, message] of checks) fieldError(input, message);
  const firstBad = checks.find(([, message]) => message);
  if (firstBad) {
    firstBad[0].focus();
    return;
  }
  const number = `NW-${newReference(5)}`;
  store.update((s) => {
    s.orders.push({
      number,
      items: s.basket.map((l) => ({ ...l })),
      name: $('full-name').value.trim(),
      email: $('email').value.trim(),
      delivery,
      store: delivery === 'collect' ? $('store').value : null,
      address: delivery === 'home' ? { street: $('address').value.trim(), city: $('city').value.trim(), postcode: $('postcode').value.trim() } : null,
      offers: $('offers').checked,
      placedAt: Date.now(),
    });
    s.basket = [];
    return s;
  });
  location.href = `order.html?n=${encodeURIComponent(number)}`;
}

renderAndFollowResets(render);
