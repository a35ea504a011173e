import { describe, expect, it } from 'vitest';
import { describeImport, parseSites } from './settings-view';

describe('the never-recorded sites as typed', () => {
  it('takes origins and hosts, one per line or comma separated, canonical and without repeats', () => {
    expect(parseSites(' Bank.Example \nhttps://mail.example:8443/inbox, bank.example\n\n')).toEqual({ sites: ['bank.example', 'https://mail.example:8443'], problems: [] });
  });

  it('names each entry that is not a site, and keeps the good ones', () => {
    const { sites, problems } = parseSites('bank.example\nnot a site!\n.hidden');
    expect(sites).toEqual(['bank.example']);
    expect(problems.map((p) => p.path)).toEqual(['site 2', 'site 3']);
    expect(problems[0]!.message).toContain('“not a site!” is not a site');
  });
});

describe('what an import did, in words', () => {
  const base = { added: 3, updated: 1, kept: 2, removed: 4, historyEntries: 9, learnerEntries: 1 };
  it('says what a merge added, updated and kept', () => {
    expect(describeImport({ mode: 'merge', ...base })).toBe('Merged: 3 added, 1 updated, 2 kept as they were; 9 history entries, 1 learner records.');
  });
  it('says what a replace removed, and that history keeps it', () => {
    expect(describeImport({ mode: 'replace', ...base })).toBe('Replaced memory: 3 added, 4 removed (their history keeps them); 9 history entries, 1 learner records.');
  });
});
