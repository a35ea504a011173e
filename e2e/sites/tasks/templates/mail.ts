// Postbox: finding an email, writing a new one, replying to one, forwarding one.
import { checkState, resetState } from '../page-js';
import { PEOPLE } from '../people';
import { mail } from '../site-data';
import type { Template } from '../template';

const KEY = 'practice.mail';
const inbox = mail.messages.filter((m) => m.folder === 'inbox' && m.fromEmail.endsWith('@example.com'));
const SUBJECTS = ['Team lunch', 'Project kickoff', 'Holiday dates', 'Train tickets', 'Budget questions', 'New laptop', 'Board meeting notes', 'Parking permit'];
const BODIES = ['See you at noon', 'Can we meet on Thursday?', 'The slides are in the shared folder', 'Please confirm by Friday', 'I will bring the cake', 'Call me when you land'];
const REPLIES = ['Thanks, received', 'Sounds good to me', 'I will look at it today', 'Count me in', 'Noted, thank you'];

export const compose: Template = {
  id: 'mail.compose',
  app: 'mail',
  url: '/mail/index.html',
  maxSteps: 12,
  note: 'A "New message" button, then To, Subject and Message fields named like the task.',
  make(rng) {
    const to = rng.pick(PEOPLE).email;
    const subject = rng.pick(SUBJECTS);
    const body = rng.pick(BODIES);
    return {
      instruction: `Send an email to ${to} with the subject "${subject}" and the message "${body}"`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { to, subject, body },
        `const sent = s.sent || [];
        return sent.length === 1 && JSON.stringify(sent[0].to) === JSON.stringify([want.to]) && (sent[0].cc || []).length === 0
          && sent[0].subject === want.subject && sent[0].body.includes(want.body) && !sent[0].inReplyTo && !sent[0].forwardOf;`,
      ),
      values: { to, subject, body },
    };
  },
};

export const reply: Template = {
  id: 'mail.reply',
  app: 'mail',
  url: '/mail/index.html',
  maxSteps: 15,
  note: 'Open the right message (same senders and similar subjects elsewhere in the inbox, some on page 2), press Reply, write, send.',
  make(rng) {
    const m = rng.pick(inbox);
    const text = rng.pick(REPLIES);
    return {
      instruction: `Reply to the email from ${m.fromName} about "${m.subject}" with "${text}"`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { id: m.id, to: m.fromEmail, text },
        `const sent = s.sent || [];
        return sent.length === 1 && sent[0].inReplyTo === want.id && JSON.stringify(sent[0].to) === JSON.stringify([want.to]) && sent[0].body.includes(want.text);`,
      ),
      values: { id: m.id, from: m.fromName, subject: m.subject, text },
    };
  },
};

export const forward: Template = {
  id: 'mail.forward',
  app: 'mail',
  url: '/mail/index.html',
  maxSteps: 15,
  note: 'Open the message named in the task, press Forward, fill in the recipient, send.',
  make(rng) {
    const m = rng.pick(inbox);
    const to = rng.pick(PEOPLE.filter((p) => p.email !== m.fromEmail)).email;
    return {
      instruction: `Forward the email "${m.subject}" from ${m.fromName} to ${to}`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        { id: m.id, to },
        `const sent = s.sent || [];
        return sent.length === 1 && sent[0].forwardOf === want.id && JSON.stringify(sent[0].to) === JSON.stringify([want.to]);`,
      ),
      values: { id: m.id, from: m.fromName, subject: m.subject, to },
    };
  },
};

/** Searches a user would type for an email, and the email they mean. */
const FINDS: readonly [query: string, messageId: string][] = [
  ['report', 'm12'],
  ['report', 'm01'],
  ['invoice', 'm11'],
  ['invoice', 'm21'],
  ['review', 'm04'],
  ['lunch', 'm17'],
  ['tickets', 'm20'],
  ['office', 'm15'],
];

export const findEmail: Template = {
  id: 'mail.find-email',
  app: 'mail',
  url: '/mail/index.html',
  maxSteps: 8,
  note: 'Search, then open the email with the named subject; other results have similar subjects ("Quarterly report" and "Quarterly report draft").',
  make(rng) {
    const [query, id] = rng.pick(FINDS);
    const m = mail.messages.find((x) => x.id === id)!;
    return {
      instruction: `Search my mail for "${query}" and open the email "${m.subject}"`,
      setup_js: resetState(KEY),
      success_js: checkState(KEY, { id }, `const opened = s.opened || []; return opened.length === 1 && opened[0] === want.id;`),
      values: { query, id, subject: m.subject, from: m.fromName },
    };
  },
};
