import { describe, expect, it } from 'vitest';
import { parseTask } from './task-parse';

const slots = (task: string) => parseTask(task).slots.map((s) => ({ value: s.value.text, role: s.role, hints: s.hints }));

describe('parseTask', () => {
  it('reads the field words around each value: before it, "as the …" after it, a unit after a number', () => {
    expect(slots("Sign up with name 'Grace', email grace@x.org and city Paris")).toEqual([
      { value: 'Grace', role: 'field', hints: ['name'] },
      { value: 'grace@x.org', role: 'field', hints: ['email'] },
      { value: 'Paris', role: 'field', hints: ['city'] },
    ]);
    expect(slots('Use 42 as the quantity, then set the delivery note to "leave at the door"')).toEqual([
      { value: '42', role: 'field', hints: ['quantity'] },
      { value: 'leave at the door', role: 'field', hints: ['delivery', 'note'] },
    ]);
    expect(slots('Buy 2 tickets')).toEqual([{ value: '2', role: 'field', hints: ['ticket'] }]);
    // A label and a colon before the value name its field.
    expect(slots('Send Ola £5 today. Reference: Booking 5521').at(-1)).toEqual({ value: 'Booking 5521', role: 'field', hints: ['referenc'] });
  });

  it('does not ask to type a capitalised word of a box to tick', () => {
    const parsed = parseTask('Tick the ones you need: Sun cream and Rain jacket.');
    expect(parsed.goals.toggles).toEqual(['Sun cream', 'Rain jacket']);
    expect(parsed.slots.every((s) => s.role === 'target')).toBe(true);
    expect(parsed.target).toBeUndefined();
  });

  it('takes what a task buys, reserves or puts on hold as a thing to find and open first', () => {
    expect(parseTask('Buy 2 "Road Glide" in size 39 and check out as Ana Lima (ana@example.com)')).toMatchObject({ target: 'Road Glide', acquire: true });
    expect(parseTask('Place a hold on "Winter in Carrow Bay" by Edith Lowe for pickup at Riverside.')).toMatchObject({ target: 'Winter in Carrow Bay', acquire: true });
    expect(parseTask('Please reserve Ana Beltrán\'s "The Lighthouse Keeper\'s Daughter" for me.')).toMatchObject({ target: "The Lighthouse Keeper's Daughter", acquire: true });
    expect(parseTask('Search the catalogue for "Dune" (Frank Herbert), put it on hold and choose Old Town.')).toMatchObject({ target: 'Dune', acquire: true });
    expect(parseTask('Buy 2 "Road Glide" in size 39').slots.find((s) => s.value.text === 'Road Glide')).toMatchObject({ role: 'target', hints: [] });
    expect(parseTask('Book a table for 4 at 19:00').acquire).toBeUndefined();
  });

  it('tells a search query and a thing to open from values to type', () => {
    const t = parseTask('Search the library for Herbert and open "Children of Dune"');
    expect(t.slots.map((s) => [s.value.text, s.role])).toEqual([
      ['Herbert', 'search'],
      ['Children of Dune', 'target'],
    ]);
    expect(t.search?.value.text).toBe('Herbert');
    expect(t.target).toBe('Children of Dune');
    expect(t.verbs).toEqual(['search', 'open']);
  });

  it('opens the searched value when the task says "open it" without naming another', () => {
    expect(parseTask('Find "Dune Messiah" and open it').target).toBe('Dune Messiah');
    expect(parseTask('Find "Dune Messiah"').target).toBeUndefined();
    // A thing found by its name, where the task goes on to do something: opened first.
    expect(parseTask('Find the recipe "Lemon tart" and rate it "Five stars"').target).toBe('Lemon tart');
    expect(parseTask('Find the recipe "Lemon tart"').target).toBeUndefined();
  });

  it('names the goal verbs, not their look-alikes', () => {
    expect(parseTask('Subscribe Ada (ada@x.org) to the newsletter').verbs).toEqual(['subscribe']);
    expect(parseTask('Unsubscribe me from everything').verbs).toEqual([]);
    // A verb in its past form tells what happened, not what to do.
    expect(parseTask('Return the green mug from order 4471: it is not what I ordered.').verbs).toEqual([]);
    expect(parseTask('Order the green mug I booked last week.').verbs).toEqual(['buy']);
    expect(parseTask('Log in as ada@x.org with password "s3cret"').verbs).toEqual(['signin']);
    expect(slots('Log in as ada@x.org with password "s3cret"')[1]).toEqual({ value: 's3cret', role: 'field', hints: ['password'] });
  });
});
