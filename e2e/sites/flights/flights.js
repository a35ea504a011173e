// What every SkyLark page shares: state (bookings, check-ins, fare alerts, consent),
// airports and the timetable, date formatting, and the site's header and footer.
import data from './data.json' with { type: 'json' };
import { createStore } from '../common/store.js';
import { cookieBanner, EMAIL_SHAPE, toast } from '../common/ui.js';

export { data };
export const store = createStore('practice.flights', () => ({ bookings: [], checkins: [], alerts: [], consent: null }));

export const airportByCode = (code) => data.airports.find((a) => a.code === code);
export const airportLabel = (a) => `${a.city} (${a.code})`;
export const money = (n) => `£${n}`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export { MONTHS, DAYS };

/** A calendar date from YYYY-MM-DD, in UTC so no time zone moves it. */
export function parseIsoDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 ? d : null;
}
export const isoDate = (d) => d.toISOString().slice(0, 10);
export const longDate = (d) => `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
export const addMinutes = (time, minutes) => {
  const [h, m] = time.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};

export function renderLayout() {
  const header = document.getElementById('site-header');
  header.className = 'site-header';
  header.innerHTML = `
    <div class="wrap">
      <a class="brand" href="index.html">✈ SkyLark Air</a>
      <nav aria-label="Main">
        <a href="index.html">Book</a>
        <a href="manage.html">Manage booking</a>
        <a href="manage.html#check-in">Online check-in</a>
        <a href="#" class="nav-deals">Deals</a>
      </nav>
      <span class="spacer"></span>
      <a href="#">Help</a>
      <a href="#">Log in</a>
    </div>`;
  const footer = document.getElementById('site-footer');
  footer.className = 'site-footer';
  footer.innerHTML = `
    <div class="wrap">
      <div><strong>SkyLark Air</strong><br><a href="#">Baggage</a><br><a href="#">Fares explained</a><br><a href="#">Contact</a></div>
      <form class="newsletter" id="alerts-form" novalidate>
        <strong>Fare alerts</strong>
        <p class="small muted">Be first to hear about sales.</p>
        <div class="field"><label for="alert-email">Your email</label><input id="alert-email" type="email"></div>
        <button type="submit">Get alerts</button>
      </form>
    </div>`;
  footer.querySelector('#alerts-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const email = footer.querySelector('#alert-email').value.trim();
    if (!EMAIL_SHAPE.test(email)) return toast('Please enter a valid email address');
    store.update((s) => ({ ...s, alerts: [...s.alerts, email] }));
    toast(`Fare alerts will go to ${email}`);
  });
}

export function renderChrome() {
  cookieBanner(store, 'SkyLark Air');
}
