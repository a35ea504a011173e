// Search results, five to a page, each with its section and summary.
import { esc, renderAndFollowResets } from '../common/store.js';
import { articleLink, renderChrome, renderLayout, searchArticles } from './docs.js';

const PAGE_SIZE = 5;
renderLayout();
const params = new URLSearchParams(location.search);
const query = (params.get('q') ?? '').trim();
const page = Math.max(1, Number(params.get('page')) || 1);
const found = searchArticles(query);
const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
document.getElementById('title').textContent = query ? `Results for “${query}”` : 'Search';
document.getElementById('count').textContent = found.length ? `${found.length} article${found.length === 1 ? '' : 's'} · page ${page} of ${pages}` : query ? 'No articles match your search. Try other words.' : 'Type what you are looking for in the search box.';
document.getElementById('results').innerHTML = found
  .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  .map((a) => `<article class="result"><h2>${articleLink(a)}</h2><p class="breadcrumbs">${esc(a.section)}</p><p>${esc(a.summary)}</p></article>`)
  .join('');
if (pages > 1) {
  const href = (n) => `search.html?${new URLSearchParams({ q: query, page: String(n) })}`;
  const parts = [];
  if (page > 1) parts.push(`<a href="${href(page - 1)}" rel="prev">Previous</a>`);
  for (let n = 1; n <= pages; n++) parts.push(n === page ? `<span aria-current="page">${n}</span>` : `<a href="${href(n)}">${n}</a>`);
  if (page < pages) parts.push(`<a href="${href(page + 1)}" rel="next">Next</a>`);
  document.getElementById('pages').innerHTML = parts.join('');
}
renderAndFollowResets(renderChrome);
