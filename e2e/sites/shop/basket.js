// The basket: quantities, removal, a discount code, an express-pay button above the
// usual checkout button (as shops put wallet buttons first), and the checkout link.
import { esc, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError, openModal } from '../common/ui.js';
import { linePrice, lineName, money, renderChrome, renderLayout, store } from './shop.js';

renderLayout();
const root = document.getElementById('basket');

function render() {
  renderChrome();
  const { basket } = store.get();
  if (basket.length === 0) {
    root.innerHTML = '<p>Your basket is empty.</p><p><a href="index.html">Continue shopping</a></p>';
    return;
  }
  const total = basket.reduce((sum, l) => sum + linePrice(l), 0);
  root.innerHTML = `
    <div class="checkout-grid">
      <table>
        <thead><tr><th>Item</th><th>Quantity</th><th>Price</th><th><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${basket
          .map((l, i) => {
            const name = `${lineName(l)}${l.size ? `, size ${l.size}` : ''}`;
            return `<tr><td>${l.productId && !l.giftCard ? `<a href="product.html?id=${l.productId}">${esc(lineName(l))}</a>` : esc(lineName(l))}${l.size ? `<br><span class="muted small">Size ${esc(l.size)}</span>` : ''}</td>
            <td><input type="number" min="1" max="10" value="${l.qty}" data-line="${i}" aria-label="Quantity of ${esc(name)}" style="width:80px"></td>
            <td>${money(linePrice(l))}</td>
            <td><button type="button" class="link" data-remove="${i}" aria-label="Remove ${esc(name)}">Remove</button></td></tr>`;
          })
          .join('')}</tbody>
      </table>
      <aside class="summary card">
        <p class="row"><span>Subtotal</span><span class="spacer"></span><strong>${money(total)}</strong></p>
        <form id="discount-form" class="row">
          <div class="field"><label for="discount">Discount code</label><input id="discount" type="text"></div>
          <button type="submit" class="secondary">Apply</button>
        </form>
        <form class="express" id="quickpay"><p class="small muted">Express checkout</p><button type="submit">Pay with QuickPay</button></form>
        <form action="checkout.html" method="get"><button type="submit" style="width:100%">Proceed to checkout</button></form>
        <p><a href="index.html">Continue shopping</a></p>
      </aside>
    </div>`;
  root.querySelectorAll('input[data-line]').forEach((input) =>
    input.addEventListener('change', () => {
      const qty = Math.max(1, Math.min(10, Number(input.value) || 1));
      store.update((s) => {
        s.basket[Number(input.dataset.line)].qty = qty;
        return s;
      });
      render();
    }),
  );
  root.querySelectorAll('[data-remove]').forEach((button) =>
    button.addEventListener('click', () => {
      store.update((s) => {
        s.basket.splice(Number(button.dataset.remove), 1);
        return s;
      });
      render();
    }),
  );
  root.querySelector('#discount-form').addEventListener('submit', (event) => {
    event.preventDefault();
    fieldError(root.querySelector('#discount'), 'This code is not valid or has expired');
  });
  root.querySelector('#quickpay').addEventListener('submit', (event) => {
    event.preventDefault();
    quickPay();
  });
}

/** The wallet's sign-in: it only knows its own accounts, so it turns everyone here away. */
function quickPay() {
  const { dialog } = openModal('QuickPay', `
    <form id="quickpay-form" novalidate>
      <p class="small muted">Sign in to pay with your QuickPay wallet.</p>
      <div class="field"><label for="qp-email">QuickPay email</label><input id="qp-email" type="email"></div>
      <div class="field"><label for="qp-password">Password</label><input id="qp-password" type="password"></div>
      <div class="actions"><button type="submit">Continue</button></div>
      <p class="form-error" id="qp-error" hidden></p>
    </form>`);
  dialog.querySelector('#quickpay-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = dialog.querySelector('#qp-email').value;
    const error = dialog.querySelector('#qp-error');
    error.hidden = false;
    error.textContent = EMAIL_SHAPE.test(email) ? 'Error: no QuickPay wallet found for this email and password.' : 'Error: enter the email of your QuickPay wallet.';
  });
}

renderAndFollowResets(render);
