// Calendar dates as the apps and tasks write them, in UTC so no time zone shifts a day.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (isoDate: string, days: number) => iso(new Date(utc(isoDate).getTime() + days * 86_400_000));
/** "3 December 2026". */
export const dayMonthYear = (isoDate: string) => {
  const d = utc(isoDate);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (isoDate: string) => utc(isoDate).getUTCDay();
