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

// One-time codes: "one-time code", "verification code", OTP, 2FA/TOTP codes.
const ONE_TIME_NAME = /(one.?time.?(code|password|pass)|verification.?code|\botp\b|\btotp\b|2fa|two.?factor|auth(entication)?.?code)/i;

/**
 * A password, payment-card or one-time-code field, or one that matches a pattern the
 * user marked sensitive (`extra`, matched against its name, id and label).
 */
export function isSensitiveField(f: FieldFacts, extra: readonly RegExp[] = []): boolean {
  const type = (f.type ?? '').toLowerCase();
  if (type === 'password') return true;
  const ac = (f.autocomplete ?? '').toLowerCase();
  if (/\bcc-(number|csc|exp|exp-month|exp-year)\b/.test(ac) || /\b(current|new)-password\b/.test(ac) || /\bone-time-code\b/.test(ac)) return true;
  return [f.name, f.id, f.label].some((s) => !!s && (CARD_NAME.test(s) || ONE_TIME_NAME.test(s) || extra.some((re) => re.test(s))));
}

/**
 * The user's own sensitive-field patterns, one per line: a word or phrase (matched
 * anywhere, any case) or /a regular expression/flags. Lines that are not valid are
 * returned as problems, not thrown.
 */
export function sensitivePatterns(lines: readonly string[]): { patterns: RegExp[]; problems: string[] } {
  const patterns: RegExp[] = [];
  const problems: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const re = /^\/(.+)\/([a-z]*)$/.exec(line);
    try {
      patterns.push(re ? new RegExp(re[1]!, re[2]!.replace(/[gy]/g, '')) : new RegExp(line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '.?'), 'i'));
    } catch (e) {
      problems.push(`"${line}" is not a valid pattern: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { patterns, problems };
}

/** A value as it may leave the page: the value itself, or the redaction marker. */
export function redactValue(f: FieldFacts, value: string): string {
  return isSensitiveField(f) && value !== '' ? REDACTED : value;
}
