import { describe, expect, it } from 'vitest';
import { datePatternIn, dayLabels, formatDate, inputDateFormat, mentionsDate, parseDate } from './dates';

describe('dates', () => {
  it('reads the ways tasks write a date', () => {
    const march4 = { y: 2027, m: 3, d: 4 };
    for (const t of ['March 4, 2027', '4 March 2027', 'Thu 4 Mar 2027', '4th of March 2027', 'Mar 4th 2027', '2027-03-04', '03/04/2027', '04.03.2027', 'Thursday, March 4, 2027']) expect(parseDate(t), t).toEqual(march4);
    // A first number over 12 is the day; otherwise month first, unless told otherwise.
    expect(parseDate('14/03/2027')).toEqual({ y: 2027, m: 3, d: 14 });
    expect(parseDate('03/04/2027', 'dmy')).toEqual({ y: 2027, m: 4, d: 3 });
    expect(parseDate('12/04/33')).toEqual({ y: 2033, m: 12, d: 4 });
    for (const t of ['31/31/2027', 'February 30, 2027', 'March 2027', 'hello', '12 34 56']) expect(parseDate(t), t).toBeNull();
  });

  it('writes a date as a control asks for it', () => {
    const d = { y: 2027, m: 3, d: 4 };
    expect(formatDate(d, inputDateFormat('date')!)).toBe('2027-03-04');
    expect(formatDate(d, 'dd.mm.yyyy')).toBe('04.03.2027');
    expect(formatDate(d, 'mm/dd/yyyy')).toBe('03/04/2027');
    expect(formatDate(d, 'MMMM d, yyyy')).toBe('March 4, 2027');
    expect(inputDateFormat('text')).toBeNull();
  });

  it('finds the pattern a placeholder or a task states', () => {
    expect(datePatternIn('DD.MM.YYYY')).toBe('dd.mm.yyyy');
    expect(datePatternIn('Type it as mm/dd/yyyy, then submit')).toBe('mm/dd/yyyy');
    expect(datePatternIn('e.g. yyyy-mm-dd')).toBe('yyyy-mm-dd');
    expect(datePatternIn('Your name')).toBeNull();
  });

  it('knows how pickers label a day', () => {
    expect(dayLabels({ y: 2026, m: 12, d: 24 })).toEqual(expect.arrayContaining(['2026-12-24', 'December 24, 2026', '24 December 2026', 'Thursday, December 24, 2026']));
  });

  it('finds a day written the usual ways in a row of text, and not a neighbouring day', () => {
    const day = parseDate('3 March 2027', 'dmy')!;
    expect(mentionsDate('Dental check on Wednesday, 3 March 2027 at 09:30', day)).toBe(true);
    expect(mentionsDate('Dental check · Mar 3, 2027', day)).toBe(true);
    expect(mentionsDate('Booked for 2027-03-03', day)).toBe(true);
    expect(mentionsDate('Dental check on 13 March 2027', day)).toBe(false);
    expect(mentionsDate('Dental check on 3 May 2027', day)).toBe(false);
  });
});
