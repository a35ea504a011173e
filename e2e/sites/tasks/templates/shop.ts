// Northwind Outfitters: buying a product from the home page, and checking out a basket.
import { checkState, resetState } from '../page-js';
import { fullName, PEOPLE } from '../people';
import { shop } from '../site-data';
import type { Template } from '../template';

const KEY = 'practice.shop';
const sized = shop.products.filter((p) => p.sizes.length > 0 && !p.name.includes('GTX'));

export const buyProduct: Template = {
  id: 'shop.buy-product',
  app: 'shop',
  url: '/shop/index.html',
  maxSteps: 25,
  note: 'Multi-page: search, open the product, size and quantity, basket, checkout with a collection store. A gift-card button and a deals modal match "buy" and the email better than the real flow.',
  make(rng) {
    const product = rng.pick(sized);
    const size = rng.pick(product.sizes);
    const qty = rng.int(1, 3);
    const person = rng.pick(PEOPLE);
    const store = rng.pick(shop.stores);
    const want = { productId: product.id, size, qty, name: fullName(person), email: person.email, store };
    return {
      instruction: `Buy ${qty} "${product.name}" in size ${size} and check out as ${fullName(person)} (${person.email}) for collection in ${store}`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        want,
        `const orders = s.orders || [];
        if (orders.length !== 1) return false;
        const o = orders[0];
        const items = o.items || [];
        return items.length === 1 && items[0].productId === want.productId && items[0].size === want.size && items[0].qty === want.qty
          && o.name === want.name && o.email === want.email && o.delivery === 'collect' && o.store === want.store;`,
      ),
      values: { product: product.name, productId: product.id, size, qty, person, store },
    };
  },
};

export const checkoutBasket: Template = {
  id: 'shop.checkout-basket',
  app: 'shop',
  url: '/shop/basket.html',
  maxSteps: 15,
  note: 'The basket is filled by the setup. An express "Pay with QuickPay" button above "Proceed to checkout" matches the task as well and comes first; it only leads to a wallet sign-in that fails.',
  make(rng) {
    const lines = rng.sample(sized, rng.int(1, 2)).map((p) => ({ productId: p.id, size: rng.pick(p.sizes), qty: rng.int(1, 2) }));
    const person = rng.pick(PEOPLE);
    const store = rng.pick(shop.stores);
    const want = { items: lines, name: fullName(person), email: person.email, store };
    return {
      instruction: `Check out my basket as ${fullName(person)} (${person.email}) for collection in ${store}`,
      setup_js: resetState(KEY, { basket: lines, orders: [], giftCards: [], newsletter: [] }),
      success_js: checkState(
        KEY,
        want,
        `const orders = s.orders || [];
        if (orders.length !== 1) return false;
        const o = orders[0];
        const items = (o.items || []).map((l) => ({ productId: l.productId, size: l.size, qty: l.qty }));
        return JSON.stringify(items) === JSON.stringify(want.items) && o.name === want.name && o.email === want.email && o.delivery === 'collect' && o.store === want.store;`,
      ),
      values: { lines, person, store },
    };
  },
};
