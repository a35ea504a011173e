import { describe, expect, it } from 'vitest';
import { extractValues, fitsKind, kindOf } from './task-values';

const values = (task: string) => extractValues(task).map((v) => [v.text, v.kind]);

describe('extractValues', () => {
  it('finds names and emails, leaving the opening verb out of the name', () => {
    expect(values('Subscribe Ada Lovelace (ada@example.com) to the newsletter')).toEqual([
      ['Ada Lovelace', 'name'],
      ['ada@example.com', 'email'],
    ]);
  });

  it('takes quoted strings whole, with names inside them, and keeps apostrophes out of quoting', () => {
    expect(values(`Ship to "12 St James's Square" and open 'Children of Dune', not Ada's copy`)).toEqual([
      ["12 St James's Square", 'text'],
      ['Children of Dune', 'text'],
      ['Ada', 'name'],
    ]);
    expect(extractValues('Search for "dune"')[0]).toMatchObject({ text: 'dune', quoted: true, start: 11, end: 17 });
  });

  it('finds numbers, dates, times, phone numbers and URLs by shape', () => {
    expect(values('Book a table for 4 people on 12 May 2025 at 7pm, phone +44 20 7946 0958, see https://bistro.test/menu.')).toEqual([
      ['4', 'number'],
      ['12 May 2025', 'date'],
      ['7pm', 'time'],
      ['+44 20 7946 0958', 'phone'],
      ['https://bistro.test/menu', 'url'],
    ]);
    expect(values('Arrive 2025-06-01, leave June 3rd, budget $120.50')).toEqual([
      ['2025-06-01', 'date'],
      ['June 3rd', 'date'],
      ['$120.50', 'number'],
    ]);
    // A weekday before a date is part of the date, not a name of its own.
    expect(values('Deliver it on Wednesday 17 March, or Thu, Mar 18 2027, or on Friday the 19th of March.')).toEqual([
      ['Wednesday 17 March', 'date'],
      ['Thu, Mar 18 2027', 'date'],
      ['Friday the 19th of March', 'date'],
    ]);
  });

  it('joins initials and lower-case particles into names, and ends a name at a full stop', () => {
    expect(values('Find books by Ursula K. Le Guin and open The Left Hand of Darkness')).toEqual([
      ['Ursula K. Le Guin', 'name'],
      ['The Left Hand of Darkness', 'name'],
    ]);
    expect(values('Move to Paris. Then call Grace Hopper')).toEqual([
      ['Paris', 'name'],
      ['Grace Hopper', 'name'],
    ]);
  });

  it('takes a code of capitals and digits joined by hyphens whole, never the number inside it', () => {
    expect(values('Track parcel AB-1042 and invoice INV-2231-B, due 2027-03-14')).toEqual([
      ['AB-1042', 'name'],
      ['INV-2231-B', 'name'],
      ['2027-03-14', 'date'],
    ]);
  });

  it('never reads the pronoun I as a name', () => {
    expect(values('Tell Ada that I will call Grace')).toEqual([['Ada', 'name'], ['Grace', 'name']]);
    expect(values("Reserve it, I'll collect it from Riverside")).toEqual([['Riverside', 'name']]);
  });

  it('takes what a label at a sentence’s start gives whole, when one value is in it', () => {
    const texts = (t: string) => extractValues(t).map((v) => v.text);
    expect(texts('Send Ola £12.50 today. Reference: Booking 5521')).toEqual(['Ola', '£12.50', 'Booking 5521']);
    expect(texts('Note: call 2 days ahead')).toEqual(['call 2 days ahead']);
    // The label's rest is the value itself, or holds several values, or none: as before.
    expect(texts('Time: 3pm')).toEqual(['3pm']);
    expect(texts('Flights from: OPO to Lisbon')).toEqual(['OPO', 'Lisbon']);
    expect(texts('Email: mentions on. Push: digest off.')).toEqual([]);
  });

  it('finds nothing in a task without values', () => {
    expect(extractValues('subscribe to the newsletter')).toEqual([]);
    expect(extractValues('Please search for something nice')).toEqual([]);
  });
});

describe('kindOf and fitsKind', () => {
  it('tells a value’s kind by its shape', () => {
    expect(['ada@x.org', 'https://x.org', '2024-01-31', '7:30', '+1 (555) 010-9999', '42', 'Ada Lovelace', 'red shoes'].map(kindOf)).toEqual([
      'email',
      'url',
      'date',
      'time',
      'phone',
      'number',
      'name',
      'text',
    ]);
  });

  it('lets a text variable take anything and a typed one only its kind', () => {
    expect(fitsKind('anything at all', 'text')).toBe(true);
    expect(fitsKind('ada@x.org', 'email')).toBe(true);
    expect(fitsKind('Ada', 'email')).toBe(false);
    expect(fitsKind('twelve', 'number')).toBe(false);
    expect(fitsKind('Grace Hopper', 'name')).toBe(true);
    expect(fitsKind('grace', 'name')).toBe(false);
    expect(fitsKind('  ', 'text')).toBe(false);
  });
});
