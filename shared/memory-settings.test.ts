import { describe, expect, it } from 'vitest';
import { isNeverRecorded, MemorySettings, normalizeSite } from './memory-settings';

describe('memory settings', () => {
  it('keeps sites as origins or lower-case hosts, and refuses what is neither', () => {
    expect(normalizeSite(' https://Bank.example/login ')).toBe('https://bank.example');
    expect(normalizeSite('Bank.Example')).toBe('bank.example');
    expect(normalizeSite('localhost:8080')).toBe('localhost:8080');
    expect(normalizeSite('not a site')).toBeNull();
    expect(normalizeSite('')).toBeNull();
    expect(MemorySettings.safeParse({ itemBudget: 100, neverRecord: ['bank.example', 'nope nope'] }).success).toBe(false);
    expect(MemorySettings.safeParse({ itemBudget: 5, neverRecord: [] }).success).toBe(false);
  });

  it('matches an origin exactly and a host on any scheme and port', () => {
    const list = ['https://bank.example', 'mail.example', '127.0.0.1:9000'];
    expect(isNeverRecorded('https://bank.example/account?id=1', list)).toBe(true);
    expect(isNeverRecorded('http://bank.example/', list)).toBe(false);
    expect(isNeverRecorded('http://mail.example:8080/inbox', list)).toBe(true);
    expect(isNeverRecorded('http://127.0.0.1:9000/x', list)).toBe(true);
    expect(isNeverRecorded('http://127.0.0.1:9001/x', list)).toBe(false);
    expect(isNeverRecorded('not a url', list)).toBe(false);
  });

  it('takes sensitive-field patterns as words or /regular expressions/, and refuses one that does not read', () => {
    expect(MemorySettings.safeParse({ itemBudget: 100, neverRecord: [], sensitiveFields: ['member number', '/^acct-\\d+$/i'] }).success).toBe(true);
    const bad = MemorySettings.safeParse({ itemBudget: 100, neverRecord: [], sensitiveFields: ['/([/'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('is not a valid pattern');
  });
});
