// Shared helpers of the widget practice pages (/widgets/<kind>.html?seed=N): a seeded
// random source, word lists, the task line, the one-time commit of an outcome, dates,
// and two widgets several pages use (an ARIA combobox and a calendar popup).
//
// Each page: `const r = W.start('<kind>')` (clears any earlier result, seeds the draws
// from the kind and ?seed=N), renders its instance, `W.task(text, data)` (shows the task
// in #task, exposes the instance as window.__widgetTask), and `W.commit(success, detail,
// line)` when the user commits. The first commit is final: later ones change nothing.
(function () {
  'use strict';

  const RESULT_KEY = 'widget.result';

  /** FNV-1a: text to a 32-bit state. */
  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  }

  function mulberry32(a) {
    return function () {
      a |= 0;
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** A seeded random source; the same text always gives the same draws. */
  function rng(seedText) {
    const next = mulberry32(hash(String(seedText)));
    const int = (min, max) => min + Math.floor(next() * (max - min + 1));
    const shuffle = (items) => {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        const t = copy[i];
        copy[i] = copy[j];
        copy[j] = t;
      }
      return copy;
    };
    return {
      next,
      int,
      chance: (p) => next() < p,
      pick: (items) => items[int(0, items.length - 1)],
      shuffle,
      /** `n` different items, in random order. */
      sample: (items, n) => shuffle(items).slice(0, n),
    };
  }

  // Ordinary English words for labels (none is a word the pages use for their own
  // controls, like "submit" or "search", and none contains another).
  const WORDS = [
    'apple', 'anchor', 'autumn', 'bagel', 'bamboo', 'banana', 'basket', 'beach', 'berry', 'bicycle',
    'blanket', 'bottle', 'breeze', 'bridge', 'bucket', 'butter', 'cabin', 'cactus', 'camera', 'candle',
    'canyon', 'carpet', 'carrot', 'castle', 'cherry', 'circle', 'cloud', 'clover', 'coffee', 'copper',
    'cotton', 'crayon', 'desert', 'dinner', 'dolphin', 'dragon', 'drum', 'eagle', 'engine', 'falcon',
    'feather', 'fence', 'fiddle', 'flower', 'forest', 'fossil', 'fountain', 'garden', 'garlic', 'ginger',
    'glacier', 'glove', 'granite', 'grape', 'guitar', 'hammer', 'harbor', 'harvest', 'helmet', 'honey',
    'island', 'ivory', 'jacket', 'jelly', 'jungle', 'kettle', 'kitten', 'ladder', 'lagoon', 'lantern',
    'lemon', 'lettuce', 'library', 'lizard', 'lobster', 'magnet', 'mango', 'marble', 'meadow', 'melon',
    'mirror', 'monkey', 'mountain', 'muffin', 'napkin', 'needle', 'noodle', 'ocean', 'olive', 'orange',
    'orchard', 'otter', 'oyster', 'paddle', 'palace', 'panda', 'paper', 'parrot', 'peach', 'pebble',
    'pencil', 'pepper', 'piano', 'pillow', 'pirate', 'planet', 'plum', 'pocket', 'potato', 'pumpkin',
    'puzzle', 'rabbit', 'radio', 'rainbow', 'raven', 'ribbon', 'river', 'rocket', 'saddle', 'salmon',
    'sandal', 'saucer', 'scarf', 'shadow', 'shell', 'silver', 'sketch', 'sled', 'snail', 'socket',
    'spider', 'spoon', 'squirrel', 'statue', 'stone', 'summer', 'sunset', 'sweater', 'table',
    'teapot', 'thunder', 'tiger', 'timber', 'tomato', 'tower', 'tractor', 'trumpet', 'tulip', 'tunnel',
    'turtle', 'umbrella', 'valley', 'velvet', 'violin', 'wagon', 'walnut', 'wallet', 'walrus', 'whale',
    'whistle', 'willow', 'window', 'winter', 'wizard', 'wool', 'yogurt', 'zebra', 'acorn', 'almond',
    'badger', 'beetle', 'biscuit', 'blossom', 'cedar', 'chimney', 'cobalt', 'cricket', 'daisy', 'ember',
    'fabric', 'galaxy', 'goblet', 'gravel', 'hazel', 'hedge', 'jasmine', 'kayak', 'lily', 'maple',
    'mitten', 'mosaic', 'nectar', 'onion', 'pasta', 'quartz', 'quilt', 'saffron', 'sparrow', 'thimble', 'velcro',
  ];

  const NAMES = [
    'Ana', 'Bob', 'Carla', 'David', 'Elena', 'Frank', 'Grace', 'Henry', 'Irene', 'Jack',
    'Karen', 'Liam', 'Maria', 'Nathan', 'Olga', 'Peter', 'Quinn', 'Rachel', 'Samuel', 'Tina',
    'Umar', 'Vera', 'Walter', 'Xenia', 'Yusuf', 'Zoe', 'Aaron', 'Bianca', 'Caleb', 'Delia',
    'Edgar', 'Fiona', 'Gustav', 'Hannah', 'Ivan', 'Julia', 'Kevin', 'Laura', 'Marcus', 'Nina',
    'Oscar', 'Paula', 'Rafael', 'Sofia', 'Thomas', 'Ursula', 'Victor', 'Wendy', 'Yara', 'Alice',
    'Bruno', 'Chloe', 'Dmitri', 'Emma', 'Felix', 'Greta', 'Hugo', 'Ingrid', 'Joel', 'Kira',
  ];

  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

  function seed() {
    const raw = new URLSearchParams(location.search).get('seed');
    const n = raw === null ? NaN : parseInt(raw, 10);
    return Number.isFinite(n) ? n : 1;
  }

  let committed = false;

  /** Starts a page: clears any earlier result and returns the page's random source. */
  function start(kind) {
    try {
      sessionStorage.removeItem(RESULT_KEY);
    } catch (e) {
      /* storage unavailable: the window property still holds the result */
    }
    committed = false;
    window.__widget = { done: false, success: false, detail: null };
    document.documentElement.dataset.widget = kind;
    return rng(`${kind}:${seed()}`);
  }

  /** Shows the task text in #task and exposes the drawn instance (plus `text` and `seed`) as window.__widgetTask. */
  function task(text, data) {
    document.getElementById('task').textContent = text;
    window.__widgetTask = Object.assign({}, data, { text: text, seed: seed() });
  }

  /** Records the outcome of the first commit; later calls change nothing. Returns whether it recorded. */
  function commit(success, detail, line) {
    if (committed) return false;
    committed = true;
    const result = { done: true, success: !!success, detail: detail === undefined ? null : detail };
    window.__widget = result;
    try {
      sessionStorage.setItem(RESULT_KEY, JSON.stringify(result));
    } catch (e) {
      /* ignore */
    }
    const out = document.getElementById('result');
    if (out) out.textContent = line || 'Answer recorded.';
    document.documentElement.dataset.committed = 'true';
    return true;
  }

  /** Creates an element: el('a', { href: '#', class: 'x', onclick: fn }, 'text', child…). */
  function el(tag, attrs) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'style' && typeof v === 'object') Object.assign(node.style, v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else node.setAttribute(k, String(v));
    }
    for (let i = 2; i < arguments.length; i++) {
      const c = arguments[i];
      if (c === undefined || c === null || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  /** Varies the look per seed: the panel's width, offset, padding and the text size. */
  function vary(r, panel) {
    document.body.style.fontSize = `${r.int(14, 18)}px`;
    if (!panel) return;
    panel.style.maxWidth = `${r.int(380, 760)}px`;
    panel.style.marginLeft = `${r.int(0, 120)}px`;
    panel.style.padding = `${r.int(10, 28)}px`;
  }

  const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
  /** "A", "A and B", "A, B and C". */
  function joinAnd(items) {
    if (items.length <= 1) return items.join('');
    return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  }
  function ordinal(n) {
    const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] || 'th';
    return `${n}${s}`;
  }
  const ORDINAL_WORDS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];
  /** A short sentence of ordinary words, capitalized, with a full stop. */
  function sentence(r, n, exclude) {
    const pool = exclude ? WORDS.filter((w) => !exclude.includes(w)) : WORDS;
    const words = [];
    for (let i = 0; i < n; i++) words.push(r.pick(pool));
    return `${cap(words.join(' '))}.`;
  }

  /**
   * A paragraph of `nWords` ordinary words in sentences, with a link (<a href="#">) for
   * each of `linkTexts` among them. Plain words avoid `exclude` and the links' words.
   */
  function linkParagraph(r, linkTexts, nWords, exclude) {
    const avoid = new Set((exclude || []).concat(...linkTexts.map((t) => t.toLowerCase().split(/\s+/))));
    const pool = WORDS.filter((w) => !avoid.has(w));
    const tokens = [];
    for (let i = 0; i < nWords; i++) tokens.push({ word: r.pick(pool) });
    for (const text of linkTexts) tokens.splice(r.int(0, tokens.length), 0, { link: text });
    const p = el('p');
    let left = r.int(5, 10);
    let first = true;
    tokens.forEach((t, i) => {
      if (!first) p.append(' ');
      if (t.link) p.append(el('a', { href: '#', text: t.link }));
      else p.append(first ? cap(t.word) : t.word);
      first = false;
      if (--left === 0 || i === tokens.length - 1) {
        p.append('.');
        first = true;
        left = r.int(5, 10);
      }
    });
    p.normalize();
    return p;
  }

  // ---- dates: { y, m (1–12), d } ----
  const pad = (n) => String(n).padStart(2, '0');
  const daysIn = (y, m) => new Date(y, m, 0).getDate();
  const weekday = (date) => new Date(date.y, date.m - 1, date.d).getDay();
  const iso = (date) => `${date.y}-${pad(date.m)}-${pad(date.d)}`;
  const sameDate = (a, b) => !!a && !!b && a.y === b.y && a.m === b.m && a.d === b.d;
  const dates = {
    pad,
    daysIn,
    weekday,
    iso,
    same: sameDate,
    /** 03/04/2027 */
    mdy: (date) => `${pad(date.m)}/${pad(date.d)}/${date.y}`,
    /** March 4, 2027 */
    long: (date) => `${MONTHS[date.m - 1]} ${date.d}, ${date.y}`,
    /** 4 March 2027 */
    dayFirst: (date) => `${date.d} ${MONTHS[date.m - 1]} ${date.y}`,
    /** Thursday, March 4, 2027 (the calendar's day buttons are named so) */
    full: (date) => `${WEEKDAYS[weekday(date)]}, ${MONTHS[date.m - 1]} ${date.d}, ${date.y}`,
    /** A pattern of dd, mm, yyyy: format(date, 'dd.mm.yyyy') */
    format: (date, pattern) => pattern.replace('yyyy', String(date.y)).replace('mm', pad(date.m)).replace('dd', pad(date.d)),
    random: (r, fromYear, toYear) => {
      const y = r.int(fromYear, toYear);
      const m = r.int(1, 12);
      return { y, m, d: r.int(1, daysIn(y, m)) };
    },
    addDays: (date, n) => {
      const t = new Date(date.y, date.m - 1, date.d + n);
      return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() };
    },
    addMonths: (ym, n) => {
      const k = ym.y * 12 + (ym.m - 1) + n;
      return { y: Math.floor(k / 12), m: (k % 12) + 1 };
    },
  };

  let uid = 0;
  const nextId = (prefix) => `${prefix}-${++uid}`;

  /**
   * An ARIA combobox on a text input: typing at least `minChars` letters lists the
   * matching entries (role=listbox/option); click an option, or ArrowDown/Up and Enter.
   * `source(query)` → [{ label, value }]; `onPick(item)` when one is picked.
   */
  function combobox(input, opts) {
    const minChars = opts.minChars || 1;
    const list = el('ul', { role: 'listbox', id: nextId('listbox'), class: 'listbox', hidden: true, 'aria-label': opts.listLabel || 'Suggestions' });
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');
    const wrap = el('div', { class: 'combo' });
    input.replaceWith(wrap);
    wrap.append(input, list);
    let items = [];
    let active = -1;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function setActive(i) {
      active = i;
      list.querySelectorAll('[role=option]').forEach((o, k) => o.setAttribute('aria-selected', String(k === i)));
      const o = list.children[i];
      if (o) {
        input.setAttribute('aria-activedescendant', o.id);
        o.scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function pick(item) {
      input.value = item.label;
      close();
      if (opts.onPick) opts.onPick(item);
    }
    function refresh() {
      const q = input.value.trim();
      if (q.length < minChars) return close();
      items = opts.source(q);
      if (items.length === 0) return close();
      list.replaceChildren(
        ...items.map((item, i) =>
          el('li', {
            role: 'option',
            id: `${list.id}-${i}`,
            'aria-selected': 'false',
            text: item.label,
            onmousedown: (e) => e.preventDefault(),
            onclick: () => pick(item),
          }),
        ),
      );
      active = -1;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    input.addEventListener('input', () => {
      if (opts.onType) opts.onType();
      refresh();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (list.hidden) refresh();
        if (!items.length) return;
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : items.length - 1) : (active + step + items.length) % items.length);
      } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
        e.preventDefault();
        pick(items[active]);
      } else if (e.key === 'Escape' && !list.hidden) {
        e.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', close);
    return { close, refresh };
  }

  /**
   * A calendar popup for a readonly text input: clicking the input (or `button`) opens
   * a month view with "Previous month"/"Next month" buttons and one button per day,
   * named by its full date ("Thursday, March 4, 2027"). Picking a day fills the input
   * with `display(date)` and closes the popup; Escape or a click outside closes it.
   */
  function calendar(input, opts) {
    const display = opts.display || dates.mdy;
    let shown = { y: opts.start.y, m: opts.start.m };
    let selected = null;
    const titleId = nextId('cal-title');
    const title = el('span', { class: 'cal-title', id: titleId, 'aria-live': 'polite' });
    const prev = el('button', { type: 'button', class: 'cal-nav', 'aria-label': 'Previous month', title: 'Previous month', text: '‹' });
    const next = el('button', { type: 'button', class: 'cal-nav', 'aria-label': 'Next month', title: 'Next month', text: '›' });
    const grid = el('div', { class: 'cal-grid' });
    const pop = el('div', { class: 'calendar', role: 'dialog', 'aria-labelledby': titleId, hidden: true }, el('div', { class: 'cal-head' }, prev, title, next), grid);
    const wrap = el('div', { class: 'cal-wrap' });
    input.replaceWith(wrap);
    wrap.append(input);
    if (opts.button) wrap.append(opts.button);
    wrap.append(pop);
    input.readOnly = true;
    input.setAttribute('aria-haspopup', 'dialog');
    input.setAttribute('aria-expanded', 'false');

    function render() {
      title.textContent = `${MONTHS[shown.m - 1]} ${shown.y}`;
      grid.replaceChildren(...['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'].map((w) => el('span', { class: 'cal-wd', 'aria-hidden': 'true', text: w })));
      const first = weekday({ y: shown.y, m: shown.m, d: 1 });
      for (let i = 0; i < first; i++) grid.append(el('span', { class: 'cal-blank' }));
      for (let d = 1; d <= daysIn(shown.y, shown.m); d++) {
        const date = { y: shown.y, m: shown.m, d };
        const chosen = sameDate(date, selected);
        grid.append(
          el('button', {
            type: 'button',
            class: chosen ? 'cal-day selected' : 'cal-day',
            'aria-label': dates.full(date),
            'aria-pressed': chosen ? 'true' : 'false',
            text: d,
            onclick: () => {
              selected = date;
              input.value = display(date);
              close();
              input.focus();
              if (opts.onPick) opts.onPick(date);
            },
          }),
        );
      }
    }
    function open() {
      if (!pop.hidden) return;
      if (selected) shown = { y: selected.y, m: selected.m };
      render();
      pop.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      pop.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    }
    prev.addEventListener('click', () => {
      shown = dates.addMonths(shown, -1);
      render();
    });
    next.addEventListener('click', () => {
      shown = dates.addMonths(shown, 1);
      render();
    });
    input.addEventListener('click', open);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') {
        e.preventDefault();
        open();
      } else if (e.key === 'Escape') close();
    });
    if (opts.button) opts.button.addEventListener('click', () => (pop.hidden ? open() : close()));
    pop.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        close();
        input.focus();
      }
    });
    document.addEventListener('mousedown', (e) => {
      if (!pop.hidden && !wrap.contains(e.target)) close();
    });
    return {
      get value() {
        return selected;
      },
      open,
      close,
    };
  }

  window.W = { hash, mulberry32, rng, WORDS, NAMES, MONTHS, WEEKDAYS, seed, start, task, commit, el, vary, cap, joinAnd, ordinal, ORDINAL_WORDS, sentence, linkParagraph, dates, combobox, calendar };
})();
