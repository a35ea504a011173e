// SkyLark Air: booking a one-way flight, and checking in for a booking.
import { addDays } from '../dates';
import { withArticle } from '../english';
import { checkState, resetState } from '../page-js';
import { fullName, PEOPLE } from '../people';
import { flights } from '../site-data';
import type { Rng } from '../rng';
import type { Template } from '../template';

const KEY = 'practice.flights';
// Cities with one airport, so the city alone names the airport.
const single = flights.airports.filter((a) => flights.airports.filter((b) => b.city === a.city).length === 1);
const FARES = ['Basic', 'Standard', 'Flex'];

export const bookFlight: Template = {
  id: 'flights.book',
  app: 'flights',
  url: '/flights/index.html',
  maxSteps: 25,
  note: 'Trip type, two airport autocompletes labelled only "From" and "To", a date field, then a fare button among fifteen and a passenger form with first and last name apart.',
  make(rng) {
    const [from, to] = rng.sample(single, 2) as [(typeof single)[number], (typeof single)[number]];
    const date = addDays(flights.today, rng.int(10, 120));
    const departure = rng.pick(flights.timetable);
    const fare = rng.pick(FARES);
    const person = rng.pick(PEOPLE);
    const want = { from: from.code, to: to.code, date, time: departure.time, fare, first: person.first, last: person.last, email: person.email };
    return {
      instruction: `Book a one-way flight from ${from.city} to ${to.city} on ${date}, leaving at ${departure.time}, with ${withArticle(fare)} fare, for ${fullName(person)} (${person.email})`,
      setup_js: resetState(KEY),
      success_js: checkState(
        KEY,
        want,
        `const b = s.bookings || [];
        if (b.length !== 1) return false;
        const x = b[0];
        return x.from === want.from && x.to === want.to && x.date === want.date && x.time === want.time && x.fare === want.fare && x.trip === 'oneway'
          && x.passengers.length === 1 && x.passengers[0].first === want.first && x.passengers[0].last === want.last && x.email === want.email;`,
      ),
      values: { from, to, date, time: departure.time, fare, person },
    };
  },
};

const REF_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const REF_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A booking reference like "K7Q2LM" (airlines' start with a letter). */
const newReference = (rng: Rng) => rng.pick([...REF_LETTERS]) + Array.from({ length: 5 }, () => rng.pick([...REF_CHARS])).join('');

export const checkIn: Template = {
  id: 'flights.check-in',
  app: 'flights',
  url: '/flights/manage.html',
  maxSteps: 15,
  note: 'The same two fields sit on the "Manage booking" tab that opens first and on the "Check in" tab; then a seat preference and a confirm button.',
  make(rng) {
    const reference = newReference(rng);
    const other = newReference(rng);
    const [person, someoneElse] = rng.sample(PEOPLE, 2) as [(typeof PEOPLE)[number], (typeof PEOPLE)[number]];
    const seat = rng.pick(['Window', 'Aisle']);
    const [from, to] = rng.sample(single, 2) as [(typeof single)[number], (typeof single)[number]];
    const booking = (ref: string, p: typeof person) => ({
      reference: ref,
      from: from.code,
      to: to.code,
      date: addDays(flights.today, 1),
      time: rng.pick(flights.timetable).time,
      fare: 'Standard',
      trip: 'oneway',
      returnDate: null,
      passengers: [{ first: p.first, last: p.last }],
      email: p.email,
      extras: { insurance: false, priority: false },
      price: 99,
    });
    const state = { bookings: [booking(other, someoneElse), booking(reference, person)], checkins: [], alerts: [] };
    return {
      instruction: `Check in for my flight (reference ${reference}, surname ${person.last}) and get ${withArticle(seat)} seat`,
      setup_js: resetState(KEY, state),
      success_js: checkState(
        KEY,
        { reference, seat },
        `const c = s.checkins || [];
        const booking = (s.bookings || []).find((b) => b.reference === want.reference);
        return c.length === 1 && c[0].reference === want.reference && c[0].seat === want.seat && !!booking && !booking.cancelled;`,
      ),
      values: { reference, surname: person.last, seat },
    };
  },
};
