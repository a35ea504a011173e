// Notices after a change, with Undo where the change can be undone ("no silent
// forgetting"): announced through a polite live region, and kept until the next
// notice or until dismissed, so nobody has to race a timer to press Undo.
import { byId, errorText, h } from './dom';

export interface NoticeOptions {
  undo?: () => Promise<string | void>;
  error?: boolean;
}

export function notify(message: string, options: NoticeOptions = {}): void {
  const region = byId('notices');
  const text = h('span', { class: options.error ? 'error' : '', text: message });
  const close = h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss', text: '×', onclick: () => region.replaceChildren() });
  const undo = options.undo;
  const undoButton = undo
    ? h('button', {
        type: 'button',
        text: 'Undo',
        onclick: async () => {
          undoButton!.disabled = true;
          try {
            const said = await undo();
            notify(said || 'Undone.');
          } catch (e) {
            notify(`Could not undo: ${errorText(e)}`, { error: true });
          }
        },
      })
    : null;
  region.replaceChildren(h('div', { class: 'notice' }, text, undoButton, close));
}
