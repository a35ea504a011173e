// Search results with category and price filters, sorting and pages of six.
import { esc, renderAndFollowResets } from '../common/store.js';
import { catalog, money, renderChrome, renderLayout } from './shop.js';

const PAGE_SIZE = 6;
renderLayout();

const params = new URLSearchParams(location.search);
const query = (params.get('q') ?? '').trim();
const cats = params.getAll('cat');
const max = Number(params.get('max')) || Infinity;
const sort = params.get('sort') ?? 'relevance';
const page = Math.max(1, Number(params.get('page')) || 1);

const form = document.getElementById('filters');
form.elements.q.value = query;
form.elements.max.value = params.get('max') ?? '';
form.elements.sort.value = sort;
const categories = [...new Set(catalog.products.map((p) => p.category))];
document.getElementById('category-filters').insertAdjacentHTML(
  'beforeend',
  categories.map((c, i) => `<label class="check"><input type="checkbox" name="cat" value="${esc(c)}" id="cat-${i}" ${cats.includes(c) ? 'checked' : ''}> ${esc(c)}</label>`).join(''),
);

/** How well a product matches the query: every word must occur; a name match ranks first. */
function relevance(p, words) {
  const name = p.name.toLowerCase();
  const all = `${name} ${p.category.toLowerCase()} ${p.blurb.toLowerCase()}`;
  if (!words.every((w) => all.includes(w))) return 0;
  if (name === query.toLowerCase()) return 3;
  return words.every((w) => name.includes(w)) ? 2 : 1;
}

const words = query.toLowerCase().split(/\s+/).filter(Boolean);
let found = catalog.products
  .map((p) => ({ p, score: words.length ? relevance(p, words) : 1 }))
  .filter(({ p, score }) => score > 0 && (cats.length === 0 || cats.includes(p.category)) && p.price <= max);
if (sort === 'price-asc') found.sort((a, b) => a.p.price - b.p.price);
else if (sort === 'price-desc') found.sort((a, b) => b.p.price - a.p.price);
else if (sort === 'name') found.sort((a, b) => a.p.name.localeCompare(b.p.name));
else found.sort((a, b) => b.score - a.score);

const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
const shown = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
document.getElementById('results-title').textContent = query ? `Results for “${query}”` : cats.length === 1 ? cats[0] : 'All products';
document.getElementById('result-count').textContent = found.length ? `${found.length} product${found.length === 1 ? '' : 's'}` : 'No products match your search. Try fewer words or clear the filters.';
document.getElementById('results').innerHTML = shown
  .map(({ p }) => `<article class="card product-card"><div class="thumb" aria-hidden="true">${esc(p.category)}</div>
    <h3><a href="product.html?id=${p.id}">${esc(p.name)}</a></h3>
    <p class="muted small">${esc(p.category)} · ★ 4.${(p.name.length % 5) + 4}</p><p><strong>${money(p.price)}</strong></p></article>`)
  .join('');

const link = (n, text, current = false) => {
  const next = new URLSearchParams(params);
  next.set('page', String(n));
  return current ? `<span aria-current="page">${text}</span>` : `<a href="search.html?${next}">${text}</a>`;
};
if (pages > 1) {
  const parts = [];
  if (page > 1) parts.push(link(page - 1, 'Previous'));
  for (let n = 1; n <= pages; n++) parts.push(link(n, String(n), n === page));
  if (page < pages) parts.push(link(page + 1, 'Next'));
  document.getElementById('pages').innerHTML = parts.join('');
}

renderAndFollowResets(renderChrome);
