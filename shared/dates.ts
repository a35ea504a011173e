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

/** A day as a task may say it, its year left out when the task leaves it out ("Monday 28 June"). */
export interface DayOfYear {
  y?: number;
  m: number;
  d: number;
}

/** A date in any of the ways tasks and pages write one; null when the text is not one (or has no year). */
export function parseDate(text: string, order: 'mdy' | 'dmy' = 'mdy'): CalendarDate | null {
  const day = parseDay(text, order);
  return day && day.y !== undefined ? { y: day.y, m: day.m, d: day.d } : null;
}

/** A day in any of the ways tasks write one, with or without its year; null when the text is not one. */
export function parseDay(text: string, order: 'mdy' | 'dmy' = 'mdy'): DayOfYear | null {
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
  return wordsDay(t);
}

/** "Thursday 4 March 2027", "March 4th, 2027", "4th of March", "Mar 4": the year may be missing. */
function wordsDay(t: string): DayOfYear | null {
  const words = t.split(' ').filter((w) => !DAY_NAMES.some((d) => d.toLowerCase().startsWith(w.toLowerCase().replace(/\.$/, '')) && w.length >= 3) && !['of', 'the'].includes(w.toLowerCase()));
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
  if (month === undefined || day === undefined) return null;
  // Without a year, any year in which the day exists (29 February: a leap year).
  return valid(year ?? 2000, month, day) ? { ...(year !== undefined ? { y: year } : {}), m: month, d: day } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date written in a pattern of dd/d (day), mm/m (month number), MMMM/MMM (month
 * name), yyyy/yy (year), WWWW (weekday) and any separators: "yyyy-mm-dd", "dd.mm.yyyy",
 * "MMMM d, yyyy", "WWWW d MMMM yyyy".
 */
export function formatDate(date: CalendarDate, pattern: string): string {
  const tokens: Record<string, () => string> = {
    WWWW: () => DAY_NAMES[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()]!,
    yyyy: () => String(date.y),
    yy: () => pad(date.y % 100),
    MMMM: () => MONTH_NAMES[date.m - 1]!,
    MMM: () => MONTH_NAMES[date.m - 1]!.slice(0, 3),
    mm: () => pad(date.m),
    m: () => String(date.m),
    dd: () => pad(date.d),
    d: () => String(date.d),
  };
  return pattern.replace(/WWWW|yyyy|yy|MMMM|MMM|mm|m|dd|d/g, (token) => tokens[token]!());
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

/** The text names the day `date` in one of the usual ways ("29 December 2026", "Dec 29", "2026-12-29"); a day without a year, in any year. */
export function mentionsDate(text: string, date: DayOfYear): boolean {
  const t = ` ${text.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ')} `;
  const month = MONTH_NAMES[date.m - 1]!.toLowerCase();
  const short = month.slice(0, 3);
  const forms = [`${date.d} ${month}`, `${month} ${date.d} `, `${date.d} ${short} `, `${short} ${date.d} `];
  if (date.y !== undefined) forms.push(formatDate(date as CalendarDate, 'yyyy-mm-dd'), formatDate(date as CalendarDate, 'mm/dd/yyyy'), formatDate(date as CalendarDate, 'dd/mm/yyyy'));
  return forms.some((f) => t.includes(f.startsWith(String(date.d)) ? ` ${f}` : f));
}

const MONTH_WORD = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const ORDINAL_DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
/** One end of a range: an ISO or slashed date, "26 Jun 2027", "Jun 26, 2027", or a bare day ("10–15 Jun"). */
const RANGE_END = String.raw`(\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|${MONTH_WORD}\s+${ORDINAL_DAY}(?:,?\s+\d{4})?|${ORDINAL_DAY}(?:\s+(?:of\s+)?${MONTH_WORD})?(?:,?\s+\d{4})?)`;
const RANGE = new RegExp(String.raw`(?<![\w/.-])${RANGE_END}\s*(?:–|—|-|→|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*${RANGE_END}(?![\w/-])`, 'gi');

/** One end of a range as written: a day, maybe a month and a year ("26", "29, 2027", "26 Jun"). */
function rangeEnd(text: string): { y?: number; m?: number; d: number } | null {
  const full = parseDay(text, 'dmy');
  if (full) return full;
  const bare = /^(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i.exec(text.trim());
  return bare ? { d: Number(bare[1]), ...(bare[2] ? { y: Number(bare[2]) } : {}) } : null;
}

/**
 * The ranges of days a text states ("26 Jun – 29 Jun 2027", "10–15 June", "Jun 26 – 29,
 * 2027", "2027-06-26 to 2027-06-29"): an end takes the other's month and year when it
 * leaves them out.
 */
export function rangesIn(text: string): { from: DayOfYear; to: DayOfYear }[] {
  const found: { from: DayOfYear; to: DayOfYear }[] = [];
  for (const m of text.matchAll(RANGE)) {
    const a = rangeEnd(m[1]!);
    const b = rangeEnd(m[2]!);
    const month = b?.m ?? a?.m;
    if (!a || !b || month === undefined) continue;
    const to: DayOfYear = { ...(b.y !== undefined ? { y: b.y } : {}), m: month, d: b.d };
    const from: DayOfYear = { m: a.m ?? month, d: a.d };
    // "28 Dec – 3 Jan 2027": the start is in the year before.
    const y = a.y ?? (to.y === undefined ? undefined : dayNumber(from) > dayNumber(to) ? to.y - 1 : to.y);
    if (y !== undefined) from.y = y;
    found.push({ from, to });
  }
  return found;
}

const dayNumber = (d: DayOfYear) => d.m * 32 + d.d;

/** The text names the day, or states a range of days that takes it in ("the request that covers 28 June"). */
export function coversDay(text: string, day: DayOfYear): boolean {
  if (mentionsDate(text, day)) return true;
  return rangesIn(text).some(({ from, to }) => {
    if (day.y !== undefined && from.y !== undefined && to.y !== undefined) {
      const at = (d: DayOfYear) => d.y! * 1000 + dayNumber(d);
      return at(from) <= at(day) && at(day) <= at(to);
    }
    // Without years, by month and day; a range across the new year wraps.
    const [a, b, x] = [dayNumber(from), dayNumber(to), dayNumber(day)];
    return a <= b ? a <= x && x <= b : x >= a || x <= b;
  });
}
