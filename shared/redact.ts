// What must never be read out of a page: passwords and payment-card data.
// Pure functions over field facts, so content scripts and tests share one rule.

export const REDACTED = '[redacted]';

export interface FieldFacts {
  tag: string;
  type?: string | null;
  autocomplete?: string | null;
  name?: string | null;
  id?: string | null;
  label?: string | null;
}

// Card number, security code and expiry, in the names sites commonly use.
// A bare "cc" is not one of them: webmail's Cc field is not card data.
const CARD_NAME = /(card.?num|card.?no\b|cc.?num|credit.?card|cardnumber|\bpan\b|cvv|ccv|cvc|csc|security.?code|card.?code|card.?exp|cc.?exp|expir)/i;

export function isSensitiveField(f: FieldFacts): boolean {
  const type = (f.type ?? '').toLowerCase();
  if (type === 'password') return true;
  const ac = (f.autocomplete ?? '').toLowerCase();
  if (/\bcc-(number|csc|exp|exp-month|exp-year)\b/.test(ac) || /\b(current|new)-password\b/.test(ac)) return true;
  return [f.name, f.id, f.label].some((s) => !!s && CARD_NAME.test(s));
}

/** A value as it may leave the page: the value itself, or the redaction marker. */
export function redactValue(f: FieldFacts, value: string): string {
  return isSensitiveField(f) && value !== '' ? REDACTED : value;
}
