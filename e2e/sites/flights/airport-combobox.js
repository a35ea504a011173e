// An airport autocomplete (ARIA combobox with a listbox): typing lists matching
// airports; picking one fills "City (CODE)". Typing a city with a single airport is
// accepted as that airport, as most booking sites do; a city with several needs a pick.
import { esc } from '../common/store.js';
import { airportLabel, data } from './flights.js';

export function airportCombobox(input) {
  const listbox = document.createElement('ul');
  listbox.id = `${input.id}-options`;
  listbox.setAttribute('role', 'listbox');
  listbox.setAttribute('aria-label', `${input.labels?.[0]?.textContent ?? ''} suggestions`);
  listbox.hidden = true;
  input.after(listbox);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.autocomplete = 'off';
  let matches = [];
  let active = -1;

  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const pick = (airport) => {
    input.value = airportLabel(airport);
    input.dataset.code = airport.code;
    close();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const show = () => {
    const q = input.value.trim().toLowerCase();
    delete input.dataset.code;
    matches = q ? data.airports.filter((a) => [a.city, a.code, a.name, a.country].some((t) => t.toLowerCase().startsWith(q))).slice(0, 6) : [];
    if (matches.length === 0) return close();
    listbox.innerHTML = matches.map((a, i) => `<li role="option" id="${listbox.id}-${i}" aria-selected="false">${esc(airportLabel(a))} — ${esc(a.name)}, ${esc(a.country)}</li>`).join('');
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };
  const highlight = (i) => {
    active = (i + matches.length) % matches.length;
    listbox.querySelectorAll('[role="option"]').forEach((o, k) => o.setAttribute('aria-selected', String(k === active)));
    input.setAttribute('aria-activedescendant', `${listbox.id}-${active}`);
  };

  input.addEventListener('input', show);
  input.addEventListener('keydown', (event) => {
    if (listbox.hidden) return;
    if (event.key === 'ArrowDown') highlight(active + 1);
    else if (event.key === 'ArrowUp') highlight(active - 1);
    else if (event.key === 'Enter' && active >= 0) pick(matches[active]);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  });
  // mousedown, not click: the input's blur would close the list before a click lands.
  listbox.addEventListener('mousedown', (event) => {
    const option = event.target.closest('[role="option"]');
    if (!option) return;
    event.preventDefault();
    pick(matches[Number(option.id.split('-').pop())]);
  });
  listbox.addEventListener('click', (event) => event.preventDefault());
  input.addEventListener('blur', () => setTimeout(close, 150));
}

/** The airport a combobox stands for: the one picked, or the only one its text names. */
export function airportOf(input) {
  if (input.dataset.code) return data.airports.find((a) => a.code === input.dataset.code) ?? null;
  const text = input.value.trim().toLowerCase();
  if (!text) return null;
  const named = data.airports.filter((a) => a.code.toLowerCase() === text || a.city.toLowerCase() === text || airportLabel(a).toLowerCase() === text);
  return named.length === 1 ? named[0] : null;
}
