// Finding a booking by reference and surname: to manage it, to check in, or a
// flight's status; three tabs, the URL's hash picks one (#check-in).
import { esc, renderAndFollowResets } from '../common/store.js';
import { fieldError, toast } from '../common/ui.js';
import { airportByCode, longDate, parseIsoDate, renderChrome, renderLayout, store } from './flights.js';

renderLayout();
const $ = (id) => document.getElementById(id);
const tabs = [...document.querySelectorAll('[role="tab"]')];

function selectTab(tab) {
  for (const t of tabs) {
    t.setAttribute('aria-selected', String(t === tab));
    $(t.getAttribute('aria-controls')).hidden = t !== tab;
  }
}
tabs.forEach((t) => t.addEventListener('click', () => selectTab(t)));
const fromHash = () => selectTab(tabs.find((t) => `#${t.id.replace('tab-', '')}` === location.hash) ?? tabs[0]);
window.addEventListener('hashchange', fromHash);

/** The booking with this reference whose passengers include this surname (case-insensitive). */
function findBooking(refInput, surnameInput) {
  const ref = refInput.value.trim().toUpperCase();
  const surname = surnameInput.value.trim().toLowerCase();
  fieldError(refInput, /^[A-Z0-9]{6}$/.test(ref) ? '' : 'A booking reference has 6 letters and numbers');
  fieldError(surnameInput, surname ? '' : 'Enter the surname of a passenger');
  if (!/^[A-Z0-9]{6}$/.test(ref) || !surname) return undefined;
  const booking = store.get().bookings.find((b) => b.reference === ref && b.passengers.some((p) => p.last.toLowerCase() === surname));
  if (!booking) fieldError(surnameInput, 'We could not find a booking with this reference and surname');
  return booking ?? null;
}

$('manage-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const b = findBooking($('manage-ref'), $('manage-surname'));
  if (!b) return ($('manage-result').innerHTML = '');
  $('manage-result').innerHTML = `
    <div class="card">
      <h2>Booking ${esc(b.reference)}</h2>
      <p>${esc(airportByCode(b.from).city)} → ${esc(airportByCode(b.to).city)}, ${esc(longDate(parseIsoDate(b.date)))} at ${esc(b.time)} · ${esc(b.fare)} fare</p>
      <p>Passengers: ${b.passengers.map((p) => esc(`${p.first} ${p.last}`)).join(', ')}</p>
      <div class="actions"><button type="button" class="secondary" id="add-bag">Add a bag</button><button type="button" class="secondary" id="change-flight">Change flight</button><button type="button" class="danger" id="cancel-booking">Cancel booking</button></div>
    </div>`;
  $('add-bag').addEventListener('click', () => toast('Bags can be added from 14 days before departure.'));
  $('change-flight').addEventListener('click', () => toast(`The ${b.fare} fare cannot be changed online.`));
  $('cancel-booking').addEventListener('click', () => {
    store.update((s) => {
      s.bookings.find((x) => x.reference === b.reference).cancelled = true;
      return s;
    });
    $('manage-result').innerHTML = `<p class="notice">Booking ${esc(b.reference)} is cancelled.</p>`;
  });
});

$('checkin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const b = findBooking($('checkin-ref'), $('checkin-surname'));
  if (!b) return;
  if (b.cancelled) return fieldError($('checkin-ref'), 'This booking is cancelled');
  location.href = `checkin.html?ref=${b.reference}`;
});

$('status-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('status-result').textContent = $('status-number').value.trim() ? 'On time.' : 'Enter a flight number.';
});

renderAndFollowResets(() => {
  for (const form of document.querySelectorAll('form')) form.reset();
  $('manage-result').innerHTML = '';
  fromHash();
  renderChrome();
});
