// What the clinic's pages share: state (appointments, consent), services and opening
// times, date wording, header and footer.
import data from './clinic.json' with { type: 'json' };
import { createStore } from '../common/store.js';
import { cookieBanner } from '../common/ui.js';

export { data };
export const store = createStore('practice.calendar', () => ({ appointments: [], consent: null }));

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const utcDate = (iso) => new Date(`${iso}T00:00:00Z`);
export const isoOf = (d) => d.toISOString().slice(0, 10);
export const longDate = (iso) => {
  const d = utcDate(iso);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
export const serviceById = (id) => data.services.find((s) => s.id === id);

/** Times still free on a date: weekdays only, minus the regular busy slots and booked ones. */
export function freeTimes(iso) {
  const day = utcDate(iso).getUTCDay();
  if (day === 0 || day === 6 || iso <= data.today) return [];
  const busy = new Set(data.busyByWeekday[String(day)] ?? []);
  for (const a of store.get().appointments) if (a.date === iso && a.status === 'booked') busy.add(a.time);
  return data.times.filter((t) => !busy.has(t));
}

export function renderLayout() {
  const header = document.getElementById('site-header');
  header.className = 'site-header';
  header.innerHTML = `
    <div class="wrap">
      <a class="brand" href="index.html">Riverside Physio</a>
      <nav aria-label="Main"><a href="index.html">Book online</a><a href="appointments.html">My appointments</a><a href="#">Treatments</a><a href="#">Find us</a></nav>
      <span class="spacer"></span>
      <a class="button secondary" href="#" id="gift-voucher">Gift vouchers</a>
      <span class="muted small">Call 0117 496 0000</span>
    </div>`;
  document.getElementById('site-footer').className = 'site-footer';
  document.getElementById('site-footer').innerHTML = '<div class="wrap"><p class="small muted">Riverside Physio, 4 Quay Street. Open Monday to Friday, 9:00–17:00. Cancel free of charge up to 24 hours before.</p></div>';
}

export function renderChrome() {
  cookieBanner(store, 'Riverside Physio');
}
