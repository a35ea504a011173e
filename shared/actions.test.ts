import { describe, expect, it } from 'vitest';
import {
  ACTION_KINDS,
  Action,
  ActionErrorCode,
  ActionResult,
  actionFailure,
  actionJsonSchema,
  describeAction,
  targetsElement,
} from './actions';

/** One valid example of every kind, in the order of the union. */
const examples: Action[] = [
  { kind: 'click', index: 12 },
  { kind: 'type', index: 3, text: 'hello', clear: true, enter: true },
  { kind: 'select', index: 4, option: 'Blue' },
  { kind: 'hover', index: 5 },
  { kind: 'key', keys: 'Control+Enter', index: 6 },
  { kind: 'drag', index: 7, to: 8 },
  { kind: 'scroll', direction: 'down', pages: 2 },
  { kind: 'navigate', url: 'https://example.com/a?b=c' },
  { kind: 'back' },
  { kind: 'wait', seconds: 1.5 },
  { kind: 'extract', query: 'price' },
  { kind: 'done', success: true, text: 'found it' },
];

function issuePaths(value: unknown): string[] {
  const r = Action.safeParse(value);
  if (r.success) return [];
  return r.error.issues.map((i) => i.path.join('.'));
}

describe('ACTION_KINDS', () => {
  it('lists the twelve kinds in declaration order', () => {
    expect(ACTION_KINDS).toEqual(['click', 'type', 'select', 'hover', 'key', 'drag', 'scroll', 'navigate', 'back', 'wait', 'extract', 'done']);
  });

  it('covers every example kind exactly once', () => {
    expect(examples.map((e) => e.kind)).toEqual(ACTION_KINDS);
  });
});

describe('Action schema', () => {
  it.each(examples.map((e) => [e.kind, e] as const))('accepts a valid %s action unchanged', (_kind, example) => {
    expect(Action.parse(example)).toEqual(example);
  });

  it('accepts an optional intent on every kind', () => {
    for (const e of examples) {
      expect(Action.parse({ ...e, intent: 'because' })).toEqual({ ...e, intent: 'because' });
    }
  });

  it('rejects an intent longer than 300 characters', () => {
    expect(Action.safeParse({ kind: 'back', intent: 'x'.repeat(300) }).success).toBe(true);
    expect(issuePaths({ kind: 'back', intent: 'x'.repeat(301) })).toEqual(['intent']);
  });

  it('rejects an unknown kind, a missing kind and non-objects', () => {
    expect(Action.safeParse({ kind: 'tap', index: 1 }).success).toBe(false);
    expect(Action.safeParse({ index: 1 }).success).toBe(false);
    expect(Action.safeParse(null).success).toBe(false);
    expect(Action.safeParse('click').success).toBe(false);
    expect(Action.safeParse([{ kind: 'click', index: 1 }]).success).toBe(false);
  });

  it('requires a non-negative integer index for element actions', () => {
    expect(issuePaths({ kind: 'click' })).toEqual(['index']);
    expect(issuePaths({ kind: 'click', index: -1 })).toEqual(['index']);
    expect(issuePaths({ kind: 'click', index: 1.5 })).toEqual(['index']);
    expect(issuePaths({ kind: 'click', index: '3' })).toEqual(['index']);
    expect(issuePaths({ kind: 'type', text: 'a' })).toEqual(['index']);
    expect(issuePaths({ kind: 'select', option: 'a' })).toEqual(['index']);
    expect(Action.parse({ kind: 'click', index: 0 })).toEqual({ kind: 'click', index: 0 });
  });

  it('checks a key combination and a drag’s destination', () => {
    for (const keys of ['Enter', 'Escape', 'ArrowDown', 'Control+Enter', 'Shift+Tab', 'a', 'F5', 'Control+Shift+K']) expect(Action.safeParse({ kind: 'key', keys }).success, keys).toBe(true);
    for (const keys of ['', 'Control+', 'Enter Enter', 'x'.repeat(41)]) expect(Action.safeParse({ kind: 'key', keys }).success, keys).toBe(false);
    expect(issuePaths({ kind: 'drag', index: 1 })).toEqual(['']);
    expect(Action.safeParse({ kind: 'drag', index: 1, dx: 40 }).success).toBe(true);
  });

  it('requires the text of a type action and the option of a select action', () => {
    expect(issuePaths({ kind: 'type', index: 1 })).toEqual(['text']);
    expect(issuePaths({ kind: 'type', index: 1, text: 'x'.repeat(10_001) })).toEqual(['text']);
    expect(Action.safeParse({ kind: 'type', index: 1, text: '' }).success).toBe(true);
    expect(issuePaths({ kind: 'select', index: 1 })).toEqual(['option']);
    expect(issuePaths({ kind: 'type', index: 1, text: 'a', enter: 'yes' })).toEqual(['enter']);
  });

  it('bounds scroll direction and pages', () => {
    expect(issuePaths({ kind: 'scroll', direction: 'left' })).toEqual(['direction']);
    expect(issuePaths({ kind: 'scroll' })).toEqual(['direction']);
    expect(issuePaths({ kind: 'scroll', direction: 'up', pages: 0 })).toEqual(['pages']);
    expect(issuePaths({ kind: 'scroll', direction: 'up', pages: 21 })).toEqual(['pages']);
    expect(issuePaths({ kind: 'scroll', direction: 'up', index: -2 })).toEqual(['index']);
    expect(Action.parse({ kind: 'scroll', direction: 'up', pages: 0.5, index: 7 })).toEqual({
      kind: 'scroll',
      direction: 'up',
      pages: 0.5,
      index: 7,
    });
    expect(Action.safeParse({ kind: 'scroll', direction: 'up', pages: 20 }).success).toBe(true);
  });

  it('bounds wait to 0–30 seconds', () => {
    expect(Action.safeParse({ kind: 'wait', seconds: 0 }).success).toBe(true);
    expect(Action.safeParse({ kind: 'wait', seconds: 30 }).success).toBe(true);
    expect(issuePaths({ kind: 'wait', seconds: 30.1 })).toEqual(['seconds']);
    expect(issuePaths({ kind: 'wait', seconds: -1 })).toEqual(['seconds']);
    expect(issuePaths({ kind: 'wait' })).toEqual(['seconds']);
  });

  it('navigates only to absolute http(s) and file URLs', () => {
    for (const url of ['http://example.com', 'https://example.com/x#y', 'HTTPS://EXAMPLE.COM/', 'file:///tmp/page.html']) {
      expect(Action.safeParse({ kind: 'navigate', url }).success, url).toBe(true);
    }
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/f', 'chrome://settings', 'example.com', '/relative', '']) {
      expect(new Set(issuePaths({ kind: 'navigate', url })), url).toEqual(new Set(['url']));
    }
    const js = Action.safeParse({ kind: 'navigate', url: 'javascript:alert(1)' });
    expect(js.success ? '' : js.error.issues[0]?.message).toBe('only http(s) and file URLs');
  });

  it('requires the success claim of done and bounds its text', () => {
    expect(issuePaths({ kind: 'done' })).toEqual(['success']);
    expect(issuePaths({ kind: 'done', success: 'true' })).toEqual(['success']);
    expect(issuePaths({ kind: 'done', success: false, text: 'x'.repeat(5_001) })).toEqual(['text']);
    expect(Action.parse({ kind: 'done', success: false })).toEqual({ kind: 'done', success: false });
  });

  it('bounds the extract query', () => {
    expect(Action.parse({ kind: 'extract' })).toEqual({ kind: 'extract' });
    expect(issuePaths({ kind: 'extract', query: 'q'.repeat(501) })).toEqual(['query']);
  });

  it('drops keys that do not belong to the kind', () => {
    expect(Action.parse({ kind: 'back', index: 3, url: 'https://x.test' })).toEqual({ kind: 'back' });
    expect(Action.parse({ kind: 'click', index: 1, text: 'ignored' })).toEqual({ kind: 'click', index: 1 });
  });
});

describe('targetsElement', () => {
  it('is true for click, type and select', () => {
    expect(targetsElement({ kind: 'click', index: 0 })).toBe(true);
    expect(targetsElement({ kind: 'type', index: 1, text: 'a' })).toBe(true);
    expect(targetsElement({ kind: 'select', index: 2, option: 'b' })).toBe(true);
  });

  it('is true for a scroll inside an element and false for a page scroll', () => {
    const inside: Action = Action.parse({ kind: 'scroll', direction: 'down', index: 5 });
    const page: Action = Action.parse({ kind: 'scroll', direction: 'down' });
    expect(targetsElement(page)).toBe(false);
    expect(targetsElement(inside)).toBe(true);
    // The guard's narrowed type must keep an indexed scroll (act.ts resolves its
    // index like any other): `a.kind === 'scroll'` only type-checks if it does.
    const narrowed: string[] = [];
    for (const a of [inside, page]) if (targetsElement(a) && a.kind === 'scroll') narrowed.push(`${a.direction} in [${a.index}]`);
    expect(narrowed).toEqual(['down in [5]']);
  });

  it('is false for actions without an element', () => {
    for (const a of examples.filter((e) => !['click', 'type', 'select', 'hover', 'key', 'drag'].includes(e.kind))) {
      expect(targetsElement(a), a.kind).toBe(false);
    }
  });
});

describe('describeAction', () => {
  it.each([
    [{ kind: 'click', index: 12 }, 'click [12]'],
    [{ kind: 'type', index: 3, text: 'hello' }, 'type "hello" into [3]'],
    [{ kind: 'type', index: 3, text: 'say "hi"', enter: true }, 'type "say \\"hi\\"" into [3] and press Enter'],
    [{ kind: 'type', index: 3, text: 'x', enter: false }, 'type "x" into [3]'],
    [{ kind: 'select', index: 4, option: 'Blue' }, 'select "Blue" in [4]'],
    [{ kind: 'scroll', direction: 'down' }, 'scroll down'],
    [{ kind: 'scroll', direction: 'up', index: 0 }, 'scroll up in [0]'],
    [{ kind: 'navigate', url: 'https://example.com/' }, 'go to https://example.com/'],
    [{ kind: 'back' }, 'go back'],
    [{ kind: 'wait', seconds: 2 }, 'wait 2s'],
    [{ kind: 'extract' }, 'extract page text'],
    [{ kind: 'extract', query: '' }, 'extract page text'],
    [{ kind: 'extract', query: 'price' }, 'extract "price"'],
    [{ kind: 'done', success: true }, 'done (claims success)'],
    [{ kind: 'done', success: false }, 'done (gives up)'],
  ] as [Action, string][])('describes %j as %s', (action, expected) => {
    expect(describeAction(action)).toBe(expected);
  });

  it('has a description for every kind', () => {
    const descriptions = examples.map(describeAction);
    expect(descriptions.every((d) => typeof d === 'string' && d.length > 0)).toBe(true);
    expect(new Set(descriptions).size).toBe(ACTION_KINDS.length);
  });
});

describe('ActionResult', () => {
  it('accepts a success and a failure', () => {
    const ok = { ok: true, navigated: true, pageChanged: true, url: 'https://x.test/', tookMs: 42 };
    expect(ActionResult.parse(ok)).toEqual(ok);
    const failed = { ok: false, error: { code: 'stale_index', message: 'observe again' }, navigated: false, pageChanged: false, tookMs: 0 };
    expect(ActionResult.parse(failed)).toEqual(failed);
  });

  it('rejects unknown error codes, negative durations and missing flags', () => {
    const base = { ok: false, navigated: false, pageChanged: false, tookMs: 1 };
    expect(ActionResult.safeParse({ ...base, error: { code: 'boom', message: 'x' } }).success).toBe(false);
    expect(ActionResult.safeParse({ ...base, tookMs: -1 }).success).toBe(false);
    expect(ActionResult.safeParse({ ok: true, tookMs: 1 }).success).toBe(false);
  });

  it('actionFailure builds a valid failed result and lets extra fields override', () => {
    const r = actionFailure('obscured', 'a modal covers it');
    expect(r).toEqual({ ok: false, error: { code: 'obscured', message: 'a modal covers it' }, navigated: false, pageChanged: false, tookMs: 0 });
    expect(ActionResult.parse(r)).toEqual(r);
    expect(actionFailure('timeout', 't', { tookMs: 5000, url: 'https://x.test/' })).toMatchObject({ tookMs: 5000, url: 'https://x.test/', ok: false });
  });

  it('has an error code for every documented failure', () => {
    expect(ActionErrorCode.options).toEqual([
      'stale_index',
      'detached',
      'hidden',
      'disabled',
      'not_typable',
      'not_selectable',
      'obscured',
      'option_not_found',
      'navigation_failed',
      'invalid_action',
      'timeout',
      'interrupted',
      'internal',
    ]);
  });
});

describe('actionJsonSchema', () => {
  type Branch = { type?: string; properties: Record<string, Record<string, unknown>>; required?: string[]; additionalProperties?: unknown };
  const schema = actionJsonSchema();
  const branches = (schema.oneOf ?? schema.anyOf) as Branch[];
  const branchOf = (kind: string) => branches.find((b) => b.properties.kind?.const === kind);

  it('is a draft-7 schema that round-trips through JSON', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('is a oneOf/anyOf over exactly the twelve kinds', () => {
    expect(Array.isArray(branches)).toBe(true);
    expect(branches).toHaveLength(12);
    expect(branches.map((b) => b.properties.kind?.const)).toEqual(ACTION_KINDS);
    for (const b of branches) {
      expect(b.type).toBe('object');
      expect(b.required).toContain('kind');
    }
  });

  it('marks the required fields of each kind', () => {
    const required = Object.fromEntries(ACTION_KINDS.map((k) => [k, [...(branchOf(k)?.required ?? [])].sort()]));
    expect(required).toEqual({
      click: ['index', 'kind'],
      type: ['index', 'kind', 'text'],
      select: ['index', 'kind', 'option'],
      hover: ['index', 'kind'],
      key: ['keys', 'kind'],
      drag: ['index', 'kind'],
      scroll: ['direction', 'kind'],
      navigate: ['kind', 'url'],
      back: ['kind'],
      wait: ['kind', 'seconds'],
      extract: ['kind'],
      done: ['kind', 'success'],
    });
  });

  it('carries the constraints a decoder needs', () => {
    expect(branchOf('click')?.properties.index).toMatchObject({ type: 'integer', minimum: 0 });
    expect(branchOf('click')?.properties.index?.description).toMatch(/\[12\]/);
    expect(branchOf('scroll')?.properties.direction).toMatchObject({ enum: ['up', 'down'] });
    expect(branchOf('scroll')?.properties.pages).toMatchObject({ type: 'number', maximum: 20 });
    expect(branchOf('wait')?.properties.seconds).toMatchObject({ type: 'number', minimum: 0, maximum: 30 });
    expect(branchOf('navigate')?.properties.url).toMatchObject({ type: 'string' });
    expect(branchOf('done')?.properties.success).toMatchObject({ type: 'boolean' });
    expect(branchOf('type')?.properties.text).toMatchObject({ type: 'string', maxLength: 10_000 });
  });

  it('describes the same fields as the zod schema', () => {
    for (const option of Action.options) {
      const kind = option.shape.kind.value;
      expect(Object.keys(branchOf(kind)?.properties ?? {}).sort(), kind).toEqual(Object.keys(option.shape).sort());
      expect(branchOf(kind)?.additionalProperties, kind).toBe(false);
    }
  });

  it('every valid example satisfies its branch (required present, no extra keys)', () => {
    for (const e of examples) {
      const b = branchOf(e.kind)!;
      for (const r of b.required ?? []) expect(Object.hasOwn(e, r), `${e.kind}.${r}`).toBe(true);
      for (const k of Object.keys(e)) expect(Object.hasOwn(b.properties, k), `${e.kind}.${k}`).toBe(true);
    }
  });

  it('returns a fresh object each call', () => {
    const a = actionJsonSchema();
    (a as { mutated?: boolean }).mutated = true;
    expect(actionJsonSchema()).not.toHaveProperty('mutated');
  });
});
