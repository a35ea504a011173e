// Dates as tasks write them and as controls want them. A task says "March 4, 2027",
// "4 March 2027", "Thu 4 Mar 2027", "03/04/2027" or "2027-03-04"; an <input type=date>
// takes only "2027-03-04", a text field may ask for "dd.mm.yyyy" in its placeholder,
// a date picker labels its days "Thursday, March 4, 2027". Slashed dates are read
// month first (the common web convention) unless the first number cannot be a month,
// or the caller knows the order.

export interface CalendarDate {
  y: number;
  /** 1–12 */
  m: number;
  /** 1–31 */
  d: number;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(w) || (w.startsWith(m.toLowerCase().slice(0, 3)) && m.toLowerCase().startsWith(w.slice(0, w.length))));
  return i >= 0 ? i + 1 : undefined;
}

const fullYear = (y: number) => (y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y);

function valid(y: number, m: number, d: number): CalendarDate | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1000 && y <= 9999)) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days ? { y, m, d } : null;
}

/** A date in any of the ways tasks and pages write one; null when the text is not one. */
export function parseDate(text: string, order: 'mdy' | 'dmy' = 'mdy'): CalendarDate | null {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(Number(m[4]));
    // Dots are written day first; a first number over 12 is a day; else the order asked for.
    const dayFirst = m[2] === '.' || a > 12 || (order === 'dmy' && b <= 12);
    return dayFirst ? valid(y, b, a) : valid(y, a, b);
  }
  // Words: "Thursday 4 March 2027", "March 4th, 2027", "4th of March 2027", "Mar 4 2027".
  const words = t.split(' ').filter((w) => !DAY_NAMES.some((d) => d.toLowerCase().startsWith(w.toLowerCase().replace(/\.$/, '')) && w.length >= 3) && w.toLowerCase() !== 'of');
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  for (const w of words) {
    const n = /^(\d{1,4})(?:st|nd|rd|th)?$/i.exec(w);
    if (n) {
      const v = Number(n[1]);
      if (n[1]!.length === 4) year = v;
      else if (day === undefined && v <= 31) day = v;
      else return null;
      continue;
    }
    const mo = monthOf(w);
    if (mo === undefined || month !== undefined) return null;
    month = mo;
  }
  if (month === undefined || day === undefined || year === undefined) return null;
  return valid(year, month, day);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date written in a pattern of dd/d (day), mm/m (month number), MMMM/MMM (month
 * name), yyyy/yy (year) and any separators: "yyyy-mm-dd", "dd.mm.yyyy", "MMMM d, yyyy".
 */
export function formatDate(date: CalendarDate, pattern: string): string {
  const tokens: Record<string, () => string> = {
    yyyy: () => String(date.y),
    yy: () => pad(date.y % 100),
    MMMM: () => MONTH_NAMES[date.m - 1]!,
    MMM: () => MONTH_NAMES[date.m - 1]!.slice(0, 3),
    mm: () => pad(date.m),
    m: () => String(date.m),
    dd: () => pad(date.d),
    d: () => String(date.d),
  };
  return pattern.replace(/yyyy|yy|MMMM|MMM|mm|m|dd|d/g, (token) => tokens[token]!());
}

/** A date pattern a placeholder or a task states ("dd/mm/yyyy", "MM-DD-YYYY", "yyyy.mm.dd"), normalised; null when there is none. */
export function datePatternIn(text: string): string | null {
  const m = /\b((?:dd?|mm?|yyyy|yy)([./ -])(?:dd?|mm?)\2(?:dd?|yyyy|yy))\b/i.exec(text) ?? /\b(yyyy([./-])mm\2dd)\b/i.exec(text);
  if (!m) return null;
  const p = m[1]!.toLowerCase();
  // Needs a day, a month and a year.
  return /d/.test(p) && /m/.test(p) && /y/.test(p) ? p : null;
}

/** What an <input> of this type takes for a date; null for types that are not dates. */
export function inputDateFormat(type: string): string | null {
  switch (type.toLowerCase()) {
    case 'date':
      return 'yyyy-mm-dd';
    case 'month':
      return 'yyyy-mm';
    case 'datetime-local':
      return 'yyyy-mm-ddT12:00';
    default:
      return null;
  }
}

/** The ways a date picker may label a day, to recognise the day's button. */
export function dayLabels(date: CalendarDate): string[] {
  const weekday = DAY_NAMES[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()]!;
  const month = MONTH_NAMES[date.m - 1]!;
  return [
    formatDate(date, 'yyyy-mm-dd'),
    `${month} ${date.d}, ${date.y}`,
    `${date.d} ${month} ${date.y}`,
    `${weekday}, ${month} ${date.d}, ${date.y}`,
    `${weekday} ${date.d} ${month} ${date.y}`,
    `${weekday}, ${date.d} ${month} ${date.y}`,
    formatDate(date, 'mm/dd/yyyy'),
  ];
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.y === b.y && a.m === b.m && a.d === b.d;
}

/** The text names the day `date` in one of the usual ways ("29 December 2026", "Dec 29", "2026-12-29"). */
export function mentionsDate(text: string, date: CalendarDate): boolean {
  const t = ` ${text.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ')} `;
  const month = MONTH_NAMES[date.m - 1]!.toLowerCase();
  const short = month.slice(0, 3);
  const forms = [formatDate(date, 'yyyy-mm-dd'), `${date.d} ${month}`, `${month} ${date.d} `, `${date.d} ${short} `, `${short} ${date.d} `, formatDate(date, 'mm/dd/yyyy'), formatDate(date, 'dd/mm/yyyy')];
  return forms.some((f) => t.includes(f.startsWith(String(date.d)) ? ` ${f}` : f));
}
