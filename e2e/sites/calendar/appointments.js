// Upcoming appointments, each with Reschedule and Cancel; cancelling asks first.
import { esc, renderAndFollowResets } from '../common/store.js';
import { openModal, toast } from '../common/ui.js';
import { longDate, renderChrome, renderLayout, serviceById, store } from './clinic.js';

renderLayout();
const $ = (id) => document.getElementById(id);
const title = (a) => `${serviceById(a.service)?.name ?? a.service} on ${longDate(a.date)} at ${a.time}`;

function render() {
  renderChrome();
  const all = [...store.get().appointments].sort((x, y) => `${x.date}${x.time}`.localeCompare(`${y.date}${y.time}`));
  const upcoming = all.filter((a) => a.status === 'booked');
  const cancelled = all.filter((a) => a.status === 'cancelled');
  $('upcoming').innerHTML = upcoming.length
    ? upcoming
        .map((a) => `<div class="card appointment"><div style="flex:1"><strong>${esc(longDate(a.date))}, ${a.time}</strong><br>${esc(serviceById(a.service)?.name ?? a.service)} with ${esc(a.practitioner)}</div>
          <button type="button" class="secondary" data-reschedule="${a.id}">Reschedule</button>
          <button type="button" class="secondary" data-cancel="${a.id}">Cancel</button></div>`)
        .join('')
    : '<p class="muted">You have no upcoming appointments.</p>';
  $('cancelled').innerHTML = cancelled.length ? `<ul>${cancelled.map((a) => `<li>${esc(title(a))}</li>`).join('')}</ul>` : '<p class="muted">None.</p>';
  document.querySelectorAll('[data-reschedule]').forEach((b) => b.addEventListener('click', () => toast('To reschedule, cancel this appointment and book a new time.')));
  document.querySelectorAll('[data-cancel]').forEach((b) => b.addEventListener('click', () => confirmCancel(upcoming.find((a) => a.id === b.dataset.cancel))));
}

function confirmCancel(a) {
  const { dialog, close } = openModal('Cancel this appointment?', `<p>${esc(title(a))} with ${esc(a.practitioner)}.</p>
    <div class="actions"><button type="button" class="danger" id="confirm-cancel">Cancel appointment</button><button type="button" class="secondary" id="keep">Keep appointment</button></div>`);
  dialog.querySelector('#keep').addEventListener('click', close);
  dialog.querySelector('#confirm-cancel').addEventListener('click', () => {
    store.update((s) => ({ ...s, appointments: s.appointments.map((x) => (x.id === a.id ? { ...x, status: 'cancelled' } : x)) }));
    close();
    render();
    $('flash').hidden = false;
    $('flash').textContent = `Your ${title(a)} is cancelled.`;
  });
}

renderAndFollowResets(() => {
  $('flash').hidden = true;
  render();
});
