import { describe, expect, it } from 'vitest';
import { CONTROL_MIN, controlScore, FIELD_MIN, fieldScore, optionNamedByTask, TARGET_MIN, targetScore } from './element-match';
import { parseTask } from './task-parse';
import { button, field, link, page, select } from './testdata/pages';

const one = (spec: Parameters<typeof page>[2][number]) => page('http://x.test/', 'x', [spec]).elements[0]!;

describe('fieldScore', () => {
  const [name, email] = parseTask('Subscribe Ada Lovelace (ada@example.com) to the newsletter').slots as [never, never];

  it('puts a value where its kind or its field words say, and nowhere the input type forbids', () => {
    expect(fieldScore(name, one(field('Your name')))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(email, one(field('Email', 'email')))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(email, one(field('Your name')))).toBeLessThan(FIELD_MIN);
    expect(fieldScore(name, one(field('Email', 'email')))).toBe(0);
    expect(fieldScore(name, one(field('Password', 'password')))).toBe(0);
    // A search box is not where a subscriber's name goes.
    expect(fieldScore(name, one(field('Search the site', 'search')))).toBe(0);
    // Nor a filter box for the value its words name: that goes in the form.
    const [subject] = parseTask('Open a ticket with the subject "Refund"').slots as [never];
    expect(fieldScore(subject, one(field('Filter by subject or sender')))).toBeLessThan(FIELD_MIN);
    expect(fieldScore(subject, one(field('Subject')))).toBeGreaterThanOrEqual(FIELD_MIN);
  });

  it("keeps a person's name out of a field for a thing's name", () => {
    expect(fieldScore(name, one(field('Workspace name')))).toBeLessThan(FIELD_MIN);
    expect(fieldScore(name, one(field('Project name')))).toBeLessThan(FIELD_MIN);
    expect(fieldScore(name, one(field("Recipient's name")))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(name, one(field('Full name')))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(name, one(field('Name')))).toBeGreaterThanOrEqual(FIELD_MIN);
  });

  it('requires field words to agree when the task gives them', () => {
    const [city] = parseTask('Ship it to city London').slots as [never];
    expect(fieldScore(city, one(field('City')))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(city, one(field('Full name')))).toBeLessThan(FIELD_MIN);
  });

  it('scores a select by the options it lists', () => {
    const [plan] = parseTask('Sign up, plan Pro').slots as [never];
    expect(fieldScore(plan, one(select('Plan', ['Free', 'Pro'])))).toBeGreaterThanOrEqual(FIELD_MIN);
    expect(fieldScore(plan, one(select('Country', ['France', 'Spain'])))).toBeLessThan(FIELD_MIN);
  });
});

describe('optionNamedByTask', () => {
  it('picks the option the task names, ignoring its parenthesised note and placeholders', () => {
    const words = parseTask('Order it with express delivery').plainWords;
    expect(optionNamedByTask(one(select('Delivery', ['Choose…', 'Standard (3–5 days)', 'Express (next day)'])), words)).toBe('Express (next day)');
    expect(optionNamedByTask(one(select('Size', ['S', 'M', 'L'])), words)).toBeUndefined();
  });
});

describe('fieldScore by example', () => {
  it('puts a code in the field whose example has its shape, not in one its other words name', () => {
    const [code, house] = parseTask('Have parcel ZX-4410 left at number 12').slots as [never, never];
    const tracking = one({ ...field('Tracking number'), locator: { placeholder: 'e.g. AB-1234' } });
    expect(fieldScore(code, tracking)).toBeGreaterThan(fieldScore(house, tracking));
    expect(fieldScore(code, one({ ...field('Reference'), locator: { placeholder: 'e.g. 2024-001' } }))).toBeLessThan(0.9);
  });
});

describe('controlScore', () => {
  const task = parseTask('Subscribe Ada Lovelace (ada@example.com) to the newsletter');
  it('prefers the control named by the task’s verb; never one that undoes or leaves', () => {
    expect(controlScore(task, one(button('Subscribe')), 'submit')).toBeGreaterThanOrEqual(1);
    expect(controlScore(task, one(button('Sign up now')), 'submit')).toBeGreaterThanOrEqual(1);
    expect(controlScore(task, one(button('Continue')), 'submit')).toBeGreaterThanOrEqual(CONTROL_MIN);
    expect(controlScore(task, one(button('Unsubscribe everyone', 'button')), 'submit')).toBe(0);
    expect(controlScore(task, one(button('Cancel')), 'submit')).toBe(0);
    expect(controlScore(task, one(link('Home', '/')), 'submit')).toBeLessThan(CONTROL_MIN);
  });

  it('takes a control named by the noun of the task’s verb as the place to do it ("Payments" for "pay")', () => {
    const pay = parseTask('Please pay the invoice of £42.10 from Acme with the reference "INV-7"');
    expect(controlScore(pay, one(link('⇄ Payments', '/payments')), 'submit')).toBeGreaterThanOrEqual(CONTROL_MIN);
    expect(controlScore(pay, one(link('Statements', '/statements')), 'submit')).toBeLessThan(CONTROL_MIN);
    // A word that merely starts like the verb is not its noun.
    expect(controlScore(pay, one(link('Paypal help', '/help')), 'submit')).toBeLessThan(CONTROL_MIN);
  });
});

describe('targetScore', () => {
  it('ranks the result that names the whole target above ones sharing a word', () => {
    const exact = targetScore('Children of Dune', one(link('Children of Dune', '/3')));
    const withAuthor = targetScore('Children of Dune', one(link('Children of Dune — Frank Herbert (1976)', '/3')));
    const partial = targetScore('Children of Dune', one(link('God Emperor of Dune', '/4')));
    expect(exact).toBeGreaterThan(withAuthor);
    expect(withAuthor).toBeGreaterThanOrEqual(TARGET_MIN);
    expect(partial).toBeLessThan(TARGET_MIN);
  });
});
