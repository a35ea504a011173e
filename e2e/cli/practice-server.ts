// Where relative task URLs point: the practice suite (e2e/sites/index.ts) on a fixed
// loopback port. Memory is scoped by origin, so the suite must keep its origin
// from one invocation to the next for what was learned there to apply again.
import { startPracticeSites } from '../sites/index';

export interface PracticeServer {
  origin: string;
  close(): Promise<void>;
}

/** Starts the suite at http://127.0.0.1:`port` (0: any free port), or at a free port with a warning when that one is taken. */
export async function startPracticeServer(port: number, warn: (text: string) => void): Promise<PracticeServer> {
  try {
    return await startPracticeSites(port);
  } catch (e) {
    if (port === 0) throw e;
    warn(
      `warning: port ${port} is taken (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the practice sites are at a free port instead, ` +
        'so memory this run writes for them is scoped to an origin later runs will not have (pick a free one with --sites-port)',
    );
    return startPracticeSites(0);
  }
}

/** A task's URL made absolute: relative ones resolve against the practice server. */
export function taskUrl(url: string, practiceOrigin: string | null): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (!practiceOrigin) throw new Error(`relative url ${JSON.stringify(url)} but no practice server is running`);
  return new URL(url, practiceOrigin).href;
}
