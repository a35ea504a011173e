// The secrets of runs in progress (a password the task gives), held where a restarted
// worker finds them to resume the run and nothing writes them to disk: session storage,
// in memory and cleared when the browser closes (and closed to content scripts).
import browser, { type Runtime } from 'webextension-polyfill';

const key = (runId: string) => `waymark.secrets.${runId}`;

export async function holdSecrets(runId: string, values: string[] | null): Promise<number> {
  if (values?.length) await browser.storage.session.set({ [key(runId)]: values });
  else await browser.storage.session.remove(key(runId));
  return values?.length ?? 0;
}

export async function heldSecrets(runId: string): Promise<string[] | null> {
  const held = (await browser.storage.session.get(key(runId)))[key(runId)];
  return Array.isArray(held) && held.every((v) => typeof v === 'string') ? held : null;
}

/** Only the extension's own pages (the worker's host) may hold or read secrets: never a tab's content script. */
export function checkSecretsCaller(sender: Runtime.MessageSender): void {
  if (sender.id !== browser.runtime.id || sender.tab !== undefined) throw new Error('only the extension itself may hold or read run secrets');
}
