// The flight search: trip type, airport autocompletes, date pickers, passengers.
// Valid searches go to the results page; each problem gets its own message.
import { renderAndFollowResets } from '../common/store.js';
import { fieldError, toast } from '../common/ui.js';
import { airportCombobox, airportOf } from './airport-combobox.js';
import { datePicker } from './date-picker.js';
import { data, isoDate, parseIsoDate, renderChrome, renderLayout } from './flights.js';

renderLayout();
const today = parseIsoDate(data.today);
const form = document.getElementById('search-form');
const $ = (id) => document.getElementById(id);
airportCombobox($('from'));
airportCombobox($('to'));
datePicker($('depart'), { today, label: 'departure date' });
datePicker($('return'), { today, label: 'return date' });

const syncTrip = () => ($('return-field').hidden = form.elements.trip.value === 'oneway');
form.querySelectorAll('input[name="trip"]').forEach((r) => r.addEventListener('change', syncTrip));

document.querySelectorAll('[role="tab"]').forEach((tab) =>
  tab.addEventListener('click', () => {
    document.querySelectorAll('[role="tab"]').forEach((t) => t.setAttribute('aria-selected', String(t === tab)));
    form.hidden = tab.id !== 'tab-flights';
    $('other-tab').hidden = tab.id === 'tab-flights';
  }),
);
$('deals').addEventListener('click', () => toast('Flash sale fares are shown in the results when you search.'));

function checkDate(input, { after } = {}) {
  const date = parseIsoDate(input.value);
  const latest = new Date(today.getTime() + 364 * 86_400_000);
  if (!input.value.trim()) return 'Choose a date';
  if (!date) return 'Enter the date as YYYY-MM-DD, or pick it from the calendar';
  if (date < today) return 'This date is in the past';
  if (date > latest) return 'We only sell flights up to a year ahead';
  if (after && date < after) return 'The return date must be after the departure date';
  return '';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const from = airportOf($('from'));
  const to = airportOf($('to'));
  const oneWay = form.elements.trip.value === 'oneway';
  const problems = [
    [$('from'), from ? '' : $('from').value.trim() ? 'Choose an airport from the list' : 'Where are you flying from?'],
    [$('to'), to ? (from && to.code === from.code ? 'Choose a different destination' : '') : $('to').value.trim() ? 'Choose an airport from the list' : 'Where are you flying to?'],
    [$('depart'), checkDate($('depart'))],
    ...(oneWay ? [] : [[$('return'), checkDate($('return'), { after: parseIsoDate($('depart').value) })]]),
  ];
  for (const [input, message] of problems) fieldError(input, message);
  const bad = problems.filter(([, m]) => m);
  $('search-error').hidden = bad.length === 0;
  $('search-error').textContent = bad.length ? `Please correct ${bad.length === 1 ? 'the highlighted field' : `the ${bad.length} highlighted fields`}.` : '';
  if (bad.length) return;
  const params = new URLSearchParams({ from: from.code, to: to.code, date: isoDate(parseIsoDate($('depart').value)), pax: $('passengers').value });
  if (!oneWay) params.set('return', $('return').value.trim());
  location.href = `results.html?${params}`;
});

renderAndFollowResets(() => {
  form.reset();
  syncTrip();
  renderChrome();
});
