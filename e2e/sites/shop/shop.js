// What every page of the shop shares: its state (basket, orders, gift cards, consent),
// the catalogue, prices, the header's basket count and the cookie banner.
import catalog from './catalog.json' with { type: 'json' };
import { createStore } from '../common/store.js';
import { cookieBanner } from '../common/ui.js';

export { catalog };
export const store = createStore('practice.shop', () => ({ basket: [], orders: [], giftCards: [], newsletter: [], consent: null }));

export const productById = (id) => catalog.products.find((p) => p.id === id);
export const money = (amount) => `£${amount.toFixed(2)}`;

/** Price of a basket line (gift cards carry their own amount). */
export function linePrice(line) {
  return line.giftCard ? line.giftCard.amount * line.qty : (productById(line.productId)?.price ?? 0) * line.qty;
}

export function lineName(line) {
  return line.giftCard ? `Gift card for ${line.giftCard.to}` : (productById(line.productId)?.name ?? line.productId);
}

/** Adds `qty` of a product in a size, merging with a line of the same product and size. */
export function addToBasket(productId, size, qty) {
  store.update((s) => {
    const same = s.basket.find((l) => l.productId === productId && l.size === size && !l.giftCard);
    if (same) same.qty = Math.min(10, same.qty + qty);
    else s.basket.push({ productId, size, qty });
    return s;
  });
}

/** Header bits that follow the state: the basket button's count. */
export function renderChrome() {
  const count = store.get().basket.reduce((n, l) => n + l.qty, 0);
  const link = document.querySelector('.basket-link');
  if (link) {
    link.setAttribute('aria-label', count ? `Basket, ${count} item${count === 1 ? '' : 's'}` : 'Basket');
    link.querySelector('.count').textContent = String(count);
  }
  cookieBanner(store, 'Northwind Outfitters');
}

const BASKET_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8"><path d="M3 6h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 9H6.2"/><circle cx="9" cy="20" r="1.3"/><circle cx="17" cy="20" r="1.3"/></svg>';

/** The header and footer every shop page has (written once here, as a site's layout would be). */
export function renderLayout() {
  const header = document.getElementById('site-header');
  header.className = 'site-header';
  header.innerHTML = `
    <div class="promo-strip">Winter sale: up to 30% off jackets. <a href="search.html?cat=Jackets">Shop the sale</a></div>
    <div class="wrap">
      <a class="brand" href="index.html">Northwind Outfitters</a>
      <nav aria-label="Categories">
        <a href="search.html?cat=Running+shoes">Running</a>
        <a href="search.html?cat=Hiking+boots">Hiking</a>
        <a href="search.html?cat=Jackets">Jackets</a>
        <a href="search.html?cat=Backpacks">Packs</a>
      </nav>
      <form class="search-form" role="search" action="search.html" method="get">
        <input type="search" name="q" aria-label="Search products" placeholder="Search products">
        <button type="submit">Search</button>
      </form>
      <span class="spacer"></span>
      <a class="button secondary" href="gift-card.html">Buy a gift card</a>
      <a href="#" class="account-link">Sign in</a>
      <a class="basket-link" href="basket.html" aria-label="Basket">${BASKET_ICON}<span class="count" aria-hidden="true">0</span></a>
    </div>`;
  const q = new URLSearchParams(location.search).get('q');
  if (q) header.querySelector('input[name="q"]').value = q;
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  footer.innerHTML = `
    <div class="wrap">
      <div><strong>Help</strong><br><a href="#">Delivery &amp; returns</a><br><a href="#">Size guide</a><br><a href="#">Contact us</a></div>
      <form class="newsletter" id="newsletter-form">
        <strong>Trail notes</strong>
        <p class="small muted">New gear and routes, once a month.</p>
        <div class="field"><label for="newsletter-email">Email address</label><input id="newsletter-email" type="email" autocomplete="email"></div>
        <button type="submit">Sign up</button>
        <p class="small" id="newsletter-note" role="status"></p>
      </form>
    </div>`;
  footer.querySelector('#newsletter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = footer.querySelector('#newsletter-email');
    const note = footer.querySelector('#newsletter-note');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.value)) {
      note.textContent = 'Please enter a valid email address.';
      return;
    }
    store.update((s) => ({ ...s, newsletter: [...s.newsletter, input.value] }));
    note.textContent = `Thanks! ${input.value} is signed up for Trail notes.`;
    input.value = '';
  });
}
