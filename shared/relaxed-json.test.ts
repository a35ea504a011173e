import { describe, expect, it } from 'vitest';
import { lineAndColumn, readJsonValue, readWholeJson } from './relaxed-json';

describe('readJsonValue', () => {
  it('reads strict JSON exactly as JSON.parse does, with no relaxations', () => {
    const samples = [
      '{"a": [1, -2.5, 3e2, 0, true, false, null], "b": {"c": "d\\n\\"\\u00e9\\\\\\/"}}',
      '[]',
      '{}',
      '"only a string"',
      '-0.125E-3',
      '{"emoji": "\\ud83d\\ude00", "nested": [[[]], {"x": {}}]}',
    ];
    for (const s of samples) {
      const r = readJsonValue(s);
      expect(r, s).toEqual({ ok: true, value: JSON.parse(s), end: s.length, relaxations: [] });
    }
  });

  it('reads one value from the middle of a text and says where it ended', () => {
    const text = 'Answer: {"kind": "back"} and more {"x": 1}';
    const r = readJsonValue(text, 8);
    expect(r).toEqual({ ok: true, value: { kind: 'back' }, end: 24, relaxations: [] });
  });

  it('names each relaxation it accepted', () => {
    const r = readJsonValue("{'a': True, b: None, /* c */ 'c': [1, 2,], // end\n 'd': 'line\nbreak',}");
    expect(r.ok && r.value).toEqual({ a: true, b: null, c: [1, 2], d: 'line\nbreak' });
    expect(r.ok && [...r.relaxations].sort()).toEqual(
      ['Python literals (True/False/None)', 'comments', 'raw line breaks inside strings', 'single-quoted strings', 'trailing commas', 'unquoted keys'].sort(),
    );
  });

  it('tells a cut-off value from a malformed one', () => {
    for (const cut of ['{', '{"a"', '{"a":', '{"a": "b', '{"a": [1, 2', '{"a": tr', '{"a": "\\u00', '{"a": 1 /* x', '[1,']) {
      const r = readJsonValue(cut);
      expect(r.ok === false && r.truncated, cut).toBe(true);
    }
    for (const bad of ['{"a" "b"}', '{"a": 1 "b": 2}', '{"a": yes}', '{"a": "\\q"}', '{"a": [1 2]}', '{,}']) {
      const r = readJsonValue(bad);
      expect(r.ok === false && !r.truncated, bad).toBe(true);
    }
  });

  it('rejects duplicate keys instead of keeping one silently', () => {
    const r = readJsonValue('{"a": 1, "a": 2}');
    expect(r).toEqual({ ok: false, truncated: false, error: 'duplicate key "a"', at: 9 });
  });

  it('keeps "__proto__" an own property', () => {
    const r = readJsonValue('{"__proto__": {"x": 1}}');
    const value = r.ok ? (r.value as Record<string, unknown>) : {};
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe('readWholeJson', () => {
  it('accepts surrounding whitespace only', () => {
    expect(readWholeJson('  {"a": 1}\n')?.value).toEqual({ a: 1 });
    expect(readWholeJson('{"a": 1} trailing')).toBeUndefined();
    expect(readWholeJson('{"a": ')).toBeUndefined();
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toBe('line 1, column 1');
    expect(lineAndColumn('ab\ncd', 4)).toBe('line 2, column 2');
  });
});
