// Check-in for a found booking: a seat preference, an upsell, then boarding passes.
import { esc, renderAndFollowResets } from '../common/store.js';
import { toast } from '../common/ui.js';
import { airportByCode, longDate, parseIsoDate, renderChrome, renderLayout, store } from './flights.js';

renderLayout();
const reference = new URLSearchParams(location.search).get('ref');
const main = document.getElementById('checkin');
const SEATS = { Window: 'A', Aisle: 'C', 'No preference': 'B' };

function render() {
  renderChrome();
  const b = store.get().bookings.find((x) => x.reference === reference);
  if (!b) {
    main.innerHTML = '<h1>Booking not found</h1><p><a href="manage.html#check-in">Try again</a></p>';
    return;
  }
  const done = store.get().checkins.find((c) => c.reference === reference);
  if (done) {
    main.innerHTML = `<h1>Check-in complete</h1><p class="notice">Boarding pass for ${b.passengers.map((p) => esc(`${p.first} ${p.last}`)).join(', ')}: seat ${esc(done.seatNumber)}. We have emailed it to ${esc(b.email)}.</p>`;
    return;
  }
  main.innerHTML = `
    <h1>Online check-in</h1>
    <p class="card">Booking ${esc(b.reference)} · ${esc(airportByCode(b.from).city)} → ${esc(airportByCode(b.to).city)}, ${esc(longDate(parseIsoDate(b.date)))} at ${esc(b.time)}</p>
    <form id="checkin-form" class="card" novalidate>
      <p>Passengers: ${b.passengers.map((p) => esc(`${p.first} ${p.last}`)).join(', ')}</p>
      <div class="field"><label for="seat">Seat preference</label>
        <select id="seat">${Object.keys(SEATS).map((s) => `<option${s === 'No preference' ? ' selected' : ''}>${s}</option>`).join('')}</select></div>
      <div class="card" style="background:#fff8e6">
        <strong>Extra legroom from £15</strong> <button type="button" class="secondary" id="upgrade">Upgrade my seat</button>
      </div>
      <div class="actions"><button type="submit">Confirm check-in</button></div>
    </form>`;
  main.querySelector('#upgrade').addEventListener('click', () => toast('Extra legroom seats are sold out on this flight.'));
  main.querySelector('#checkin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const seat = main.querySelector('#seat').value;
    store.update((s) => {
      s.checkins.push({ reference, seat, seatNumber: `14${SEATS[seat]}`, at: Date.now() });
      return s;
    });
    render();
  });
}

renderAndFollowResets(render);
