// A product page: size and quantity, add to basket (with a mini-basket drawer), a
// wishlist button, reviews and related products.
import { esc, renderAndFollowResets } from '../common/store.js';
import { fieldError, toast } from '../common/ui.js';
import { addToBasket, catalog, money, productById, renderChrome, renderLayout, store } from './shop.js';

renderLayout();
const product = productById(new URLSearchParams(location.search).get('id'));
const main = document.getElementById('product-main');

if (!product) {
  main.innerHTML = '<h1>Product not found</h1><p><a href="index.html">Back to the shop</a></p>';
} else {
  document.title = `${product.name} — Northwind Outfitters`;
  const related = catalog.products.filter((p) => p.category === product.category && p.id !== product.id).slice(0, 3);
  main.innerHTML = `
    <p class="breadcrumbs"><a href="index.html">Home</a> › <a href="search.html?cat=${encodeURIComponent(product.category)}">${esc(product.category)}</a> › ${esc(product.name)}</p>
    <div class="product">
      <div class="photo" role="img" aria-label="${esc(product.name)}"></div>
      <div>
        <h1>${esc(product.name)}</h1>
        <p class="price">${money(product.price)}</p>
        <p>${esc(product.blurb)}</p>
        <form id="buy-form" novalidate>
          ${product.sizes.length ? `<div class="field"><label for="size">Size</label>
            <select id="size" name="size"><option value="">Choose a size</option>${product.sizes.map((s) => `<option>${esc(s)}</option>`).join('')}</select></div>` : ''}
          <div class="field"><label for="qty">Quantity</label><input id="qty" name="qty" type="number" min="1" max="10" value="1"></div>
          <div class="actions">
            <button type="submit">Add to basket</button>
            <button type="button" class="secondary" id="wishlist">♡ Save to wishlist</button>
          </div>
        </form>
        <p class="small muted">Free collection in store. Free returns within 30 days.</p>
      </div>
    </div>
    <section>
      <h2>Reviews</h2>
      <p>★★★★☆ “Comfortable straight out of the box.” — Sam</p>
      <button type="button" class="secondary" id="write-review">Write a review</button>
    </section>
    <section>
      <h2>You may also like</h2>
      <ul>${related.map((p) => `<li><a href="product.html?id=${p.id}">${esc(p.name)}</a> — ${money(p.price)}</li>`).join('')}</ul>
    </section>`;

  const form = main.querySelector('#buy-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const sizeSelect = form.querySelector('#size');
    const qtyInput = form.querySelector('#qty');
    const qty = Number(qtyInput.value);
    let ok = true;
    if (sizeSelect) {
      fieldError(sizeSelect, sizeSelect.value ? '' : 'Please choose a size');
      ok &&= !!sizeSelect.value;
    }
    const qtyOk = Number.isInteger(qty) && qty >= 1 && qty <= 10;
    fieldError(qtyInput, qtyOk ? '' : 'Enter a quantity from 1 to 10');
    if (!ok || !qtyOk) return;
    addToBasket(product.id, sizeSelect?.value ?? null, qty);
    renderChrome();
    showDrawer(product, sizeSelect?.value ?? null, qty);
  });
  main.querySelector('#wishlist').addEventListener('click', () => {
    store.update((s) => ({ ...s, wishlist: [...new Set([...(s.wishlist ?? []), product.id])] }));
    toast(`${product.name} saved to your wishlist`);
  });
  main.querySelector('#write-review').addEventListener('click', () => toast('Sign in to write a review'));
}

/** The mini-basket that slides in after adding, as most shops show. */
function showDrawer(p, size, qty) {
  document.querySelector('.drawer')?.remove();
  const drawer = document.createElement('aside');
  drawer.className = 'drawer';
  drawer.setAttribute('aria-label', 'Basket preview');
  drawer.innerHTML = `
    <div class="row"><strong>Added to your basket</strong><span class="spacer"></span><button type="button" class="icon-button" aria-label="Close">×</button></div>
    <p>${esc(p.name)}${size ? `, size ${esc(size)}` : ''} × ${qty}</p>
    <div class="actions"><a class="button" href="basket.html">View basket</a><button type="button" class="secondary" id="keep-shopping">Keep shopping</button></div>`;
  document.body.append(drawer);
  const close = () => drawer.remove();
  drawer.querySelector('[aria-label="Close"]').addEventListener('click', close);
  drawer.querySelector('#keep-shopping').addEventListener('click', close);
}

renderAndFollowResets(renderChrome);
