import { describe, expect, it } from 'vitest';
import { type FieldFacts, REDACTED, isSensitiveField, redactValue, sensitivePatterns } from './redact';

const input = (facts: Partial<FieldFacts> = {}): FieldFacts => ({ tag: 'input', ...facts });

describe('isSensitiveField', () => {
  it('flags password inputs whatever their name', () => {
    expect(isSensitiveField(input({ type: 'password' }))).toBe(true);
    expect(isSensitiveField(input({ type: 'PASSWORD', name: 'q' }))).toBe(true);
    expect(isSensitiveField(input({ type: 'Password', name: 'email', autocomplete: 'email' }))).toBe(true);
  });

  it.each(['cc-number', 'cc-csc', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'current-password', 'new-password'])(
    'flags autocomplete=%s',
    (autocomplete) => {
      expect(isSensitiveField(input({ type: 'text', name: 'field1', autocomplete }))).toBe(true);
    },
  );

  it('flags sensitive autocomplete tokens with section and billing prefixes, in any case', () => {
    expect(isSensitiveField(input({ autocomplete: 'billing cc-number' }))).toBe(true);
    expect(isSensitiveField(input({ autocomplete: 'section-pay shipping cc-csc' }))).toBe(true);
    expect(isSensitiveField(input({ autocomplete: 'CC-Number' }))).toBe(true);
    expect(isSensitiveField(input({ autocomplete: 'username current-password' }))).toBe(true);
  });

  it.each([
    'cardnumber',
    'cardNumber',
    'card_number',
    'card-num',
    'cc_num',
    'ccnum',
    'cc-number',
    'credit_card',
    'creditCard',
    'cvv',
    'CVV2',
    'cvc',
    'card_csc',
    'security_code',
    'securityCode',
    'card-code',
    'card-expiry',
    'cardExp',
    'cc_exp',
    'expiry_date',
    'expiration',
    'pan',
  ])('flags the card field name %j', (name) => {
    expect(isSensitiveField(input({ type: 'text', name }))).toBe(true);
  });

  it('looks at the id and the label as well as the name', () => {
    expect(isSensitiveField(input({ id: 'checkout-cvv' }))).toBe(true);
    expect(isSensitiveField(input({ name: 'f3', label: 'Card number' }))).toBe(true);
    expect(isSensitiveField(input({ label: 'Security code (CVC)' }))).toBe(true);
    expect(isSensitiveField(input({ label: 'Expiry date (MM/YY)' }))).toBe(true);
  });

  it.each([
    'email',
    'username',
    'search',
    'q',
    'address',
    'street-address',
    'first_name',
    'phone',
    'zip',
    'city',
    'country',
    'comment',
    'query',
    'description',
    'discount_code',
    'company',
    'occupation',
    'success_url',
    'accept_terms',
    'account',
    'span_title',
    'expand',
  ])('does not flag the ordinary field %j', (name) => {
    expect(isSensitiveField(input({ type: 'text', name, id: name, label: name, autocomplete: name }))).toBe(false);
  });

  it('does not flag ordinary types and autocomplete values', () => {
    for (const type of ['text', 'email', 'search', 'tel', 'number', 'hidden', undefined, null]) {
      expect(isSensitiveField(input({ type })), String(type)).toBe(false);
    }
    for (const autocomplete of ['on', 'off', 'email', 'username', 'name', 'street-address', 'postal-code']) {
      expect(isSensitiveField(input({ autocomplete })), autocomplete).toBe(false);
    }
  });

  it('does not flag a field with no facts besides its tag', () => {
    expect(isSensitiveField({ tag: 'textarea' })).toBe(false);
    expect(isSensitiveField({ tag: 'input', type: null, autocomplete: null, name: null, id: null, label: null })).toBe(false);
    expect(isSensitiveField({ tag: 'input', type: '', autocomplete: '', name: '', id: '', label: '' })).toBe(false);
  });

  it('does not depend on the tag', () => {
    expect(isSensitiveField({ tag: 'select', name: 'cc_exp_month' })).toBe(true);
    expect(isSensitiveField({ tag: 'div', label: 'Card number' })).toBe(true);
    expect(isSensitiveField({ tag: 'textarea', name: 'notes' })).toBe(false);
  });
});

describe('redactValue', () => {
  it('replaces sensitive values with the marker', () => {
    expect(REDACTED).toBe('[redacted]');
    expect(redactValue(input({ type: 'password' }), 'hunter2')).toBe('[redacted]');
    expect(redactValue(input({ autocomplete: 'cc-number' }), '4111 1111 1111 1111')).toBe('[redacted]');
    expect(redactValue(input({ name: 'cvv' }), '123')).toBe('[redacted]');
    expect(redactValue(input({ name: 'card-expiry' }), '12/30')).toBe('[redacted]');
    expect(redactValue(input({ type: 'password' }), ' ')).toBe('[redacted]');
  });

  it('keeps empty values empty, so an empty field is not reported as filled', () => {
    expect(redactValue(input({ type: 'password' }), '')).toBe('');
    expect(redactValue(input({ autocomplete: 'cc-csc' }), '')).toBe('');
    expect(redactValue(input({ name: 'email' }), '')).toBe('');
  });

  it('returns ordinary values exactly as given', () => {
    expect(redactValue(input({ type: 'email', name: 'email' }), 'ada@example.com')).toBe('ada@example.com');
    expect(redactValue(input({ name: 'username' }), 'ada')).toBe('ada');
    expect(redactValue(input({ type: 'search', name: 'q' }), '  cheap flights  ')).toBe('  cheap flights  ');
    expect(redactValue(input({ name: 'address' }), '1 Main St\nSpringfield')).toBe('1 Main St\nSpringfield');
    expect(redactValue({ tag: 'textarea', name: 'comment' }, REDACTED)).toBe(REDACTED);
  });

  it('never lets the secret through in any form', () => {
    const secret = '4111111111111111';
    const out = redactValue(input({ name: 'cardnumber' }), secret);
    expect(out).not.toContain('4111');
    expect(out).not.toContain('1111');
  });
});

describe('card names beyond the common ones, and the Cc field of webmail', () => {
  it('redacts cardNo, ccv', () => {
    expect(isSensitiveField({ tag: 'input', name: 'cardNo' })).toBe(true);
    expect(isSensitiveField({ tag: 'input', name: 'ccv' })).toBe(true);
  });
  it('leaves a mail Cc field readable', () => {
    expect(isSensitiveField({ tag: 'input', name: 'cc', label: 'Cc' })).toBe(false);
    expect(redactValue({ tag: 'input', name: 'cc' }, 'bob@example.org')).toBe('bob@example.org');
  });
});

describe('one-time codes and the user\'s own patterns', () => {
  it('flags one-time-code fields by autocomplete, name or label', () => {
    expect(isSensitiveField(input({ autocomplete: 'one-time-code' }))).toBe(true);
    expect(isSensitiveField(input({ name: 'otp' }))).toBe(true);
    expect(isSensitiveField(input({ label: 'Verification code' }))).toBe(true);
    expect(isSensitiveField(input({ label: 'Promo code' }))).toBe(false);
  });

  it('reads words and /regular expressions/ from Settings, and reports bad lines', () => {
    const { patterns, problems } = sensitivePatterns(['Member number', '/^acct-\\d+$/i', '', '/(/']);
    expect(patterns).toHaveLength(2);
    expect(problems).toEqual([expect.stringContaining('"/(/" is not a valid pattern')]);
    expect(isSensitiveField(input({ label: 'Your member-number' }), patterns)).toBe(true);
    expect(isSensitiveField(input({ id: 'ACCT-12' }), patterns)).toBe(true);
    expect(isSensitiveField(input({ label: 'Member since' }), patterns)).toBe(false);
  });
});
