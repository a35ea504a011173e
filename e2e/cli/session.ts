// Opening the browser for a verb: the build must be there (and is checked for being
// older than the sources), the profile folder is made or reused, and a profile is
// only ever opened by the browser it was made for.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserName } from './args';
import type { BrowserSession } from './browser-session';
import { launchChromiumSession } from './chromium-session';
import { SetupError } from './errors';
import { launchFirefoxSession } from './firefox-session';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCES = ['manifest.json', 'extension', 'worker', 'shared'];
/** A file in the profile folder saying which browser made it (and Firefox's add-on UUID). */
const PROFILE_MARK = 'waymark-cli.json';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Throws when the build is missing; returns a warning when it is older than the sources. */
export function checkBuild(browser: BrowserName): string | null {
  const override = browser === 'chromium' ? process.env.WAYMARK_CHROME_EXT : process.env.WAYMARK_FIREFOX_EXT;
  const dir = override ?? join(ROOT, 'dist', browser === 'chromium' ? 'chrome' : 'firefox');
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) throw new SetupError(`no built extension at ${dir}: run \`npm run build\` first`);
  const built = statSync(manifest).mtimeMs;
  const changed = Math.max(...SOURCES.map((s) => join(ROOT, s)).filter(existsSync).map(newestMtime));
  return changed > built ? `warning: the build in ${dir} is older than the sources (run \`npm run build\` to test the current code)` : null;
}

export interface ProfileMark {
  browser: BrowserName;
  /** Firefox: the add-on's fixed UUID, so its IndexedDB origin is the same every time. */
  extensionUuid?: string;
}

/** The profile folder (made when new, a temporary one when none is given) and what it was made for. */
export function prepareProfile(browser: BrowserName, profileDir: string | undefined): { dir: string; mark: ProfileMark } {
  const dir = profileDir ? resolve(profileDir) : mkdtempSync(join(tmpdir(), `waymark-${browser}-profile-`));
  mkdirSync(dir, { recursive: true });
  const markFile = join(dir, PROFILE_MARK);
  if (existsSync(markFile)) {
    const mark = JSON.parse(readFileSync(markFile, 'utf8')) as ProfileMark;
    if (mark.browser !== browser) throw new SetupError(`the profile ${dir} belongs to ${mark.browser}, not ${browser}: use another --profile`);
    return { dir, mark };
  }
  if (readdirSync(dir).length > 0) {
    // A folder that was used before the mark existed, or by someone else: say what it is for from now on.
    const looksChromium = existsSync(join(dir, 'Default')) || existsSync(join(dir, 'Local State'));
    const looksFirefox = existsSync(join(dir, 'prefs.js')) || existsSync(join(dir, 'times.json'));
    if ((browser === 'chromium' && looksFirefox) || (browser === 'firefox' && looksChromium)) {
      throw new SetupError(`the profile ${dir} was made by ${looksFirefox ? 'Firefox' : 'Chromium'}, not ${browser}: use another --profile`);
    }
  }
  const mark: ProfileMark = browser === 'firefox' ? { browser, extensionUuid: crypto.randomUUID() } : { browser };
  writeFileSync(markFile, `${JSON.stringify(mark, null, 2)}\n`);
  return { dir, mark };
}

export async function openSession(options: { browser: BrowserName; profileDir: string | undefined; headed: boolean; onWarning?: (text: string) => void }): Promise<{ session: BrowserSession; profileDir: string }> {
  const warning = checkBuild(options.browser);
  if (warning) options.onWarning?.(warning);
  const { dir, mark } = prepareProfile(options.browser, options.profileDir);
  try {
    const session =
      options.browser === 'chromium'
        ? await launchChromiumSession({ profileDir: dir, headed: options.headed })
        : await launchFirefoxSession({ profileDir: dir, headed: options.headed, extensionUuid: mark.extensionUuid! });
    return { session, profileDir: dir };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const hint = /ProcessSingleton|in use|lock/i.test(String(e)) ? ' (is another browser using this profile?)' : '';
    throw new SetupError(`could not start ${options.browser} with Waymark on ${dir}: ${why}${hint}`);
  }
}
