// Riverside Physio: booking a treatment at a date and time, cancelling one appointment.
import { addDays, dayMonthYear, weekday } from '../dates';
import { withArticle } from '../english';
import { checkState, resetState } from '../page-js';
import { fullName, PEOPLE } from '../people';
import { clinic } from '../site-data';
import type { Rng } from '../rng';
import type { Template } from '../template';

const KEY = 'practice.calendar';

/** A weekday 3 to 75 days ahead and a time the clinic has free then. */
function freeSlot(rng: Rng): { date: string; time: string } {
  for (;;) {
    const date = addDays(clinic.today, rng.int(3, 75));
    const day = weekday(date);
    if (day === 0 || day === 6) continue;
    const busy = new Set(clinic.busyByWeekday[String(day)] ?? []);
    return { date, time: rng.pick(clinic.times.filter((t) => !busy.has(t))) };
  }
}

export const bookAppointment: Template = {
  id: 'calendar.book',
  app: 'calendar',
  url: '/calendar/index.html',
  maxSteps: 20,
  note: 'A three-step wizard: a treatment radio card, a day on a month calendar (often a month or two ahead) and a time button, then the patient form.',
  make(rng) {
    const service = rng.pick(clinic.services);
    const { date, time } = freeSlot(rng);
    const person = rng.pick(PEOPLE);
    const want = { service: service.id, date, time, name: fullName(person), email: person.email };
    return {
      instruction: `Book ${withArticle(`"${service.name}"`)} appointment on ${dayMonthYear(date)} at ${time} for ${fullName(person)} (${person.email})`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        want,
        `const a = (s.appointments || []).filter((x) => x.status === 'booked');
        return a.length === 1 && a[0].service === want.service && a[0].date === want.date && a[0].time === want.time && a[0].name === want.name && a[0].email === want.email;`,
      ),
      values: { service: service.name, serviceId: service.id, date, time, person },
    };
  },
};

export const cancelAppointment: Template = {
  id: 'calendar.cancel',
  app: 'calendar',
  url: '/calendar/appointments.html',
  maxSteps: 10,
  note: 'Three upcoming appointments, each with its own Cancel button; the right one is named by treatment and date, then a confirm dialog.',
  make(rng) {
    const person = rng.pick(PEOPLE);
    const [service, otherService] = rng.sample(clinic.services, 2) as [(typeof clinic.services)[number], (typeof clinic.services)[number]];
    const slot = freeSlot(rng);
    let otherDay = freeSlot(rng);
    while (otherDay.date === slot.date) otherDay = freeSlot(rng);
    const busy = new Set(clinic.busyByWeekday[String(weekday(slot.date))] ?? []);
    const sameDayTime = rng.pick(clinic.times.filter((t) => t !== slot.time && !busy.has(t)));
    const appointment = (id: string, serviceId: string, date: string, time: string) => ({
      id,
      service: serviceId,
      practitioner: rng.pick(clinic.practitioners),
      date,
      time,
      name: fullName(person),
      email: person.email,
      phone: '',
      notes: '',
      sms: false,
      status: 'booked',
    });
    // One decoy shares the treatment, one the date: only both together name the right one.
    const targetAppointment = appointment(`A${rng.int(10000, 99999)}`, service.id, slot.date, slot.time);
    const appointments = [targetAppointment, appointment(`A${rng.int(10000, 99999)}`, service.id, otherDay.date, otherDay.time), appointment(`A${rng.int(10000, 99999)}`, otherService.id, slot.date, sameDayTime)].sort((a, b) =>
      `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`),
    );
    return {
      instruction: `Cancel my "${service.name}" appointment on ${dayMonthYear(targetAppointment.date)}`,
      setup_js: resetState(KEY, { appointments }),
      success_js: checkState(
        KEY,
        { id: targetAppointment.id, others: appointments.filter((a) => a !== targetAppointment).map((a) => a.id) },
        `const a = s.appointments || [];
        const status = (id) => (a.find((x) => x.id === id) || {}).status;
        return status(want.id) === 'cancelled' && want.others.every((id) => status(id) === 'booked');`,
      ),
      values: { service: service.name, date: targetAppointment.date, id: targetAppointment.id },
    };
  },
};
