import { describe, expect, it } from 'vitest';
import { coversDay, datePatternIn, dayLabels, formatDate, inputDateFormat, mentionsDate, parseDate, parseDay, rangesIn } from './dates';

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

  it('reads a day without its year, and finds it in any year', () => {
    expect(parseDay('Monday 28 June')).toEqual({ m: 6, d: 28 });
    expect(parseDay('June 28th')).toEqual({ m: 6, d: 28 });
    expect(parseDay('Friday the 19th of March')).toEqual({ m: 3, d: 19 });
    expect(parseDay('28 June 2027')).toEqual({ y: 2027, m: 6, d: 28 });
    expect(parseDay('30 February')).toBeNull();
    expect(parseDay('June')).toBeNull();
    expect(mentionsDate('Team day, Mon 28 Jun 2027', { m: 6, d: 28 })).toBe(true);
    expect(mentionsDate('Team day, Mon 18 Jun 2027', { m: 6, d: 28 })).toBe(false);
  });

  it('reads ranges of days, the start taking the end\'s month and year', () => {
    expect(rangesIn('LR-237 Volunteering day 26 Jun – 29 Jun 2027 2 Pending')).toEqual([{ from: { y: 2027, m: 6, d: 26 }, to: { y: 2027, m: 6, d: 29 } }]);
    expect(rangesIn('Away 10–15 June')).toEqual([{ from: { m: 6, d: 10 }, to: { m: 6, d: 15 } }]);
    expect(rangesIn('2027-06-26 to 2027-07-02')).toEqual([{ from: { y: 2027, m: 6, d: 26 }, to: { y: 2027, m: 7, d: 2 } }]);
    expect(rangesIn('Jun 26 – 29, 2027')).toEqual([{ from: { y: 2027, m: 6, d: 26 }, to: { y: 2027, m: 6, d: 29 } }]);
    expect(rangesIn('2027-06-26 → 2027-06-29')).toEqual([{ from: { y: 2027, m: 6, d: 26 }, to: { y: 2027, m: 6, d: 29 } }]);
    expect(rangesIn('Dec 28 - Jan 3, 2027')).toEqual([{ from: { y: 2026, m: 12, d: 28 }, to: { y: 2027, m: 1, d: 3 } }]);
    // Times and references are not ranges of days.
    expect(rangesIn('10:00 - 11:30, ref LR-237')).toEqual([]);
  });

  it('knows which range of days takes a day in', () => {
    const june28 = parseDay('Monday 28 June')!;
    expect(coversDay('Ref: LR-237 When: 26 Jun – 29 Jun 2027 Days: 2', june28)).toBe(true);
    expect(coversDay('Ref: LR-235 When: 10 Jun – 15 Jun 2027 Days: 4', june28)).toBe(false);
    expect(coversDay('Holiday from June 27 to July 4', june28)).toBe(true);
    expect(coversDay('Trip 28 Dec – 3 Jan 2027', { y: 2027, m: 1, d: 2 })).toBe(true);
    expect(coversDay('Trip 28 Dec – 3 Jan 2027', { y: 2026, m: 1, d: 2 })).toBe(false);
    expect(coversDay('Trip 28 Dec – 3 Jan', { m: 12, d: 30 })).toBe(true);
    expect(coversDay('Trip 28 Dec – 3 Jan', { m: 6, d: 30 })).toBe(false);
  });
});
