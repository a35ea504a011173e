// People tasks are done for or by: a name a user would write, and an email.

export interface Person {
  first: string;
  last: string;
  email: string;
}

export const PEOPLE: readonly Person[] = [
  { first: 'Ada', last: 'Lovelace', email: 'ada@example.com' },
  { first: 'Grace', last: 'Hopper', email: 'grace.hopper@example.org' },
  { first: 'Alan', last: 'Turing', email: 'alan.t@example.net' },
  { first: 'Katherine', last: 'Johnson', email: 'kjohnson@example.com' },
  { first: 'Margaret', last: 'Hamilton', email: 'margaret@example.org' },
  { first: 'Barbara', last: 'Liskov', email: 'b.liskov@example.com' },
  { first: 'Edsger', last: 'Dijkstra', email: 'edsger@example.nl' },
  { first: 'Frances', last: 'Allen', email: 'fran.allen@example.com' },
  { first: 'Radia', last: 'Perlman', email: 'radia@example.net' },
  { first: 'Hedy', last: 'Lamarr', email: 'hedy@example.at' },
  { first: 'Annie', last: 'Easley', email: 'annie.easley@example.com' },
  { first: 'Joan', last: 'Clarke', email: 'joan.clarke@example.co.uk' },
  { first: 'Claude', last: 'Shannon', email: 'cshannon@example.com' },
  { first: 'Dorothy', last: 'Vaughan', email: 'dorothy@example.org' },
];

export const fullName = (p: Person) => `${p.first} ${p.last}`;
