// Flights for one day on one route, each with three fares; a strip of nearby days and
// a sort control. Choosing a fare goes on to the passenger details.
import { esc, renderAndFollowResets } from '../common/store.js';
import { addMinutes, airportByCode, airportLabel, data, isoDate, longDate, money, parseIsoDate, renderChrome, renderLayout } from './flights.js';

renderLayout();
const params = new URLSearchParams(location.search);
const from = airportByCode(params.get('from'));
const to = airportByCode(params.get('to'));
const date = parseIsoDate(params.get('date') ?? '');
const pax = Number(params.get('pax')) || 1;
const sort = params.get('sort') ?? 'time';
const main = document.getElementById('results');

const duration = (m) => `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;

if (!from || !to || !date) {
  main.innerHTML = '<h1>Search not found</h1><p><a href="index.html">Start a new search</a></p>';
} else {
  const flights = [...data.timetable];
  if (sort === 'price') flights.sort((a, b) => a.fares.Basic - b.fares.Basic);
  const withParams = (changes) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `results.html?${next}`;
  };
  const strip = [-2, -1, 0, 1, 2].map((offset) => {
    const d = new Date(date.getTime() + offset * 86_400_000);
    const label = `${longDate(d).split(' ').slice(0, 3).join(' ')}`;
    return offset === 0 ? `<a aria-current="date" href="${withParams({ date: isoDate(d) })}">${label}</a>` : `<a href="${withParams({ date: isoDate(d) })}">${label}</a>`;
  });
  main.innerHTML = `
    <p class="breadcrumbs"><a href="index.html">Change search</a></p>
    <h1>${esc(from.city)} to ${esc(to.city)}</h1>
    <p>${esc(longDate(date))} · ${pax} adult${pax > 1 ? 's' : ''} · ${esc(airportLabel(from))} → ${esc(airportLabel(to))}</p>
    <nav class="date-strip" aria-label="Other days">${strip.join('')}</nav>
    <div class="row"><span class="muted">${flights.length} direct flights</span><span class="spacer"></span>
      <label for="sort">Sort by</label><select id="sort" style="width:auto"><option value="time">Departure time</option><option value="price">Lowest price</option></select></div>
    <div class="row small muted" style="margin:12px 0"><span style="flex:1.4">Flight</span>${Object.keys(data.fareNotes).map((f) => `<span style="flex:1;text-align:center">${f}</span>`).join('')}</div>
    ${flights
      .map((f) => {
        const arrive = addMinutes(f.time, f.minutes);
        const fares = Object.entries(f.fares)
          .map(([fare, price]) => `<div class="fare"><button type="button" data-time="${f.time}" data-fare="${fare}" aria-label="${fare} fare, ${money(price * pax)}, ${f.time} departure">${fare}<br><strong>${money(price * pax)}</strong></button></div>`)
          .join('');
        return `<article class="card flight"><div><strong>${f.time} → ${arrive}</strong><br><span class="muted small">SL ${f.number} · ${duration(f.minutes)} · Direct</span></div>${fares}</article>`;
      })
      .join('')}
    <h2>What each fare includes</h2>
    <ul>${Object.entries(data.fareNotes).map(([f, note]) => `<li><strong>${f}:</strong> ${esc(note)}</li>`).join('')}</ul>`;
  main.querySelector('#sort').value = sort;
  main.querySelector('#sort').addEventListener('change', (e) => (location.href = withParams({ sort: e.target.value })));
  main.querySelectorAll('button[data-fare]').forEach((button) =>
    button.addEventListener('click', () => {
      location.href = `passengers.html?${new URLSearchParams({ ...Object.fromEntries(params), time: button.dataset.time, fare: button.dataset.fare })}`;
    }),
  );
}

renderAndFollowResets(renderChrome);
