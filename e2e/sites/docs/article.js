// An article: breadcrumbs, body, related articles, and the "Was this page helpful?"
// box (Yes / No, then an optional comment to send).
import { esc, renderAndFollowResets } from '../common/store.js';
import { articleById, articleLink, articles, renderChrome, renderLayout, store } from './docs.js';

renderLayout();
const article = articleById(new URLSearchParams(location.search).get('id'));
const main = document.getElementById('article');

function render() {
  renderChrome();
  if (!article) {
    main.innerHTML = '<h1>Article not found</h1><p><a href="index.html">Back to the handbook</a></p>';
    return;
  }
  document.title = `${article.title} — Acme Cloud Handbook`;
  store.update((s) => ({ ...s, viewed: s.viewed.includes(article.id) ? s.viewed : [...s.viewed, article.id] }));
  const related = articles.filter((a) => a.section === article.section && a.id !== article.id).slice(0, 4);
  main.innerHTML = `
    <p class="breadcrumbs"><a href="index.html">Handbook</a> › <a href="search.html?q=${encodeURIComponent(article.section.toLowerCase())}">${esc(article.section)}</a></p>
    <div class="article-layout">
      <article>
        <h1>${esc(article.title)}</h1>
        ${article.body.map((p) => `<p>${esc(p)}</p>`).join('')}
        <section class="feedback card" aria-labelledby="feedback-title">
          <h2 id="feedback-title">Was this page helpful?</h2>
          <div class="actions" id="helpful-buttons"><button type="button" class="secondary" data-helpful="yes">Yes</button><button type="button" class="secondary" data-helpful="no">No</button></div>
          <form id="feedback-form" hidden novalidate>
            <div class="field"><label for="feedback-comment">How can we improve this page? (optional)</label><textarea id="feedback-comment"></textarea></div>
            <div class="actions"><button type="submit">Send feedback</button></div>
          </form>
          <p id="feedback-thanks" role="status"></p>
        </section>
      </article>
      <aside>
        <h2>Related articles</h2>
        <ul>${related.map((a) => `<li>${articleLink(a)}</li>`).join('')}</ul>
        <p><a href="contact.html">Still stuck? Contact support</a></p>
      </aside>
    </div>`;
  let helpful = null;
  const form = main.querySelector('#feedback-form');
  main.querySelector('#helpful-buttons').addEventListener('click', (event) => {
    const choice = event.target.closest('[data-helpful]')?.dataset.helpful;
    if (!choice) return;
    helpful = choice === 'yes';
    main.querySelectorAll('[data-helpful]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.helpful === choice)));
    form.hidden = false;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const comment = main.querySelector('#feedback-comment').value.trim();
    store.update((s) => ({ ...s, feedback: [...s.feedback, { article: article.id, helpful, comment }] }));
    form.hidden = true;
    main.querySelector('#helpful-buttons').hidden = true;
    main.querySelector('#feedback-thanks').textContent = 'Thank you for your feedback!';
  });
}

renderAndFollowResets(render);
