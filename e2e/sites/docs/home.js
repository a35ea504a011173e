import { esc, renderAndFollowResets } from '../common/store.js';
import { articleLink, articles, articleById, renderChrome, renderLayout } from './docs.js';

renderLayout();
const sections = [...new Set(articles.map((a) => a.section))];
document.getElementById('sections').innerHTML = sections
  .map((s) => `<section class="card"><h2>${esc(s)}</h2><ul>${articles.filter((a) => a.section === s).slice(0, 3).map((a) => `<li>${articleLink(a)}</li>`).join('')}</ul></section>`)
  .join('');
document.getElementById('popular').innerHTML = ['getting-started', 'deploy', 'custom-domains', 'billing-plans'].map((id) => `<li>${articleLink(articleById(id))}</li>`).join('');
renderAndFollowResets(renderChrome);
