import { describe, expect, it } from 'vitest';
import { descriptorOf } from '../../shared/observation';
import { findDescribed, MATCH_MIN, valueKeysOf } from './descriptor-match';
import { button, field, page } from './testdata/pages';

const at = (path: string, near?: string, extra: Record<string, string> = {}) => ({ locator: { path, ...(near ? { near } : {}), ...extra } });

describe('findDescribed', () => {
  it('recognises a named element by name, role and type; not a different kind of element', () => {
    const before = page('http://x.test/', 'x', [field('Email', 'email')]);
    const d = descriptorOf(before.elements[0]!, before.elements);
    const renamed = page('http://x.test/', 'x', [field('Your name'), field('E-mail address', 'email')]);
    expect(findDescribed(d, renamed.elements).match?.element.index).toBe(1);
    expect(findDescribed(d, page('http://x.test/', 'x', [field('Your name')]).elements).match).toBeUndefined();
    expect(findDescribed(d, page('http://x.test/', 'x', [button('Email')]).elements).match).toBeUndefined();
  });

  it('finds an unlabeled field again by where it sits and what precedes it, on a page that changed around it', () => {
    const recorded = page('http://x.test/a', 'a', [{ ...field(''), ...at('div#area > input', 'Your answer:') }, button('Submit')]);
    const d = descriptorOf(recorded.elements[0]!, recorded.elements);
    expect(d).toMatchObject({ name: '', path: 'div#area > input', near: 'Your answer:', rank: { n: 1, of: 1 } });
    // A new instance: other text around, a heading button added first, the field further down.
    const today = page('http://x.test/a', 'a', [button('Help'), { ...field(''), ...at('div#area > input', 'Your answer:'), box: { x: 40, y: 300, width: 200, height: 20 } }, button('Submit')]);
    const found = findDescribed(d, today.elements, { all: today.elements });
    expect(found.match?.element.index).toBe(1);
    expect(found.match!.score).toBeGreaterThanOrEqual(MATCH_MIN);
  });

  it('tells two unlabeled fields apart by the text before them, and says so when nothing tells them apart', () => {
    const recorded = page('http://x.test/', 'x', [{ ...field(''), ...at('form > input:nth-of-type(1)', 'First') }, { ...field(''), ...at('form > input:nth-of-type(2)', 'Last') }]);
    const second = descriptorOf(recorded.elements[1]!, recorded.elements);
    expect(findDescribed(second, recorded.elements).match?.element.index).toBe(1);
    const bare = page('http://x.test/', 'x', [field(''), field('')]);
    const d = { ...descriptorOf(bare.elements[0]!, bare.elements) };
    delete d.rank;
    expect(findDescribed(d, bare.elements).match).toBeUndefined();
    expect(findDescribed(d, bare.elements).why).toMatch(/both look like/);
  });

  it('does not pick one of several look-alike buttons by position alone', () => {
    const rows = (names: string[]) => page('http://x.test/loans', 'Loans', names.map((n, i) => ({ ...button('Renew', 'button'), ...at(`tr:nth-of-type(${i + 1}) > td > button`, n) })));
    const recorded = rows(['Dune', 'Emma', 'Ulysses']);
    const d = descriptorOf(recorded.elements[1]!, recorded.elements);
    const today = rows(['Beloved', 'Dracula', 'Hamlet']);
    const found = findDescribed(d, today.elements, { all: today.elements, click: true });
    expect(found.match).toBeUndefined();
    expect(found.why).toMatch(/3 elements look like button "Renew"/);
    // The row's own words single it out: the same book is still there.
    const same = rows(['Beloved', 'Emma', 'Hamlet']);
    expect(findDescribed(d, same.elements, { all: same.elements, click: true }).match?.element.index).toBe(1);
  });

  it('does not fill one of the selects repeated in every row by its position alone', () => {
    const board = (tickets: string[]) =>
      page('http://x.test/triage', 'Triage', tickets.map((t, i) => ({ ...field('Assignee'), tag: 'select', role: 'combobox', attrs: {}, locator: { path: `tr:nth-of-type(${i + 1}) > td > select`, row: `#${t} Unassigned`, near: `#${t}` } })));
    const recorded = board(['1046', '1049', '1050']);
    const d = descriptorOf(recorded.elements[0]!, recorded.elements);
    const today = board(['1043', '1050', '1051']);
    const found = findDescribed(d, today.elements, { all: today.elements });
    expect(found.match).toBeUndefined();
    expect(found.why).toMatch(/3 elements look like combobox "Assignee"; which one the task needs is not known/);
    // A row whose own words are the recorded ones is that row.
    expect(findDescribed(descriptorOf(recorded.elements[2]!, recorded.elements), today.elements, { all: today.elements }).match?.element.index).toBe(1);
  });

  it('uses the id and name attributes a selector would', () => {
    const recorded = page('http://x.test/', 'x', [{ ...field('', 'text'), ...at('form > input', undefined, { id: 'q' }) }, { ...field('', 'text'), ...at('form > input', undefined, { name: 'city' }) }]);
    const byName = descriptorOf(recorded.elements[1]!, recorded.elements);
    const today = page('http://x.test/', 'x', [{ ...field('', 'text'), ...at('div > input', undefined, { name: 'city' }) }, { ...field('', 'text'), ...at('div > input', undefined, { id: 'q' }) }]);
    expect(findDescribed(byName, today.elements).match?.element.index).toBe(0);
  });
});

describe('findDescribed: the row a task value names', () => {
  it('acts in the row holding the task’s values the recorded row held, not the row whose words before it match', () => {
    const card = (ending: string, holder: string) => ({ ...button('Card options', 'button'), locator: { path: 'div#cards > article > button', near: holder, row: `Debit •••• ${ending} ${holder} ⋯ Active` } });
    const today = page('http://x.test/cards', 'Cards', [card('4880', 'ALEX LEE'), card('7181', 'ALEX LEE'), card('6323', 'ROBIN LEE')]);
    // Recorded in the row of the card ending 4584, held by Robin: the task now names 7181.
    const d = { tag: 'button', role: 'button', type: 'button', name: 'Card options', near: 'ROBIN LEE', rowKeys: ['7181'], box: { x: 0, y: 0, width: 1, height: 1 } };
    expect(findDescribed(d, today.elements, { click: true }).match?.element.index).toBe(1);
    expect(findDescribed({ ...d, rowKeys: ['9999'] }, today.elements, { click: true }).why).toBe('no row of button "Card options" holds "9999"');
  });


  it('finds the element after the task’s value when the recorded words before it were that value, whatever it is named now', () => {
    const rows = (items: [string, string][]) => page('http://x.test/tickets', 'Tickets', items.map(([id, subject]) => ({ ...{ tag: 'a', role: 'link', name: subject, text: subject, attrs: { href: `/t/${id}` } }, ...at(`tr > td > a`, id) })));
    const today = rows([['1042', 'Invoice missing'], ['1043', 'Cannot log in'], ['1044', 'Cannot log in']]);
    const d = { tag: 'a', role: 'link', name: 'Cannot log in', near: '1042', box: { x: 0, y: 0, width: 1, height: 1 } };
    expect(findDescribed(d, today.elements, { click: true, nearKeys: valueKeysOf('{number}', { number: '1042' }) }).match?.element.name).toBe('Invoice missing');
    expect(findDescribed({ ...d, near: '9999' }, today.elements, { click: true, nearKeys: valueKeysOf('{number}', { number: '9999' }) }).why).toBe('nothing on this page follows "9999"');
    // Recorded after a longer text holding the value (a dialog about the appointment): the value alone says which.
    const dialog = page('http://x.test/cal', 'Calendar', [{ ...button('Cancel appointment'), ...at('dialog > button', 'Sports massage on Monday 28 December 2026 at 10:00 with Aisha Khan.') }]);
    const confirm = { tag: 'button', role: 'button', name: 'Cancel appointment', type: 'submit', near: 'nt on Tuesday 22 December 2026 at 15:00 with Dr. Maya Patel.', box: { x: 0, y: 0, width: 1, height: 1 } };
    expect(findDescribed(confirm, dialog.elements, { click: true, nearKeys: valueKeysOf('nt on Tuesday {date} at 15:00 with Dr. Maya Patel.', { date: '28 December 2026' }) }).match?.element.index).toBe(0);
  });

  it('opens the item the task names by where its value sits in the name, not the old item the rest of the name describes', () => {
    const email = (from: string, subject: string, first: string, day: string) => ({ tag: 'a', role: 'link', name: `${from} ${subject} — ${first} ${day}`, text: subject, attrs: { href: '#' } });
    const today = page('http://x.test/mail', 'Mail', [
      email('Frances Allen', 'Quarterly report draft', 'A first draft of the quarterly report, for your comments only.', '10 Oct'),
      email('Linus Torvalds', 'Quarterly report', 'Hi all, the quarterly numbers are attached.', '14 Oct'),
      email('Ken Thompson', 'Office move', 'Boxes arrive Wednesday.', '8 Oct'),
    ]);
    // Recorded opening Frances's draft for "…for "report" and open the email "Quarterly report draft"".
    const recorded = 'Frances Allen {text2} — A first draft of the quarterly {text}, for your comments onl 10 Oct';
    const d = { tag: 'a', role: 'link', name: '', box: { x: 0, y: 0, width: 1, height: 1 } };
    const open = (bindings: Record<string, string>) => {
      const nameKeys = valueKeysOf(recorded, bindings);
      return findDescribed({ ...d, name: recorded.replace('{text2}', bindings.text2!).replace('{text}', bindings.text!) }, today.elements, { click: true, nameKeys });
    };
    // "report" lies inside "Quarterly report": only the subject tells.
    expect(valueKeysOf(recorded, { text: 'report', text2: 'Quarterly report' })).toEqual([{ value: 'Quarterly report', after: '—' }]);
    expect(open({ text: 'report', text2: 'Quarterly report' }).match?.element.index).toBe(1);
    expect(open({ text: 'report', text2: 'Quarterly report draft' }).match?.element.index).toBe(0);
    expect(open({ text: 'office', text2: 'Office move' }).match?.element.index).toBe(2);
    // The email the task names is not on this page: the draft holds its words, not as its subject.
    const elsewhere = findDescribed({ ...d, name: 'x' }, today.elements.slice(0, 1), { click: true, nameKeys: valueKeysOf(recorded, { text: 'report', text2: 'Quarterly report' }) });
    expect(elsewhere.why).toBe('nothing like link "x" named "Quarterly report" on this page');
    // Recorded where the value stood twice, in the subject and in the first line: either place will do.
    const twice = 'Alan Turing {text2} — Are you free for {text2}? The usual place. 7 Oct';
    expect(findDescribed({ ...d, name: 'x' }, today.elements, { click: true, nameKeys: valueKeysOf(twice, { text: 'office', text2: 'Office move' }) }).match?.element.index).toBe(2);
    expect(open({ text: 'lunch', text2: 'Lunch on Friday' }).why).toBe('nothing like link "Frances Allen Lunch on Friday — A first draft of the quarterly lunch, for your comments onl 10 Oct" named "Lunch on Friday" on this page');
  });
});
