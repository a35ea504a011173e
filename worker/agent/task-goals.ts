// The shapes of everyday web tasks, read from the task's words without a model: what
// to press in the end (`Click the "Back" button`, `Follow the link "Pricing"`), which
// boxes to tick (`Select A, B and C`, `Select nothing`), which of a list (`the 3rd
// search result`), which item by what it is about (`the email from Bob`), what to do
// to it (reply, forward, delete, star…), what to open first (`Expand the section
// "Fruit"`, `hover over "Menu"`), a key to press (`Control+Enter`), a choice's letters
// (`starts with "Ja"`), and a superlative (`the cheapest`). Plain English task phrasing
// only; nothing here knows any site. task-parse.ts reads the values and field words.
import { datePatternIn } from '../../shared/dates';
import { extractValues } from '../../shared/task-values';
import { normalizeText } from '../../shared/words';
import { type SwitchGoal, switchGoals } from './switch-phrases';

/** What kind of element a task's role word names ("the link", "the tab", "the folder"). */
export type RoleWord = 'button' | 'link' | 'tab' | 'checkbox' | 'radio' | 'option' | 'item' | 'file' | 'menu' | 'section' | 'result' | 'field';

export interface PressGoal {
  /** The element's name as the task gives it. */
  name: string;
  role?: RoleWord;
}

export interface TaskGoals {
  /** The element whose click is the task, or its last step. */
  press?: PressGoal;
  /** Every control the task names to press, in order ("press "Search"", "click Submit"): names, not values. */
  controls: string[];
  /** Names of what to open first: a section to expand, a tab to switch to, a menu to hover. */
  reveal: string[];
  /** The menu or element to hover over first. */
  hover?: string;
  /** Boxes to tick, by name; an empty list means "nothing". */
  toggles?: string[];
  /** What to turn on or off ("turn off email for direct messages"): switch-goals.ts finds each switch and its group. */
  switches?: SwitchGoal[];
  /** Whether the other boxes are to be unticked ("select nothing", "only A and B"); else they are left as they are. */
  untickOthers?: boolean;
  /** The n-th (1-based; -1 the last) of a list: a search result, a row, an item. */
  ordinal?: { n: number; of: string };
  /**
   * The item the task is about, by who or what: "the email from Bob" → { noun: 'email',
   * key: 'Bob' }; further things said of it ("… about "Printer access"") in `also`.
   */
  item?: { noun: string; key: string; also?: string[] };
  /** What to do to that item: reply, forward, delete, star, archive, mark, open… */
  itemAction?: ItemAction;
  /** A key or combination to press ("Control+Enter", "Escape"). */
  keys?: string;
  /** Letters a choice must have ("an item that starts with "Ja" and ends with "ca""). */
  letters?: { startsWith?: string; endsWith?: string; contains?: string };
  /** Which of several to take by a property ("the cheapest"). */
  superlative?: Superlative;
  /** How the task says to write a date ("as dd/mm/yyyy", "format mm/dd/yyyy"). */
  dateFormat?: string;
  /** Every row whose date is before/after/on a day, and the verb to do to each ("Renew every loan due before 9 March 2027"). */
  rowsByDate?: RowsByDate;
}

export interface RowsByDate {
  /** The verb as written ("renew", "archive"): the rows' control for it carries the word. */
  verb: string;
  relation: 'before' | 'after' | 'on';
  /** The day as the task writes it. */
  date: string;
  /** The words between the rows and the day ("loan due", "reports dated"): which of a row's days is meant. */
  about: string;
}

export type ItemAction = 'reply' | 'forward' | 'delete' | 'star' | 'archive' | 'mark' | 'flag' | 'cancel' | 'open';
export type Superlative = 'cheapest' | 'most expensive' | 'shortest' | 'longest' | 'earliest' | 'latest';

const ROLE_WORDS: Record<string, RoleWord> = {
  button: 'button',
  link: 'link',
  tab: 'tab',
  checkbox: 'checkbox',
  'check box': 'checkbox',
  box: 'checkbox',
  radio: 'radio',
  option: 'option',
  item: 'item',
  entry: 'item',
  file: 'file',
  folder: 'file',
  directory: 'file',
  node: 'file',
  menu: 'menu',
  'menu item': 'item',
  section: 'section',
  panel: 'section',
  heading: 'section',
  result: 'result',
  field: 'field',
};
const ROLE_PATTERN = Object.keys(ROLE_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Letters match either case (the patterns below are case-sensitive, so that a run of capitals means a name). */
const anyCase = (pattern: string) => pattern.replace(/(?<!\\)[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const ROLE = anyCase(ROLE_PATTERN);

/** A quoted name, or a run of capitalised words: what names an element in a task. */
const QUOTED = String.raw`"([^"]+)"|“([^”]+)”|'([^']+)'`;
const NAMED = String.raw`(?:${QUOTED}|([A-Z][\w&-]*(?:\.[\w&-]+)*(?:\s+[A-Z][\w&-]*(?:\.[\w&-]+)*)*))`;
const pick = (m: RegExpExecArray, from: number): string | undefined => [m[from], m[from + 1], m[from + 2], m[from + 3]].find((g) => g !== undefined)?.trim();

// Not "open": opening something is judged by the page it opens (the result's own page), not by the click.
const PRESS_VERBS = anyCase(String.raw`click(?:\s+on)?|press|tap(?:\s+on)?|hit|push|follow|choose|pick|select`);
const CLICK_IT = anyCase(String.raw`\b(?:click|press|tap|follow|choose|pick|select)\s+(?:on\s+)?(?:it|the\s+(?:link|button|item|file|one))\b`);

const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, last: -1 };

/** Whether the span sits inside one of the task's dates, numbers or emails ("Select August 8, 2015"). */
function insideValue(task: string, start: number, end: number): boolean {
  return extractValues(task).some((v) => !v.quoted && v.kind !== 'name' && start < v.end && v.start < end);
}

interface Found extends PressGoal {
  at: number;
}

/** Every press the task names, in order: the last is its goal, the ones before open the way ("Press "Load more", then click …"). */
function presses(task: string): Found[] {
  const found: Found[] = [];
  const take = (name: string | undefined, role: string | undefined, at: number, end: number) => {
    if (!name || insideValue(task, at, end) || found.some((f) => f.at === at || f.name === name)) return;
    found.push({ name, ...(role ? { role: ROLE_WORDS[role.toLowerCase()]! } : {}), at });
  };
  // click the "X" button / click "X" / press X / click on the folder or file named "X"
  const direct = new RegExp(String.raw`\b(?:${PRESS_VERBS})\s+(?:the\s+|on\s+the\s+)?(?:(${ROLE})(?:\s+or\s+(?:${ROLE}))?\s+(?:named\s+|called\s+|labell?ed\s+)?)?${NAMED}(?:\s+(${ROLE})\b)?`, 'gu');
  for (const m of task.matchAll(direct)) take(pick(m, 2), m[1] ?? m[6], m.index, m.index + m[0].length);
  // the button labelled "X" … click it; the "X" button appears …; click it; the link "X" … click the link
  if (new RegExp(CLICK_IT, 'u').test(task)) {
    const named = new RegExp(String.raw`\b(?:the|a)\s+(${ROLE})\s+(?:named\s+|called\s+|labell?ed\s+|that\s+says\s+)?(?:${QUOTED})|(?:${QUOTED})\s+(${ROLE})\b`, 'gu');
    for (const m of task.matchAll(named)) take([m[2], m[3], m[4], m[5], m[6], m[7]].find((g) => g !== undefined), m[1] ?? m[8], m.index, m.index + m[0].length);
  }
  return found.sort((a, b) => a.at - b.at);
}

/** "Expand the section "Fruit"", "open the "Files" tab", "switch to the "Details" tab", "hover over "Menu"". */
function revealGoals(task: string): { reveal: string[]; hover?: string } {
  const reveal: string[] = [];
  let hover: string | undefined;
  const open = new RegExp(anyCase(String.raw`\b(?:expand|unfold|open|switch\s+to|go\s+to|show|under|inside|within)\s+(?:the\s+)?(?:(?:section|folder|tab|panel|group|menu|category|heading)\s+)?`) + NAMED + anyCase(String.raw`(?:\s+(?:section|folder|tab|panel|group|menu|category))?`), 'gu');
  for (const m of task.matchAll(open)) {
    const name = pick(m as RegExpExecArray, 1);
    const said = m[0].toLowerCase();
    // "open the link X" is a press, not a reveal.
    if (name && /section|folder|tab|panel|group|menu|category|expand|unfold|switch|under|inside|within/.test(said)) reveal.push(name);
  }
  const hovering = new RegExp(anyCase(String.raw`\b(?:hover|mouse)\s+(?:over|on)\s+(?:the\s+)?(?:(?:menu|item|button)\s+)?`) + NAMED, 'u').exec(task);
  if (hovering) hover = pick(hovering, 1);
  return { reveal, ...(hover ? { hover } : {}) };
}

/** Where a list of boxes ends: a press that follows it, or the end of its sentence. */
const LIST_END = String.raw`(?:\s*(?:,\s*)?(?:and|then)\s+(?:then\s+)?(?:click|press|hit|submit|tap)\b|[.;!]\s|[.;!]?$)`;
const TICK_VERB = String.raw`(?:select|tick|check|mark)(?:\s+off)?`;

/**
 * "Select A, B and C", "tick x and y", "check nothing", "Tick the items I have on the
 * list: A, B and C", "check off A and B on my list, nothing else": the boxes a task
 * wants ticked, in its words.
 */
function toggleGoals(task: string): string[] | undefined {
  const direct = new RegExp(String.raw`\b${TICK_VERB}\s+(?:the\s+(?:boxes|checkboxes|check\s+boxes|options|items)\s+(?:for|of|labell?ed|named)\s+)?(?!the\s|an?\s|it\b|them\b|one\b)(.+?)${LIST_END}`, 'iu').exec(task);
  // A list after a colon, whatever the words between the verb and it say of the boxes.
  const colon = direct ? undefined : new RegExp(String.raw`\b${TICK_VERB}\b[^.:;!?"“]{0,80}:\s*(.+?)${LIST_END}`, 'iu').exec(task);
  const m = direct ?? colon;
  if (!m) return undefined;
  // What only says where the boxes are or that the rest stay as they are: "on my list", "nothing else".
  const list = m[1]!
    .trim()
    .replace(/,?\s*(?:and\s+)?(?:nothing|none)\s+else$|\s+only$/i, '')
    .replace(/^(?:only|just|exactly)\s+/i, '')
    .replace(/\s+(?:on|in)\s+(?:(?:my|your|our)\s+[^,"“]{1,40}|the\s+[^,"“]{0,30}\blist)$/i, '')
    .trim();
  if (/^(?:nothing|none|no\s+\w+)$/i.test(list)) return [];
  const items = list
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
    .map((s) => s.replace(/^["“']|["”']$/g, '').trim())
    .filter(Boolean);
  // A date or a lone field value is not a list of boxes ("select 12/04/2033 as the date").
  if (items.length === 0 || items.some((i) => i.split(/\s+/).length > 4) || extractValues(list).some((v) => v.kind === 'date' || v.kind === 'email')) return undefined;
  if (/\bas\b|\bfrom\b|\bin\b the\b/i.test(list)) return undefined;
  return items;
}

function ordinalGoal(task: string): TaskGoals['ordinal'] {
  const words = Object.keys(ORDINAL_WORDS).join('|');
  const m = new RegExp(String.raw`\bthe\s+(?:(\d+)(?:st|nd|rd|th)|(${words}))\s+(?:search\s+)?(result|item|link|row|entry|message|email|option|one)s?\b`, 'iu').exec(task);
  if (!m) return undefined;
  const n = m[1] ? Number(m[1]) : ORDINAL_WORDS[m[2]!.toLowerCase()]!;
  return { n, of: m[3]!.toLowerCase() };
}

/** Verbs that act on an item that is already there (its name after them names it). */
const ITEM_VERBS = String.raw`open|find|reply\s+to|respond\s+to|answer|forward|delete|remove|trash|star|unstar|archive|flag|mark|read|view|show|select|choose|pick|cancel|withdraw|renew|edit|close|resolve|assign|move`;
const ITEM_VERB = new RegExp(String.raw`\b(?:${ITEM_VERBS})\s*$`, 'i');
/** A later sentence acts on the item described before it ("… can't go ahead. Please withdraw it"). */
const ITEM_VERB_ON_IT = new RegExp(String.raw`\b(?:${ITEM_VERBS})\s+(?:it|this\s+one)\b`, 'i');

const ITEM_NOUNS = 'email|e-mail|message|mail|conversation|thread|post|comment|ticket|order|row|item|entry|task|request|file|card|contact|user|product|booking|reservation|appointment|meeting|subscription|invoice|application|document|event|note|review';

function itemGoal(task: string): TaskGoals['item'] {
  // "the email from Bob", "that message by Ana", "the email "Budget approval"": a determiner
  // makes the noun an item, not a verb ("Order for Ada").
  const head = new RegExp(anyCase(String.raw`\b(?:the|that|this|an?)\s+(${ITEM_NOUNS})s?\s+`) + String.raw`(?:(?:${anyCase('sent\s+')})?(?:${anyCase('by|from|of|about|for|named|called|titled|with\s+the\s+subject')})\s+)?` + NAMED, 'u').exec(task);
  if (!head) return undefined;
  const key = pick(head, 2);
  if (!key) return undefined;
  // Without "from/about/…", "the message "X"" names an item only as the object of a verb that
  // acts on one ("Forward the email "X"", "reply to the ticket "X""); after "with"/"and" it is a value.
  const related = /\s(?:by|from|of|about|for|named|called|titled|subject)\s/i.test(head[0].replace(/"[^"]*"|“[^”]*”|'[^']*'/g, ''));
  if (!related && !ITEM_VERB.test(task.slice(Math.max(0, head.index - 20), head.index))) return undefined;
  // More that is said of the same item: "from Grace Hopper", "about "Printer access"".
  const also: string[] = [];
  const rest = task.slice(head.index + head[0].length);
  const more = new RegExp(String.raw`^(?:\s+(?:${anyCase('from|by|about|titled|called|named|sent\s+by')})\s+${NAMED})+`, 'u').exec(rest);
  if (more) for (const m of more[0].matchAll(new RegExp(String.raw`(?:${anyCase('from|by|about|titled|called|named|sent\s+by')})\s+${NAMED}`, 'gu'))) {
    const k = pick(m, 1);
    if (k && k !== key) also.push(k);
  }
  return { noun: head[1]!.toLowerCase(), key, ...(also.length ? { also } : {}) };
}

/**
 * "Answer Felix Brandt's ticket "Invoice missing"", "Forward Ana's email": whose item it
 * is (and which, when its name follows), as the object of a verb that acts on one.
 */
function possessiveItem(task: string): TaskGoals['item'] {
  const m = new RegExp(String.raw`\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+(${ITEM_NOUNS})\b(?:\s+(?:${QUOTED}))?`, 'u').exec(task);
  if (!m) return undefined;
  // The verb may be capitalised too ("Answer Grace Hopper's email"): the owner is the words after it.
  const words = m[1]!.split(/\s+/);
  const from = words.findIndex((_, i) => ITEM_VERB.test(task.slice(Math.max(0, m.index - 20), m.index) + words.slice(0, i).join(' ') + (i > 0 ? ' ' : '')));
  if (from < 0) return undefined;
  const owner = words.slice(from).join(' ');
  const named = pick(m, 3);
  return named ? { noun: m[2]!, key: named, also: [owner] } : { noun: m[2]!, key: owner };
}

/**
 * "my "Initial assessment" appointment on 29 December 2026": the item's name before its
 * noun, and the date it is on (a row must say both).
 */
function namedItem(task: string): TaskGoals['item'] {
  const m = new RegExp(String.raw`\b(?:the|my|your|our)\s+(?:${QUOTED})\s+(${ITEM_NOUNS})s?\b`, 'iu').exec(task);
  if (!m || !ITEM_VERB.test(task.slice(Math.max(0, m.index - 20), m.index))) return undefined;
  const key = pick(m, 1)!;
  const rest = task.slice(m.index + m[0].length);
  const on = /^\s+(?:on|for|dated)\s+/i.exec(rest);
  const date = on ? extractValues(rest.slice(on[0].length, on[0].length + 40)).find((v) => v.kind === 'date' && v.start === 0) : undefined;
  return { noun: m[4]!.toLowerCase(), key, ...(date ? { also: [date.text] } : {}) };
}

/**
 * "ticket 1051 (Change company name)", "the reply box of ticket #1044", "order no. 88213":
 * an item by its number, and its title when the task gives it in brackets.
 */
function numberedItem(task: string): TaskGoals['item'] {
  const m = new RegExp(String.raw`\b(${ITEM_NOUNS})\s+(?:#\s?|no\.\s?|number\s+)?(\d{2,}[\w-]*)\b(?:\s+\(([^)]{2,80})\))?`, 'iu').exec(task);
  if (!m) return undefined;
  const before = task.slice(Math.max(0, m.index - 20), m.index);
  if (!ITEM_VERB.test(before) && !/\b(?:of|in|on|to|for)\s+(?:the\s+)?$/i.test(before)) return undefined;
  return { noun: m[1]!.toLowerCase(), key: m[2]!, ...(m[3] ? { also: [m[3].trim()] } : {}) };
}

/**
 * "Renew every loan due before March 9, 2027", "archive all reports dated after 2 May
 * 2027", "renew anything due back before 9 March 2027, and nothing else".
 */
function rowsByDateOf(task: string): RowsByDate | undefined {
  const m = /\b([a-z]+)\s+(?:all|every|each|any(?:thing)?)\b([^.;:!?]{0,80}?)\b(before|after|earlier\s+than|later\s+than|on)\s+/i.exec(task);
  if (!m || /^(?:and|or|then|to|of|for|with|at|in|on)$/i.test(m[1]!)) return undefined;
  const date = dateAtStart(task.slice(m.index + m[0].length));
  if (!date) return undefined;
  const word = m[3]!.toLowerCase();
  const relation = word === 'on' ? 'on' : /before|earlier/.test(word) ? 'before' : 'after';
  return { verb: m[1]!.toLowerCase(), relation, date: date.text, about: m[2]!.trim() };
}

/** The date `text` starts with; it may lead with its weekday ("Mon 22 Mar 2027"). */
function dateAtStart(text: string) {
  return extractValues(text.slice(0, 40)).find((v) => v.kind === 'date' && /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?$/i.test(text.slice(0, v.start)));
}

/**
 * "withdraw your request that covers 28 June", "cancel the pending booking that includes
 * that day", "your volunteering day request starting 28 April … Please withdraw it": the
 * item by a day it takes in. "That day" is the one day the task names.
 */
function coveringItem(task: string): TaskGoals['item'] {
  const m = new RegExp(String.raw`\b(?:the|my|your|our|that|this)\s+(?:[\p{L}\p{N}-]+\s+){0,3}?(${ITEM_NOUNS})s?\s+(?:(?:that|which)\s+(?:covers|includes|spans|contains|takes\s+in|overlaps(?:\s+with)?|falls\s+on|is\s+(?:on|for)|starts\s+on|begins\s+on|ends\s+on)|(?:starting|beginning|ending)(?:\s+on)?)\s+`, 'iu').exec(task);
  if (!m) return undefined;
  const actedOn = ITEM_VERB.test(task.slice(Math.max(0, m.index - 20), m.index)) || ITEM_VERB_ON_IT.test(task.slice(m.index + m[0].length));
  if (!actedOn) return undefined;
  const rest = task.slice(m.index + m[0].length);
  const days = extractValues(task).filter((v) => v.kind === 'date');
  const theOneDay = new Set(days.map((d) => normalizeText(d.text))).size === 1 ? days[0]!.text : undefined;
  const day = dateAtStart(rest)?.text ?? (/^(?:that|this|the\s+same)\s+(?:day|date)\b/i.test(rest) ? theOneDay : undefined);
  return day ? { noun: m[1]!.toLowerCase(), key: day } : undefined;
}

function itemActionOf(task: string): ItemAction | undefined {
  const m = /\b(reply|respond|answer|forward|delete|remove|trash|star|unstar|archive|mark|flag|cancel|withdraw)\b/i.exec(task);
  if (!m) return undefined;
  const verb = m[1]!.toLowerCase();
  if (verb === 'respond' || verb === 'answer') return 'reply';
  if (verb === 'withdraw') return 'cancel';
  if (verb === 'remove' || verb === 'trash') return 'delete';
  if (verb === 'unstar') return 'star';
  return verb as ItemAction;
}

function keysOf(task: string): string | undefined {
  const combo = /\b((?:Control|Ctrl|Shift|Alt|Option|Cmd|Command|Meta)(?:\s*\+\s*(?:Control|Ctrl|Shift|Alt|Cmd|Meta))*\s*\+\s*(?:[A-Za-z]\w*|\d))\b/.exec(task);
  if (combo) return combo[1]!.replace(/\s+/g, '').replace(/^Ctrl\b/i, 'Control').replace(/Command|Cmd/i, 'Meta').replace(/Option/i, 'Alt');
  const single = /\bpress\s+(?:the\s+)?(Enter|Escape|Esc|Tab|Space|Backspace|Delete|Arrow(?:Up|Down|Left|Right))(?:\s+key)?\b/i.exec(task);
  if (single) return single[1]!.replace(/^Esc$/i, 'Escape');
  return undefined;
}

function lettersOf(task: string): TaskGoals['letters'] {
  const starts = /\bstarts?\s+with\s+(?:the\s+letters?\s+)?["“']([^"”']+)["”']/i.exec(task)?.[1];
  const ends = /\bends?\s+with\s+(?:the\s+letters?\s+)?["“']([^"”']+)["”']/i.exec(task)?.[1];
  const contains = /\bcontains?\s+(?:the\s+letters?\s+)?["“']([^"”']+)["”']/i.exec(task)?.[1];
  if (!starts && !ends && !contains) return undefined;
  return { ...(starts ? { startsWith: starts } : {}), ...(ends ? { endsWith: ends } : {}), ...(contains ? { contains } : {}) };
}

function superlativeOf(task: string): Superlative | undefined {
  const m = /\b(cheapest|lowest[- ]priced|least expensive|most expensive|priciest|shortest|quickest|fastest|longest|earliest|soonest|latest)\b/i.exec(task);
  if (!m) return undefined;
  const w = m[1]!.toLowerCase();
  if (/cheapest|lowest|least/.test(w)) return 'cheapest';
  if (/most expensive|priciest/.test(w)) return 'most expensive';
  if (/shortest|quickest|fastest/.test(w)) return 'shortest';
  if (w === 'longest') return 'longest';
  if (/earliest|soonest/.test(w)) return 'earliest';
  return 'latest';
}

export function taskGoals(task: string): TaskGoals {
  const { reveal, hover } = revealGoals(task);
  const pressed = presses(task);
  const press = pressed.at(-1);
  const toggles = toggleGoals(task);
  const switches = switchGoals(task);
  const untickOthers = toggles !== undefined && (toggles.length === 0 || /\b(?:only|exactly|just)\b/i.test(task));
  const ordinal = ordinalGoal(task);
  const item = coveringItem(task) ?? itemGoal(task) ?? possessiveItem(task) ?? namedItem(task) ?? numberedItem(task);
  const itemAction = item ? itemActionOf(task) : undefined;
  const keys = keysOf(task);
  const letters = lettersOf(task);
  const superlative = superlativeOf(task);
  const dateFormat = /\b(?:as|format|in the form)\b/i.test(task) ? datePatternIn(task) : null;
  const rowsByDate = rowsByDateOf(task);
  // The press is the goal only when nothing the task names comes after it (an ordinal result, a key).
  const ordinalAt = ordinal ? task.search(/\bthe\s+(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last)\s/i) : -1;
  const pressIsGoal = press && !reveal.includes(press.name) && press.name !== hover && !toggles && press.name !== keys && !(ordinal && ordinalAt > press.at);
  // Presses before the goal open the way to it.
  const before = pressIsGoal ? pressed.slice(0, -1).map((p) => p.name).filter((n) => !reveal.includes(n) && n !== keys) : [];
  return {
    ...(pressIsGoal ? { press: { name: press.name, ...(press.role ? { role: press.role } : {}) } } : {}),
    controls: pressed.map((p) => p.name),
    reveal: [...before, ...reveal],
    ...(hover ? { hover } : {}),
    ...(toggles ? { toggles, ...(untickOthers ? { untickOthers } : {}) } : {}),
    ...(switches ? { switches } : {}),
    ...(ordinal ? { ordinal } : {}),
    ...(item ? { item } : {}),
    ...(itemAction ? { itemAction } : {}),
    ...(keys ? { keys } : {}),
    ...(letters ? { letters } : {}),
    ...(superlative ? { superlative } : {}),
    ...(dateFormat ? { dateFormat } : {}),
    ...(rowsByDate ? { rowsByDate } : {}),
  };
}
