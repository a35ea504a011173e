// Recognising a screen without pixels: its path, its title and the names of its
// controls (buttons and links, not field values, which change with every visit).
import type { Observation } from '../../shared/observation';
import { normalizeText } from '../../shared/words';

const CONTROLS = new Set(['button', 'link', 'tab', 'menuitem']);

export function screenFingerprint(o: Pick<Observation, 'url' | 'title' | 'elements'>): string {
  let path = o.url;
  try {
    const u = new URL(o.url);
    path = `${u.origin}${u.pathname}`;
  } catch {
    // not a URL: keep it as it is
  }
  const names = [...new Set(o.elements.filter((e) => CONTROLS.has(e.role)).map((e) => normalizeText(e.name || e.text).slice(0, 40)))].sort().slice(0, 60);
  return hash(`${path}\n${normalizeText(o.title)}\n${names.join('|')}`);
}

/** FNV-1a, 64 bits as two 32-bit halves: short, stable, enough to tell screens apart. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
