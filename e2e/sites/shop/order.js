import { esc, renderAndFollowResets } from '../common/store.js';
import { lineName, renderChrome, renderLayout, store } from './shop.js';

renderLayout();
const number = new URLSearchParams(location.search).get('n');
const main = document.getElementById('order');

function render() {
  renderChrome();
  const order = store.get().orders.find((o) => o.number === number);
  if (!order) {
    main.innerHTML = '<h1>Order not found</h1><p><a href="index.html">Back to the shop</a></p>';
    return;
  }
  main.innerHTML = `
    <h1>Thank you, your order is confirmed</h1>
    <p class="notice">Order number <strong>${esc(order.number)}</strong>. A receipt is on its way to ${esc(order.email)}.</p>
    <ul>${order.items.map((l) => `<li>${esc(lineName(l))}${l.size ? `, size ${esc(l.size)}` : ''} × ${l.qty}</li>`).join('')}</ul>
    <p>${order.delivery === 'collect' ? `Ready to collect from our ${esc(order.store)} store in two days.` : 'Delivered in 3–5 working days.'}</p>
    <p><a href="index.html">Continue shopping</a></p>`;
}

renderAndFollowResets(render);
