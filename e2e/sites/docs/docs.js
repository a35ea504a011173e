// What every Handbook page shares: state (articles viewed, feedback, support
// requests, newsletter, consent), the articles, search ranking, header and footer.
import data from './articles.json' with { type: 'json' };
import { createStore, esc } from '../common/store.js';
import { cookieBanner, EMAIL_SHAPE, toast } from '../common/ui.js';

export const articles = data.articles;
export const store = createStore('practice.docs', () => ({ viewed: [], feedback: [], requests: [], newsletter: [], consent: null }));
export const articleById = (id) => articles.find((a) => a.id === id);

/** Articles that share a word with the query, best first: title words count most. */
export function searchArticles(query) {
  const words = query.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  if (words.length === 0) return [];
  return articles
    .map((a) => {
      const title = a.title.toLowerCase();
      const score = words.reduce((sum, w) => sum + (title.includes(w) ? 3 : 0) + (a.keywords.includes(w) ? 2 : 0) + (a.summary.toLowerCase().includes(w) ? 1 : 0), 0);
      const all = words.every((w) => `${title} ${a.keywords} ${a.summary.toLowerCase()}`.includes(w));
      return { a, score: score + (all ? 2 : 0) };
    })
    .filter((r) => r.score > 0)
    .sort((x, y) => y.score - x.score || x.a.title.localeCompare(y.a.title))
    .map((r) => r.a);
}

export function renderLayout() {
  const header = document.getElementById('site-header');
  header.className = 'site-header';
  header.innerHTML = `
    <div class="wrap">
      <a class="brand" href="index.html">Acme Cloud Handbook</a>
      <nav aria-label="Sections"><a href="search.html?q=api">API</a><a href="search.html?q=account">Account</a><a href="search.html?q=billing">Billing</a></nav>
      <span class="spacer"></span>
      <form role="search" action="search.html" method="get" class="row" style="gap:6px">
        <input type="search" name="q" aria-label="Search the docs" placeholder="Search the docs" style="width:240px">
        <button type="submit">Search</button>
      </form>
      <a class="button secondary" href="contact.html">Contact support</a>
    </div>`;
  const q = new URLSearchParams(location.search).get('q');
  if (q) header.querySelector('input[name="q"]').value = q;
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  footer.innerHTML = `
    <div class="wrap">
      <div><strong>Acme Cloud</strong><br><a href="#">Status</a><br><a href="#">Community forum</a><br><a href="#">Changelog</a></div>
      <form class="newsletter" id="changelog-form" novalidate>
        <strong>Changelog by email</strong>
        <div class="field"><label for="changelog-email">Work email</label><input id="changelog-email" type="email"></div>
        <button type="submit">Subscribe</button>
      </form>
    </div>`;
  footer.querySelector('#changelog-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = footer.querySelector('#changelog-email').value.trim();
    if (!EMAIL_SHAPE.test(email)) return toast('Enter a valid email address.');
    store.update((s) => ({ ...s, newsletter: [...s.newsletter, email] }));
    toast(`Subscribed ${email} to the changelog.`);
  });
}

export function renderChrome() {
  cookieBanner(store, 'The Acme Cloud Handbook');
}

export const articleLink = (a) => `<a href="article.html?id=${esc(a.id)}">${esc(a.title)}</a>`;
