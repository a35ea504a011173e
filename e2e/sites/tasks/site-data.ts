// The apps' own data files, read by the generator so tasks only name things the
// apps really have (products, airports, messages, articles, treatments).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SITES = resolve(import.meta.dirname, '..');
const read = <T>(path: string): T => JSON.parse(readFileSync(resolve(SITES, path), 'utf8')) as T;

export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
  sizes: string[];
}
export const shop = read<{ stores: string[]; products: Product[] }>('shop/catalog.json');

export interface Airport {
  code: string;
  city: string;
  name: string;
}
export interface Departure {
  time: string;
  number: number;
  fares: Record<string, number>;
}
export const flights = read<{ today: string; airports: Airport[]; timetable: Departure[] }>('flights/data.json');

export interface MailMessage {
  id: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  folder: string;
}
export const mail = read<{ messages: MailMessage[] }>('mail/messages.json');

export interface Article {
  id: string;
  title: string;
}
export const docs = read<{ articles: Article[] }>('docs/articles.json');

export interface Service {
  id: string;
  name: string;
}
export const clinic = read<{ today: string; services: Service[]; practitioners: string[]; times: string[]; busyByWeekday: Record<string, string[]> }>('calendar/clinic.json');
