import { esc, renderAndFollowResets } from '../common/store.js';
import { airportByCode, longDate, parseIsoDate, renderChrome, renderLayout, store } from './flights.js';

renderLayout();
const reference = new URLSearchParams(location.search).get('ref');
const main = document.getElementById('confirmation');

renderAndFollowResets(() => {
  renderChrome();
  const b = store.get().bookings.find((x) => x.reference === reference);
  if (!b) {
    main.innerHTML = '<h1>Booking not found</h1><p><a href="manage.html">Find a booking</a></p>';
    return;
  }
  main.innerHTML = `
    <h1>Your booking is confirmed</h1>
    <p class="notice">Booking reference <strong>${esc(b.reference)}</strong>. We have emailed ${esc(b.email)}.</p>
    <p>${esc(airportByCode(b.from).city)} → ${esc(airportByCode(b.to).city)}, ${esc(longDate(parseIsoDate(b.date)))} at ${esc(b.time)}, ${esc(b.fare)} fare.</p>
    <p>Passengers: ${b.passengers.map((p) => esc(`${p.first} ${p.last}`)).join(', ')}</p>
    <p><a href="manage.html#check-in">Check in online</a> from 30 hours before departure.</p>`;
});
