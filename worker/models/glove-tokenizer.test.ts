import { describe, expect, it } from 'vitest';
import { GloveTokenizer } from './glove-tokenizer';

// A small vocabulary in the shape of GloVe's: lowercase words, a few hyphenated and
// alphanumeric ones, punctuation (which the tokenizer never emits).
const WORDS = [
  'the', ',', '.', 'to', 'and', 'in', 'for', 'on', 'at', 'my', 'do', 'not', 'can', 'will', 'are', 'is', 'it',
  'two', 'seven', 'twenty', 'pm', 'book', 'table', 'italian', 'restaurant', 'tomorrow',
  'log', 'sign', 'out', 'github', 'com', 'www', 'login', 'first', 'name', 'user', 'id', 'xml', 'http', 'request',
  'e-mail', 'well-known', 'mp3', 'player', 'cafe', 'drop', 'down', 'wish', 'lists', 'search', 'query', 'shoes',
  'amazon', 'https', 'cart', 'o', 'neil', 'users', 'we', 'have', 'would', 'like', 'page', 'settings',
];
const tokenizer = new GloveTokenizer(WORDS);
const tokens = (text: string) => tokenizer.tokenize(text);

describe('GloveTokenizer', () => {
  it('lowercases and keeps only vocabulary words, dropping punctuation and unknown words', () => {
    expect(tokens('Book a Table, at the Italian restaurant!')).toEqual(['book', 'table', 'at', 'the', 'italian', 'restaurant']);
    expect(tokens('zzqx qwv')).toEqual([]);
    expect(tokens('')).toEqual([]);
    expect(tokens(' , . ! ')).toEqual([]);
  });

  it('gives ids as vocabulary line + 1, leaving 0 for padding', () => {
    expect(tokenizer.encode('the book')).toEqual([1, WORDS.indexOf('book') + 1]);
    expect(tokenizer.idCount).toBe(WORDS.length + 1);
    expect(tokenizer.idOf('the')).toBe(1);
  });

  it('splits URLs and paths into their words', () => {
    expect(tokens('github.com/login')).toEqual(['github', 'com', 'login']);
    expect(tokens('https://www.amazon.com/cart?search=shoes&page=2')).toEqual(['https', 'www', 'amazon', 'com', 'cart', 'search', 'shoes', 'page', 'two']);
  });

  it('splits camelCase, ALLCAPS runs, snake_case and letters from digits', () => {
    expect(tokens('firstName')).toEqual(['first', 'name']);
    expect(tokens('XMLHttpRequest')).toEqual(['xml', 'http', 'request']);
    expect(tokens('user_id')).toEqual(['user', 'id']);
    expect(tokens('7pm')).toEqual(['seven', 'pm']);
  });

  it('keeps a hyphenated or alphanumeric vocabulary word whole and splits unknown ones', () => {
    expect(tokens('E-mail the well-known MP3 player')).toEqual(['e-mail', 'the', 'well-known', 'mp3', 'player']);
    expect(tokens('sign-in')).toEqual(['sign', 'in']);
  });

  it('expands contractions the way PTB split them ("ca n\'t" → can not)', () => {
    expect(tokens("I don't")).toEqual(['do', 'not']);
    expect(tokens("can't")).toEqual(['can', 'not']);
    expect(tokens('won’t')).toEqual(['will', 'not']);
    expect(tokens("we've users' it's")).toEqual(['we', 'have', 'users', 'it']);
    expect(tokens("O'Neil")).toEqual(['o', 'neil']);
  });

  it('writes small numbers as words and drops other numbers', () => {
    expect(tokens('2 tables for 20')).toEqual(['two', 'for', 'twenty']);
    expect(tokens('1999 000 07 3.5 1,000 $15,000.00 75%')).toEqual([]);
    expect(tokens('$2 (7) 20%')).toEqual(['two', 'seven', 'twenty']);
    expect(tokens('2, 7.')).toEqual(['two', 'seven']);
  });

  it('splits an unknown run of letters into two known words', () => {
    expect(tokens('Logout')).toEqual(['log', 'out']);
    expect(tokens('dropdown wishlists')).toEqual(['drop', 'down', 'wish', 'lists']);
    // A vocabulary word is never split, and a run with no two-word split is dropped.
    expect(tokens('login')).toEqual(['login']);
    expect(tokens('xyzzy')).toEqual([]);
  });

  it('strips accents and compatibility forms', () => {
    expect(tokens('Café ＣＡＦＥ')).toEqual(['cafe', 'cafe']);
  });

  it('emits each word of its vocabulary unchanged, but never punctuation', () => {
    const emitted = WORDS.filter((w) => tokenizer.emits(w));
    expect(emitted).toEqual(WORDS.filter((w) => /[a-z0-9]/.test(w)));
    expect(tokenizer.emits(',')).toBe(false);
  });
});
