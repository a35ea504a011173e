// Who is flying: names per passenger, a contact email, optional extras, then the
// booking is made (paid at the airport in this practice airline) and confirmed.
import { esc, newReference, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError } from '../common/ui.js';
import { airportByCode, data, longDate, money, parseIsoDate, renderChrome, renderLayout, store } from './flights.js';

renderLayout();
const params = new URLSearchParams(location.search);
const from = airportByCode(params.get('from'));
const to = airportByCode(params.get('to'));
const date = parseIsoDate(params.get('date') ?? '');
const pax = Number(params.get('pax')) || 1;
const flight = data.timetable.find((f) => f.time === params.get('time'));
const fare = params.get('fare');
const main = document.getElementById('passengers');

if (!from || !to || !date || !flight || !flight.fares[fare]) {
  main.innerHTML = '<h1>This flight is no longer available</h1><p><a href="index.html">Start a new search</a></p>';
} else {
  const price = flight.fares[fare] * pax;
  main.innerHTML = `
    <p class="breadcrumbs"><a href="javascript:history.back()">Back to flights</a></p>
    <h1>Passenger details</h1>
    <p class="card">${esc(from.city)} → ${esc(to.city)}, ${esc(longDate(date))}, ${flight.time} (SL ${flight.number}) · ${esc(fare)} fare · <strong>${money(price)}</strong></p>
    <form id="pax-form" novalidate>
      ${Array.from({ length: pax }, (_, i) => `
        <fieldset class="card" style="margin-bottom:12px"><legend>Passenger ${i + 1} (adult)</legend>
          <div class="row">
            <div class="field"><label for="first-${i}">First name</label><input id="first-${i}" type="text" autocomplete="given-name"></div>
            <div class="field"><label for="last-${i}">Last name</label><input id="last-${i}" type="text" autocomplete="family-name"></div>
          </div>
        </fieldset>`).join('')}
      <div class="card" style="margin-bottom:12px">
        <div class="field"><label for="contact-email">Contact email</label><input id="contact-email" type="email" autocomplete="email"><span class="hint">Your boarding passes go here.</span></div>
        <div class="field"><label for="contact-phone">Mobile number (optional)</label><input id="contact-phone" type="tel"></div>
      </div>
      <div class="card" style="margin-bottom:12px">
        <strong>Extras</strong>
        <label class="check"><input type="checkbox" id="insurance"> Add travel insurance (£12 per person)</label>
        <label class="check"><input type="checkbox" id="priority"> Priority boarding (£8 per person)</label>
      </div>
      <p class="small muted">You pay at the check-in desk or online before you fly.</p>
      <div class="actions"><button type="submit">Confirm booking</button></div>
    </form>`;
  const form = main.querySelector('#pax-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const $ = (id) => form.querySelector(`#${id}`);
    const checks = [];
    for (let i = 0; i < pax; i++) {
      checks.push([$(`first-${i}`), $(`first-${i}`).value.trim() ? '' : 'Enter the first name as on the passport']);
      checks.push([$(`last-${i}`), $(`last-${i}`).value.trim() ? '' : 'Enter the last name as on the passport']);
    }
    checks.push([$('contact-email'), EMAIL_SHAPE.test($('contact-email').value.trim()) ? '' : 'Enter a valid email address']);
    for (const [input, message] of checks) fieldError(input, message);
    const bad = checks.find(([, m]) => m);
    if (bad) return bad[0].focus();
    const reference = newReference();
    store.update((s) => {
      s.bookings.push({
        reference,
        from: from.code,
        to: to.code,
        date: params.get('date'),
        time: flight.time,
        fare,
        trip: params.get('return') ? 'return' : 'oneway',
        returnDate: params.get('return'),
        passengers: Array.from({ length: pax }, (_, i) => ({ first: $(`first-${i}`).value.trim(), last: $(`last-${i}`).value.trim() })),
        email: $('contact-email').value.trim(),
        extras: { insurance: $('insurance').checked, priority: $('priority').checked },
        price,
      });
      return s;
    });
    location.href = `confirmation.html?ref=${reference}`;
  });
}

renderAndFollowResets(renderChrome);
