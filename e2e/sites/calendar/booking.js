// The booking wizard: a treatment (and practitioner), then a day on a month calendar
// and a free time, then the patient's details; each step checks its own fields.
import { esc, newReference, renderAndFollowResets } from '../common/store.js';
import { EMAIL_SHAPE, fieldError, toast } from '../common/ui.js';
import { data, DAYS, freeTimes, isoOf, longDate, MONTHS, renderChrome, renderLayout, serviceById, store, utcDate } from './clinic.js';

renderLayout();
const wizard = document.getElementById('wizard');
let booking;
let month;

function start() {
  booking = { service: null, practitioner: 'Any practitioner', date: null, time: null };
  const today = utcDate(data.today);
  month = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  renderChrome();
  step1();
}

function markStep(n) {
  document.querySelectorAll('.steps li').forEach((li) => (li.dataset.step === String(n) ? li.setAttribute('aria-current', 'step') : li.removeAttribute('aria-current')));
}

function step1() {
  markStep(1);
  wizard.innerHTML = `
    <form id="step1" novalidate>
      <fieldset class="services"><legend class="visually-hidden">Treatment</legend>
        ${data.services.map((s) => `<label><input type="radio" name="service" value="${s.id}" ${booking.service === s.id ? 'checked' : ''}><span><strong>${esc(s.name)}</strong><br><span class="muted small">${s.minutes} min · £${s.price}</span></span></label>`).join('')}
      </fieldset>
      <div class="field" style="max-width:320px;margin-top:14px"><label for="practitioner">Practitioner</label>
        <select id="practitioner">${['Any practitioner', ...data.practitioners].map((p) => `<option${p === booking.practitioner ? ' selected' : ''}>${esc(p)}</option>`).join('')}</select></div>
      <p class="form-error" role="alert" hidden></p>
      <div class="actions"><button type="submit">Continue</button></div>
    </form>
    <aside class="card" style="margin-top:20px"><strong>New here?</strong> Read about <a href="#">what to expect at your first visit</a>, or <button type="button" class="link" id="callback">ask us to call you back</button>.</aside>`;
  wizard.querySelector('#callback').addEventListener('click', () => toast('Leave your number with reception on 0117 496 0000.'));
  wizard.querySelector('#step1').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    const error = form.querySelector('.form-error');
    booking.service = form.elements.service.value || null;
    booking.practitioner = form.querySelector('#practitioner').value;
    error.hidden = !!booking.service;
    error.textContent = booking.service ? '' : 'Choose a treatment to continue';
    if (booking.service) step2();
  });
}

function monthGrid() {
  const first = month;
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells = Array.from({ length: lead }, () => '<td></td>');
  for (let d = 1; d <= days; d++) {
    const iso = isoOf(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), d)));
    const open = freeTimes(iso).length > 0;
    cells.push(`<td><button type="button" data-date="${iso}" aria-label="${esc(longDate(iso))}" aria-pressed="${booking.date === iso}" ${open ? '' : 'disabled'}>${d}</button></td>`);
  }
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
  return `
    <div class="row month"><button type="button" class="icon-button" data-month="-1" aria-label="Previous month">‹</button>
      <h2 class="spacer" style="text-align:center;margin:0" aria-live="polite">${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}</h2>
      <button type="button" class="icon-button" data-month="1" aria-label="Next month">›</button></div>
    <table class="month" role="grid"><thead><tr>${DAYS.slice(1).concat(DAYS[0]).map((d) => `<th scope="col" abbr="${d}">${d.slice(0, 2)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function step2() {
  markStep(2);
  const service = serviceById(booking.service);
  const times = booking.date ? freeTimes(booking.date) : [];
  wizard.innerHTML = `
    <p class="card">${esc(service.name)} · ${service.minutes} min · ${esc(booking.practitioner)} <button type="button" class="link" id="change-treatment">Change</button></p>
    <div id="calendar">${monthGrid()}</div>
    <section aria-label="Available times">
      ${booking.date ? `<h2>Times on ${esc(longDate(booking.date))}</h2><div class="times">${data.times.map((t) => `<button type="button" data-time="${t}" aria-pressed="${booking.time === t}" ${times.includes(t) ? '' : 'disabled'}>${t}</button>`).join('')}</div>` : '<p class="muted">Choose a day to see the free times.</p>'}
    </section>
    <p class="form-error" role="alert" hidden></p>
    <div class="actions"><button type="button" class="secondary" id="back">Back</button><button type="button" id="continue2">Continue</button></div>`;
  wizard.querySelector('#change-treatment').addEventListener('click', step1);
  wizard.querySelector('#back').addEventListener('click', step1);
  wizard.querySelector('#calendar').addEventListener('click', (event) => {
    const move = event.target.closest('[data-month]');
    const day = event.target.closest('[data-date]');
    if (move) {
      month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + Number(move.dataset.month), 1));
      wizard.querySelector('#calendar').innerHTML = monthGrid();
    } else if (day && !day.disabled) {
      booking.date = day.dataset.date;
      booking.time = null;
      step2();
    }
  });
  wizard.querySelectorAll('[data-time]').forEach((b) =>
    b.addEventListener('click', () => {
      booking.time = b.dataset.time;
      wizard.querySelectorAll('[data-time]').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    }),
  );
  wizard.querySelector('#continue2').addEventListener('click', () => {
    const error = wizard.querySelector('.form-error');
    const problem = !booking.date ? 'Choose a day' : !booking.time ? 'Choose a time' : '';
    error.hidden = !problem;
    error.textContent = problem;
    if (!problem) step3();
  });
}

function step3() {
  markStep(3);
  const service = serviceById(booking.service);
  wizard.innerHTML = `
    <p class="card">${esc(service.name)} · ${esc(longDate(booking.date))} at ${booking.time} · ${esc(booking.practitioner)} <button type="button" class="link" id="change-time">Change</button></p>
    <form id="details" class="card" style="max-width:560px" novalidate>
      <div class="field"><label for="patient-name">Full name</label><input id="patient-name" type="text" autocomplete="name"></div>
      <div class="field"><label for="patient-email">Email</label><input id="patient-email" type="email" autocomplete="email"></div>
      <div class="field"><label for="patient-phone">Phone (optional)</label><input id="patient-phone" type="tel"></div>
      <div class="field"><label for="patient-notes">Anything we should know? (optional)</label><textarea id="patient-notes"></textarea></div>
      <label class="check"><input type="checkbox" id="sms"> Send me SMS reminders</label>
      <div class="actions"><button type="submit">Confirm booking</button></div>
    </form>`;
  wizard.querySelector('#change-time').addEventListener('click', step2);
  wizard.querySelector('#details').addEventListener('submit', (event) => {
    event.preventDefault();
    const $ = (id) => wizard.querySelector(`#${id}`);
    const checks = [
      [$('patient-name'), $('patient-name').value.trim().includes(' ') ? '' : 'Enter your first and last name'],
      [$('patient-email'), EMAIL_SHAPE.test($('patient-email').value.trim()) ? '' : 'Enter a valid email address'],
    ];
    for (const [input, message] of checks) fieldError(input, message);
    if (checks.some(([, m]) => m)) return;
    if (!freeTimes(booking.date).includes(booking.time)) return toast('Sorry, that time was just taken. Choose another.');
    const appointment = {
      id: `A${newReference(5)}`,
      service: booking.service,
      practitioner: booking.practitioner,
      date: booking.date,
      time: booking.time,
      name: $('patient-name').value.trim(),
      email: $('patient-email').value.trim(),
      phone: $('patient-phone').value.trim(),
      notes: $('patient-notes').value.trim(),
      sms: $('sms').checked,
      status: 'booked',
    };
    store.update((s) => ({ ...s, appointments: [...s.appointments, appointment] }));
    done(appointment);
  });
}

function done(a) {
  markStep(0);
  wizard.innerHTML = `
    <div class="notice" role="status"><h2 style="margin-top:0">Your appointment is booked</h2>
      <p>${esc(serviceById(a.service).name)} on ${esc(longDate(a.date))} at ${a.time} with ${esc(a.practitioner === 'Any practitioner' ? 'one of our team' : a.practitioner)}. Reference ${esc(a.id)}. We have emailed ${esc(a.email)}.</p></div>
    <p><a href="appointments.html">See my appointments</a></p>`;
}

renderAndFollowResets(start);
