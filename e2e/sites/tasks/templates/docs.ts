// Acme Cloud Handbook: finding an article through search, sending feedback on one,
// and writing to support.
import { checkState, resetState } from '../page-js';
import { fullName, PEOPLE } from '../people';
import { docs } from '../site-data';
import type { Template } from '../template';

const KEY = 'practice.docs';
/** Searches a reader would type, and the article they want from the results. */
const SEARCHES: readonly [query: string, articleId: string][] = [
  ['rate limits', 'api-rate-limits'],
  ['api key', 'rotate-api-key'],
  ['webhooks', 'webhook-retries'],
  ['limits', 'usage-limits'],
  ['invoices', 'invoices'],
  ['sign in', 'sso'],
  ['domains', 'custom-domains'],
  ['account', 'export-data'],
  ['team', 'roles'],
  ['password', 'reset-password'],
];
const FEEDBACK_ARTICLES = ['reset-password', 'create-api-key', 'custom-domains', 'invoices', 'two-factor', 'deploy', 'backups'];
const COMMENTS = ['The screenshots are outdated', 'Please add an example', 'The second step is unclear', 'A link is broken', 'Exactly what I needed'];
const title = (id: string) => {
  const a = docs.articles.find((x) => x.id === id);
  if (!a) throw new Error(`no article ${id}`);
  return a.title;
};

export const findArticle: Template = {
  id: 'docs.find-article',
  app: 'docs',
  url: '/docs/index.html',
  maxSteps: 10,
  note: 'Search, then open the named article; a deprecated namesake ranks above it for some queries, and for others it is on the second page.',
  make(rng) {
    const [query, id] = rng.pick(SEARCHES);
    return {
      instruction: `Search the docs for "${query}" and open the article "${title(id)}"`,
      setup_js: resetState(KEY),
      success_js: checkState(KEY, { id }, `return (s.viewed || []).includes(want.id);`),
      values: { query, id, title: title(id) },
    };
  },
};

export const sendFeedback: Template = {
  id: 'docs.feedback',
  app: 'docs',
  url: '/docs/index.html',
  maxSteps: 15,
  note: 'Find the article, answer "Was this page helpful?", write the comment, send it. "Contact support" in the header matches "send" too.',
  make(rng) {
    const id = rng.pick(FEEDBACK_ARTICLES);
    const comment = rng.pick(COMMENTS);
    return {
      instruction: `Find the article "${title(id)}" and send the feedback "${comment}"`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { id, comment },
        `const f = s.feedback || [];
        return f.length === 1 && f[0].article === want.id && f[0].comment === want.comment;`,
      ),
      values: { id, title: title(id), comment },
    };
  },
};

const QUESTIONS: readonly [topic: string, question: string][] = [
  ['Billing', 'Can I pay by bank transfer?'],
  ['Billing', 'Why was I charged twice this month?'],
  ['Account', 'How do I merge two accounts?'],
  ['Account', 'Can I change my username?'],
  ['API', 'Is there a sandbox for testing the API?'],
  ['API', 'Do you support GraphQL?'],
];

export const contactSupport: Template = {
  id: 'docs.contact-support',
  app: 'docs',
  url: '/docs/index.html',
  maxSteps: 10,
  note: 'A "Contact support" link in the header, then a form with name, email, a topic and the message.',
  make(rng) {
    const [topic, question] = rng.pick(QUESTIONS);
    const person = rng.pick(PEOPLE);
    const want = { name: fullName(person), email: person.email, topic, message: question };
    return {
      instruction: `Send support the message "${question}" as ${fullName(person)} (${person.email}) under the topic ${topic}`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        want,
        `const r = s.requests || [];
        return r.length === 1 && r[0].name === want.name && r[0].email === want.email && r[0].topic === want.topic && r[0].message === want.message;`,
      ),
      values: { person, topic, question },
    };
  },
};
