// A date field the way booking sites do it: type YYYY-MM-DD, or open a month calendar
// (a button next to the field) and pick a day; days before today are disabled.
import { DAYS, isoDate, MONTHS, parseIsoDate } from './flights.js';

export function datePicker(input, { today, label }) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.setAttribute('aria-label', `Open calendar for ${label}`);
  button.setAttribute('aria-haspopup', 'dialog');
  button.textContent = '📅';
  input.after(button);
  let shown = null;
  let month = null;

  const close = () => {
    shown?.remove();
    shown = null;
    button.setAttribute('aria-expanded', 'false');
  };
  const draw = () => {
    const first = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1));
    const days = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
    const lead = (first.getUTCDay() + 6) % 7; // weeks start on Monday
    const cells = Array.from({ length: lead }, () => '<td></td>');
    for (let d = 1; d <= days; d++) {
      const date = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), d));
      const past = date < today;
      cells.push(`<td><button type="button" data-date="${isoDate(date)}" aria-label="${DAYS[date.getUTCDay()]} ${d} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}" ${past ? 'disabled' : ''}>${d}</button></td>`);
    }
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join('')}</tr>`);
    shown.innerHTML = `
      <div class="row"><button type="button" class="icon-button" data-step="-1" aria-label="Previous month">‹</button>
        <strong class="spacer" style="text-align:center" aria-live="polite">${MONTHS[month.getUTCMonth()]} ${month.getUTCFullYear()}</strong>
        <button type="button" class="icon-button" data-step="1" aria-label="Next month">›</button></div>
      <table role="grid"><thead><tr>${['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((d) => `<th scope="col">${d}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  };
  button.addEventListener('click', () => {
    if (shown) return close();
    const current = parseIsoDate(input.value) ?? today;
    month = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth(), 1));
    shown = document.createElement('div');
    shown.className = 'calendar';
    shown.setAttribute('role', 'dialog');
    shown.setAttribute('aria-label', `Choose ${label}`);
    input.closest('.date-field').append(shown);
    button.setAttribute('aria-expanded', 'true');
    draw();
    shown.addEventListener('click', (event) => {
      const step = event.target.closest('[data-step]');
      const day = event.target.closest('[data-date]');
      if (step) {
        month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + Number(step.dataset.step), 1));
        draw();
      } else if (day && !day.disabled) {
        input.value = day.dataset.date;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        close();
      }
    });
  });
}
