// Running a batch's attempts N at a time. Two attempts on the same site never overlap:
// sites keep state in the browser (cookies, localStorage) that one tab's setup would
// reset under another's feet, and the profile is shared by all tabs.

/** Where an attempt's state lives: the origin and the first path segment (`/shop/`). */
export function siteKey(url: string): string {
  try {
    const u = new URL(url, 'relative:/');
    return `${u.protocol === 'relative:' ? '' : u.origin}/${u.pathname.split('/')[1] ?? ''}`;
  } catch {
    return url;
  }
}

/**
 * Calls `work` for each item, in order, with at most `concurrency` running and never
 * two with the same key at once (a later item of another site may go first meanwhile).
 * Once `stopping()` says so, nothing new starts; it resolves when the running ones end.
 */
export function runInLanes<T>(items: readonly T[], options: { concurrency: number; keyOf: (item: T) => string; stopping: () => boolean }, work: (item: T) => Promise<void>): Promise<void> {
  const pending = [...items];
  const busy = new Set<string>();
  let running = 0;
  let failure: unknown;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (!options.stopping() && failure === undefined && running < options.concurrency) {
        const at = pending.findIndex((item) => !busy.has(options.keyOf(item)));
        if (at < 0) break;
        const [item] = pending.splice(at, 1);
        const key = options.keyOf(item!);
        busy.add(key);
        running++;
        work(item!)
          .catch((e: unknown) => {
            failure ??= e;
          })
          .finally(() => {
            running--;
            busy.delete(key);
            pump();
          });
      }
      if (running === 0) {
        if (failure !== undefined) reject(failure);
        else resolve();
      }
    };
    pump();
  });
}
