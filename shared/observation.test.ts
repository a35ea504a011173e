import { describe, expect, it } from 'vitest';
import { Observation, ObservedElement, renderElement, renderObservation } from './observation';

function el(overrides: Partial<ObservedElement> = {}): ObservedElement {
  return {
    index: 12,
    tag: 'button',
    role: 'button',
    name: 'Search',
    attrs: {},
    text: 'Search',
    inViewport: true,
    disabled: false,
    isNew: false,
    box: { x: 10, y: 20, width: 80, height: 24 },
    context: 'document',
    ...overrides,
  };
}

function obs(elements: ObservedElement[], overrides: Partial<Observation> = {}): Observation {
  return {
    id: 'obs-1',
    url: 'https://shop.test/search?q=shoes',
    title: 'Shoes – Shop',
    elements,
    text: 'Some page text',
    scroll: { x: 0, y: 0, viewportWidth: 1280, viewportHeight: 800, pageHeight: 800 },
    timestamp: 1_700_000_000_000,
    tookMs: 12,
    ...overrides,
  };
}

/** Elements named by index, in or out of view. */
function numbered(from: number, count: number, inViewport: boolean): ObservedElement[] {
  return Array.from({ length: count }, (_, i) =>
    el({ index: from + i, tag: 'a', role: 'link', name: `Item ${from + i}`, text: `Item ${from + i}`, inViewport }),
  );
}

describe('renderElement', () => {
  it('renders the compact form with the index, tag and text', () => {
    expect(renderElement(el())).toBe('[12]<button>Search</button>');
  });

  it('prefixes new elements with *', () => {
    expect(renderElement(el({ isNew: true }))).toBe('*[12]<button>Search</button>');
  });

  it('shows the role only when it differs from the tag', () => {
    expect(renderElement(el({ tag: 'div', role: 'button', name: 'Go', text: 'Go', index: 3 }))).toBe('[3]<div role=button>Go</div>');
    expect(renderElement(el({ tag: 'span', role: '', name: 'x', text: 'x', index: 0 }))).toBe('[0]<span>x</span>');
  });

  it('shows the name only when it differs from the text', () => {
    expect(renderElement(el({ tag: 'input', role: 'textbox', name: 'Email', text: '', index: 4 }))).toBe(
      '[4]<input role=textbox name="Email"></input>',
    );
    expect(renderElement(el({ name: '', text: 'Search' }))).toBe('[12]<button>Search</button>');
    expect(renderElement(el({ name: 'Close dialog', text: '×' }))).toBe('[12]<button name="Close dialog">×</button>');
  });

  it('renders attributes in order, quoted, and bare when empty', () => {
    const e = el({ tag: 'input', role: 'checkbox', name: 'Remember me', text: '', attrs: { type: 'checkbox', checked: '', id: 'rm' }, index: 7 });
    expect(renderElement(e)).toBe('[7]<input role=checkbox type="checkbox" checked id="rm" name="Remember me"></input>');
  });

  it('shows a non-empty value, quoted, and omits an empty or missing one', () => {
    const field = { tag: 'input', role: 'textbox', name: 'Search', text: '', index: 2 };
    expect(renderElement(el({ ...field, value: 'red shoes' }))).toBe('[2]<input role=textbox name="Search" value="red shoes"></input>');
    expect(renderElement(el({ ...field, value: '' }))).toBe('[2]<input role=textbox name="Search"></input>');
    expect(renderElement(el({ ...field }))).toBe('[2]<input role=textbox name="Search"></input>');
    expect(renderElement(el({ ...field, value: '[redacted]', attrs: { type: 'password' } }))).toBe(
      '[2]<input role=textbox type="password" name="Search" value="[redacted]"></input>',
    );
  });

  it('marks disabled elements last among the attributes', () => {
    expect(renderElement(el({ disabled: true, attrs: { type: 'submit' }, value: 'Go' }))).toBe(
      '[12]<button type="submit" value="Go" disabled>Search</button>',
    );
  });

  it('escapes quotes and backslashes and collapses whitespace in quoted values', () => {
    expect(renderElement(el({ text: 'x', name: 'Say "hi"\\now' }))).toBe('[12]<button name="Say \\"hi\\"\\\\now">x</button>');
    expect(renderElement(el({ text: 'x', name: '  Two\n\tlines   here ' }))).toBe('[12]<button name="Two lines here">x</button>');
    expect(renderElement(el({ text: 'x', attrs: { title: 'a\nb' } }))).toBe('[12]<button title="a b" name="Search">x</button>');
  });

  it('truncates long quoted values to 80 characters ending in …', () => {
    const exact = 'a'.repeat(80);
    expect(renderElement(el({ text: 'x', name: exact }))).toBe(`[12]<button name="${exact}">x</button>`);
    const long = 'b'.repeat(79) + 'cdef';
    expect(renderElement(el({ text: 'x', name: long }))).toBe(`[12]<button name="${'b'.repeat(79)}…">x</button>`);
    const href = `https://example.com/${'p'.repeat(200)}`;
    const rendered = renderElement(el({ tag: 'a', role: 'link', text: 'Link', name: 'Link', attrs: { href } }));
    const quoted = /href="([^"]*)"/.exec(rendered)?.[1];
    expect(quoted).toHaveLength(80);
    expect(quoted?.endsWith('…')).toBe(true);
    expect(quoted?.startsWith('https://example.com/ppp')).toBe(true);
  });

  it('truncates long text to 100 characters ending in …', () => {
    const hundred = 't'.repeat(100);
    expect(renderElement(el({ name: '', text: hundred }))).toBe(`[12]<button>${hundred}</button>`);
    const long = 'u'.repeat(99) + 'vwxyz';
    expect(renderElement(el({ name: '', text: long }))).toBe(`[12]<button>${'u'.repeat(99)}…</button>`);
  });

  it('renders index 0 and large indexes', () => {
    expect(renderElement(el({ index: 0 }))).toMatch(/^\[0\]</);
    expect(renderElement(el({ index: 1234, isNew: true }))).toMatch(/^\*\[1234\]</);
  });
});

describe('renderObservation', () => {
  it('starts with the URL, title and scroll position', () => {
    const o = obs([], { scroll: { x: 0, y: 250.4, viewportWidth: 1280, viewportHeight: 800, pageHeight: 3000 } });
    expect(renderObservation(o).split('\n')).toEqual([
      'URL: https://shop.test/search?q=shoes',
      'Title: Shoes – Shop',
      'Scroll: 250px from top, 1950px more below',
      'Interactive elements in view:',
    ]);
  });

  it('never reports a negative distance below', () => {
    const o = obs([], { scroll: { x: 0, y: 900, viewportWidth: 1280, viewportHeight: 800, pageHeight: 1000 } });
    expect(renderObservation(o)).toContain('Scroll: 900px from top, 0px more below');
  });

  it('lists in-view elements first, then the outside section, keeping order within each', () => {
    const elements = [
      el({ index: 0, tag: 'a', role: 'link', name: 'Top', text: 'Top', inViewport: false }),
      el({ index: 1, name: 'Search', text: 'Search', inViewport: true }),
      el({ index: 2, tag: 'a', role: 'link', name: 'Footer', text: 'Footer', inViewport: false, isNew: true }),
      el({ index: 3, tag: 'input', role: 'textbox', name: 'Query', text: '', value: 'shoes', inViewport: true }),
    ];
    expect(renderObservation(obs(elements)).split('\n').slice(3)).toEqual([
      'Interactive elements in view:',
      '[1]<button>Search</button>',
      '[3]<input role=textbox name="Query" value="shoes"></input>',
      'Outside the view (scroll to reach):',
      '[0]<a role=link>Top</a>',
      '*[2]<a role=link>Footer</a>',
    ]);
  });

  it('omits the outside section when everything is in view', () => {
    const out = renderObservation(obs(numbered(0, 3, true)));
    expect(out).not.toContain('Outside the view');
    expect(out).not.toContain('more elements not shown');
    expect(out.split('\n')).toHaveLength(4 + 3);
  });

  it('shows the outside section even when nothing is in view', () => {
    expect(renderObservation(obs(numbered(0, 2, false))).split('\n').slice(3)).toEqual([
      'Interactive elements in view:',
      'Outside the view (scroll to reach):',
      '[0]<a role=link>Item 0</a>',
      '[1]<a role=link>Item 1</a>',
    ]);
  });

  it('caps the listed elements, filling the remaining room from outside the view', () => {
    const o = obs([...numbered(0, 3, true), ...numbered(3, 3, false)]);
    expect(renderObservation(o, 4).split('\n').slice(3)).toEqual([
      'Interactive elements in view:',
      '[0]<a role=link>Item 0</a>',
      '[1]<a role=link>Item 1</a>',
      '[2]<a role=link>Item 2</a>',
      'Outside the view (scroll to reach):',
      '[3]<a role=link>Item 3</a>',
      '… 2 more elements not shown',
    ]);
  });

  it('spends the whole cap on in-view elements when there are more of them', () => {
    const o = obs([...numbered(0, 5, true), ...numbered(5, 2, false)]);
    const out = renderObservation(o, 3);
    const rendered = out.split('\n').filter((l) => /^\*?\[\d+\]</.test(l));
    expect(rendered).toEqual(['[0]<a role=link>Item 0</a>', '[1]<a role=link>Item 1</a>', '[2]<a role=link>Item 2</a>']);
    expect(out.split('\n').at(-1)).toBe('… 4 more elements not shown');
  });

  it('prints no overflow line when the elements exactly fill the cap', () => {
    expect(renderObservation(obs(numbered(0, 4, true)), 4)).not.toContain('not shown');
    const out = renderObservation(obs([...numbered(0, 2, true), ...numbered(2, 2, false)]), 4);
    expect(out).not.toContain('not shown');
    expect(out).toContain('[3]<a role=link>Item 3</a>');
  });

  it('defaults to a cap of 400 elements', () => {
    const atCap = renderObservation(obs(numbered(0, 400, true)));
    expect(atCap).not.toContain('not shown');
    expect(atCap).toContain('[399]<a role=link>Item 399</a>');
    const over = renderObservation(obs([...numbered(0, 300, true), ...numbered(300, 105, false)]));
    expect(over.split('\n').at(-1)).toBe('… 5 more elements not shown');
    expect(over).toContain('[399]<a role=link>Item 399</a>');
    expect(over).not.toContain('[400]<');
  });

  it('counts every element it leaves out when the cap is 0', () => {
    const out = renderObservation(obs([...numbered(0, 2, true), ...numbered(2, 1, false)]), 0);
    expect(out.split('\n').filter((l) => l.includes('<a '))).toEqual([]);
    expect(out.split('\n').at(-1)).toBe('… 3 more elements not shown');
  });
});

describe('Observation schema', () => {
  it('accepts a full observation and rejects a bad element', () => {
    const o = obs([el({ value: 'x', context: 'shadow' })], { screenshotKey: 'shot-1' });
    expect(Observation.parse(o)).toEqual(o);
    expect(Observation.safeParse(obs([el({ index: -1 })])).success).toBe(false);
    expect(Observation.safeParse(obs([{ ...el(), context: 'frame' as never }])).success).toBe(false);
    expect(Observation.safeParse(obs([], { tookMs: -5 })).success).toBe(false);
    expect(ObservedElement.safeParse({ ...el(), attrs: { checked: true } }).success).toBe(false);
  });
});
