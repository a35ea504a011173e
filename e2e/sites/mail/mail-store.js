// Postbox's state: sent mail, drafts, moved, read, starred and opened messages.
import { createStore } from '../common/store.js';

export const store = createStore('practice.mail', () => ({ sent: [], drafts: [], moved: {}, read: [], starred: [], opened: [] }));
