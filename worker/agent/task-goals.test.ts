// The shapes of everyday tasks, read from their words: what to press, tick, open first,
// which of a list, which item and what to do to it, a key, letters, a superlative.
import { describe, expect, it } from 'vitest';
import { taskGoals } from './task-goals';
import { parseTask } from './task-parse';

describe('taskGoals', () => {
  it.each([
    ['Click the "Back" button.', { name: 'Back', role: 'button' }],
    ['Press "OK".', { name: 'OK' }],
    ['Follow the link "Pricing".', { name: 'Pricing', role: 'link' }],
    ['Click on the link "kettle ember".', { name: 'kettle ember', role: 'link' }],
    ['Find the button labelled "blossom" and click it.', { name: 'blossom', role: 'button' }],
    ['The "gravel" button appears after a moment; click it.', { name: 'gravel', role: 'button' }],
    ['In the file tree, click on the folder or file named "notes.md".', { name: 'notes.md', role: 'file' }],
    ['Tap Sign Out', { name: 'Sign Out' }],
  ])('presses %s', (task, press) => {
    expect(taskGoals(task).press).toEqual(press);
  });

  it('opens first what the task names before its last press', () => {
    expect(taskGoals('Expand the section "Peach honey" and click the link "valley".')).toMatchObject({ reveal: ['Peach honey'], press: { name: 'valley', role: 'link' } });
    expect(taskGoals('Under "Billing", click the link "Invoices".')).toMatchObject({ reveal: ['Billing'], press: { name: 'Invoices' } });
    expect(taskGoals('Press "Load more", then click the "cactus" button when it appears.')).toMatchObject({ reveal: ['Load more'], press: { name: 'cactus' } });
    expect(taskGoals('Hover over "Products" and click "Laptops".')).toMatchObject({ hover: 'Products', press: { name: 'Laptops' } });
  });

  it('reads the boxes to tick, and "nothing"', () => {
    expect(taskGoals('Select pasta, tulip and beach and click Submit.').toggles).toEqual(['pasta', 'tulip', 'beach']);
    expect(taskGoals('Tick "Weekly digest" and "Offers", then press Save.').toggles).toEqual(['Weekly digest', 'Offers']);
    expect(taskGoals('Check the boxes for red and blue and submit.').toggles).toEqual(['red', 'blue']);
    expect(taskGoals('Select nothing and click Submit.').toggles).toEqual([]);
    // A list after a colon, and words that only say where the boxes are or that the rest stay.
    expect(taskGoals('Tick the ones you need for the trip: Sun cream, Rain jacket and Maps.').toggles).toEqual(['Sun cream', 'Rain jacket', 'Maps']);
    expect(taskGoals('Please check off Green tea and Oat milk on my pantry list, nothing else.').toggles).toEqual(['Green tea', 'Oat milk']);
    expect(taskGoals('Select Paris from the list.').toggles).toBeUndefined();
    // A date or a value after "select" is not a list of boxes.
    expect(taskGoals('Select 12/04/2033 as the date, then submit.').toggles).toBeUndefined();
  });

  it('reads ordinals, items and what to do to them, keys, letters and superlatives', () => {
    expect(taskGoals('Search for "tea" and open the 3rd result').ordinal).toEqual({ n: 3, of: 'result' });
    expect(taskGoals('open the tenth search result').ordinal).toEqual({ n: 10, of: 'result' });
    expect(taskGoals('Find the email by Edgar and forward that email to Grace.')).toMatchObject({ item: { noun: 'email', key: 'Edgar' }, itemAction: 'forward' });
    expect(taskGoals('Reply to the message from Ana Lima with "On my way"')).toMatchObject({ item: { noun: 'message', key: 'Ana Lima' }, itemAction: 'reply' });
    expect(taskGoals('Order for Ada Lovelace (ada@example.com)').item).toBeUndefined();
    // Whose it is, by a possessive: the owner, and the item's own name when it follows.
    expect(taskGoals('Answer Grace Hopper\'s email "Lunch on Friday" with "Sounds good"')).toMatchObject({ item: { noun: 'email', key: 'Lunch on Friday', also: ['Grace Hopper'] }, itemAction: 'reply' });
    expect(taskGoals("Forward Ana's message to Bob.")).toMatchObject({ item: { noun: 'message', key: 'Ana' }, itemAction: 'forward' });
    expect(taskGoals("Update Ada's email to ada@example.org").item).toBeUndefined();
    // The item's name before its noun, and the day it is on.
    expect(taskGoals('Please cancel my "Dental check" booking on 3 March 2027')).toMatchObject({ item: { noun: 'booking', key: 'Dental check', also: ['3 March 2027'] }, itemAction: 'cancel' });
    expect(taskGoals('Withdraw the "Spring trip" request')).toMatchObject({ item: { noun: 'request', key: 'Spring trip' }, itemAction: 'cancel' });
    // By a day it takes in; "that day" is the one day the task names.
    expect(taskGoals('The office is shut on Friday 9 July. Cancel your booking that covers that day.')).toMatchObject({ item: { noun: 'booking', key: 'Friday 9 July' }, itemAction: 'cancel' });
    expect(taskGoals('Withdraw the request which includes 3 March 2027, noting "Sorry"')).toMatchObject({ item: { noun: 'request', key: '3 March 2027' }, itemAction: 'cancel' });
    expect(taskGoals('Action needed: withdraw the pending request that includes Monday 17 May. Note: "Sorry"')).toMatchObject({ item: { noun: 'request', key: 'Monday 17 May' }, itemAction: 'cancel' });
    expect(taskGoals('Your Studio 2 booking starting 28 April can’t go ahead. Please cancel it and say "Moved".')).toMatchObject({ item: { noun: 'booking', key: '28 April' }, itemAction: 'cancel' });
    expect(taskGoals('Your booking starting 28 April is confirmed.').item).toBeUndefined();
    expect(taskGoals('Closed on 9 July and 12 July: cancel the booking that covers that day.').item).toBeUndefined();
    // By its number, with its title in brackets when given.
    expect(taskGoals('Open order 88213 (Blue kettle), write "Late again" as a note, then press Save.')).toMatchObject({ item: { noun: 'order', key: '88213', also: ['Blue kettle'] } });
    expect(taskGoals('Type "Fixed" in the comment box of invoice #3044 and press Submit').item).toEqual({ noun: 'invoice', key: '3044' });
    expect(taskGoals('Buy 2 tickets for the 19:30 show').item).toBeUndefined();
    // Every row by a day.
    expect(taskGoals('Renew every loan due before March 9, 2027.').rowsByDate).toEqual({ verb: 'renew', relation: 'before', date: 'March 9, 2027', about: 'loan due' });
    expect(taskGoals('Please archive all my reports dated after 2 May 2027 — leave the rest alone.').rowsByDate).toEqual({ verb: 'archive', relation: 'after', date: '2 May 2027', about: 'my reports dated' });
    expect(taskGoals('Renew the loan "Dune" before Friday.').rowsByDate).toBeUndefined();
    expect(taskGoals('Please renew all my books that are due before Mon 22 Mar 2027.').rowsByDate).toMatchObject({ date: 'Mon 22 Mar 2027' });
    expect(taskGoals('Write "hi" and send it with Control+Enter.').keys).toBe('Control+Enter');
    expect(taskGoals('Type "x" and press the Escape key').keys).toBe('Escape');
    expect(taskGoals('Enter an item that starts with "Ja" and ends with "ca"').letters).toEqual({ startsWith: 'Ja', endsWith: 'ca' });
    expect(taskGoals('Book the cheapest flight from Oslo to Rome').superlative).toBe('cheapest');
    expect(taskGoals('Type May 31, 2014 into the date field as dd/mm/yyyy').dateFormat).toBe('dd/mm/yyyy');
  });

  it('keeps names the task presses or picks out out of the values it types', () => {
    const t = parseTask('Use the textbox to enter "Kira" and press "Search", then click the 8th search result.');
    expect(t.slots.map((s) => [s.value.text, s.role])).toEqual([['Kira', 'field'], ['Search', 'target']]);
    expect(t.target).toBeUndefined();
    const mail = parseTask('Find the email by Edgar and forward that email to Grace.');
    expect(mail.slots.map((s) => [s.value.text, s.role, s.hints.includes('recipient')])).toEqual([['Edgar', 'target', false], ['Grace', 'field', true]]);
    expect(parseTask('Select August 8, 2015 as the date').slots[0]?.role).toBe('field');
  });

  it('reads what a task turns on and off, each verb with the words it governs', () => {
    expect(taskGoals('Turn off email for direct messages and push for mentions, and turn on the weekly summary.').switches).toEqual([
      { on: false, stretch: 'email for direct messages and push for mentions' },
      { on: true, stretch: 'the weekly summary' },
    ]);
    expect(taskGoals('Please switch the dark theme on.').switches).toEqual([{ on: true, stretch: 'the dark theme' }]);
    expect(taskGoals('Disable read receipts').switches).toEqual([{ on: false, stretch: 'read receipts' }]);
    expect(taskGoals('Turn to page 4').switches).toBeUndefined();
    expect(taskGoals('Alerts tidy-up. SMS: order updates off. In the app: price drops on, and save.').switches).toEqual([
      { on: false, stretch: 'SMS: order updates' },
      { on: true, stretch: 'In the app: price drops' },
    ]);
  });
});
