// Regenerates the OCR and visual-signature test screenshots and their ground truth:
//   npx tsx worker/ocr/testdata/capture.ts
// Local pages are rendered by Debian's Chromium (headless, 1280×720) with Playwright.
// Every element marked `data-gt` is one ground-truth text line; its box comes from the
// layout, so truth.json says what is written where. Lines under an element marked
// `data-occluder` (a dialog), other than its own, are left out of that screenshot's truth.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { type Page, chromium } from 'playwright-core';

const OUT_DIR = import.meta.dirname;
const CHROMIUM = process.env.WAYMARK_CHROMIUM ?? '/usr/lib/chromium/chromium';
const VIEWPORT = { width: 1280, height: 720 };

export interface TruthLine {
  text: string;
  box: { x: number; y: number; width: number; height: number };
}

export interface TruthFile {
  /** Ground-truth lines per screenshot file. */
  screenshots: Record<string, { description: string; /** The main heading, which OCR must read exactly. */ heading: string; lines: TruthLine[] }>;
  /** Pairs that show the same screen state (signature must say same). */
  sameState: [string, string, string][];
  /** Pairs that show different screen states (signature must say different). */
  differentState: [string, string, string][];
}

const SITE_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: 'DejaVu Sans', sans-serif; color: #1f2933; background: #f7f7f2; }
  .line { white-space: nowrap; display: block; width: max-content; }
  nav { display: flex; align-items: center; gap: 40px; height: 64px; padding: 0 40px; background: #23344a; color: #fff; }
  nav .brand { font-size: 22px; font-weight: bold; margin-right: 40px; }
  nav a { color: #dbe7f5; font-size: 17px; text-decoration: none; }
  main { display: flex; gap: 56px; padding: 36px 40px; }
  article { width: 780px; }
  h1 { font-size: 44px; margin: 0 0 10px; }
  h2 { font-size: 26px; margin: 28px 0 10px; }
  .meta { color: #5f6b7a; font-size: 15px; margin-bottom: 22px; }
  article p { font-size: 18px; line-height: 30px; margin: 0; }
  aside { width: 320px; background: #fff; border: 1px solid #d9dde3; border-radius: 8px; padding: 20px 24px; }
  aside h3 { font-size: 19px; margin: 0 0 12px; }
  aside p { font-size: 15px; line-height: 26px; margin: 0; }
  .menu-item { font-size: 16px; padding: 11px 18px; }
  footer { position: absolute; bottom: 0; left: 0; right: 0; height: 40px; padding: 10px 40px; font-size: 13px; color: #5f6b7a; border-top: 1px solid #d9dde3; }
`;

function lines(tag: string, texts: string[], cls = ''): string {
  return texts.map((t) => `<${tag} class="line ${cls}" data-gt>${t}</${tag}>`).join('\n');
}

function sitePage(article: string, guidesMenuOpen = false): string {
  // An open navigation menu: a different state of the same page.
  const menu = guidesMenuOpen
    ? `<div data-occluder style="position:fixed; left:416px; top:64px; width:240px; background:#fff; border:1px solid #c9d1db; box-shadow:0 10px 24px rgba(0,0,0,.18); padding:6px 0">
        ${lines('div', ['Planting guides', 'Pest control', 'Soil and compost', 'Tools and care'], 'menu-item')}</div>`
    : '';
  return `<!doctype html><html><head><style>${SITE_CSS}</style></head><body>
  <nav><span class="brand" data-gt>Waymark Gardens</span>
    <a href="#" data-gt>Home</a><a href="#" data-gt>Guides</a><a href="#" data-gt>Shop</a><a href="#" data-gt>Contact</a></nav>
  <main>
    <article>${article}</article>
    <aside>
      <h3 data-gt class="line">Upcoming events</h3>
      ${lines('p', ['Seed swap, Saturday 10:00', 'Composting basics, 14 June', 'Orchard walk, 2 July'])}
    </aside>
  </main>
  <footer><span class="line" data-gt>© 2025 Waymark Gardens · Privacy · Terms</span></footer>
  ${menu}
  </body></html>`;
}

const REPORT_ARTICLE = `
  <h1 class="line" data-gt>Quarterly Garden Report</h1>
  <div class="meta line" data-gt>Published 12 March 2025 by Ada Lovelace</div>
  ${lines('p', [
    'Spring planting started two weeks early this year.',
    'Tomatoes and peppers went into the raised beds on April 2.',
    'The new drip irrigation cut water use by almost a third.',
  ])}
  <h2 class="line" data-gt>What we learned</h2>
  ${lines('p', [
    'Mulch the beds before the first warm week, not after it.',
    'Label every seed tray with the sowing date and the variety.',
    'Check the rain barrels for leaks at the start of each month.',
  ])}`;

// Same site, same layout, different main content: a different screen state.
const PRUNING_PAGE = sitePage(`
  <h1 class="line" data-gt>Winter Pruning Checklist</h1>
  <div class="meta line" data-gt>Updated 3 January 2025 by Grace Hopper</div>
  <div style="display:flex; gap:24px; margin-bottom:18px">
    <div style="width:220px; height:150px; border-radius:6px; background:linear-gradient(135deg,#6b8f4e,#2f5d3a)"></div>
    <div>
      ${lines('p', ['Prune apple and pear trees while dormant.', 'Cut back to an outward facing bud.', 'Remove dead, diseased and crossing wood.'])}
    </div>
  </div>
  ${lines('p', ['Sharpen and clean the secateurs before you start.', 'Leave stone fruit such as plums until summer.'])}`);

const LOGIN_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: 'Liberation Sans', sans-serif; background: #eef1f5; color: #1c2430; }
  .line { white-space: nowrap; display: block; width: max-content; }
  header { height: 56px; padding: 14px 32px; background: #fff; border-bottom: 1px solid #d5dbe3; font-size: 22px; font-weight: bold; color: #2b5fd9; }
  .card { width: 440px; margin: 56px auto 0; background: #fff; border: 1px solid #d5dbe3; border-radius: 10px; padding: 32px 36px; }
  h1 { font-size: 30px; margin: 0 0 8px; }
  .sub { color: #5b6675; font-size: 16px; margin-bottom: 24px; }
  label { font-size: 16px; font-weight: bold; margin: 0 0 6px; }
  input.field { width: 100%; height: 42px; font: 17px 'Liberation Sans', sans-serif; padding: 0 12px; border: 1px solid #aab4c0; border-radius: 6px; margin-bottom: 18px; color: #1c2430; }
  .row { display: flex; align-items: center; gap: 8px; font-size: 15px; margin-bottom: 20px; }
  button { width: 100%; height: 46px; border: 0; border-radius: 6px; background: #2b5fd9; color: #fff; font: bold 18px 'Liberation Sans', sans-serif; }
  .links { display: flex; justify-content: space-between; margin-top: 18px; font-size: 15px; }
  .links a { color: #2b5fd9; }
  .error { color: #c0262d; font-size: 15px; margin: -10px 0 12px; }
  .overlay { position: fixed; inset: 0; background: rgba(15, 23, 42, 0.55); display: flex; align-items: center; justify-content: center; }
  .dialog { width: 480px; background: #fff; border-radius: 12px; padding: 28px 32px; box-shadow: 0 20px 50px rgba(0,0,0,.35); }
  .dialog h2 { font-size: 26px; margin: 0 0 12px; }
  .dialog p { font-size: 17px; line-height: 28px; margin: 0; }
  .actions { display: flex; justify-content: flex-end; gap: 12px; margin-top: 22px; }
  .actions button { width: auto; padding: 0 22px; height: 42px; font-size: 16px; }
  .actions .secondary { background: #e4e8ee; color: #1c2430; }
`;

function loginPage(state: { dialog?: boolean; emailError?: boolean } = {}): string {
  const error = state.emailError ? `<div class="error line" data-gt>Enter a valid email address.</div>` : '';
  const dialog = state.dialog
    ? `<div class="overlay"><div class="dialog" data-occluder>
        <h2 class="line" data-gt>Session expired</h2>
        ${lines('p', ['Your session timed out after 30 minutes.', 'Sign in again to continue where you left off.'])}
        <div class="actions"><button class="secondary" data-gt>Cancel</button><button data-gt>Sign in again</button></div>
      </div></div>`
    : '';
  return `<!doctype html><html><head><style>${LOGIN_CSS}</style></head><body>
  <header><span class="line" data-gt>Northwind Bank</span></header>
  <div class="card">
    <h1 class="line" data-gt>Sign in to your account</h1>
    <div class="sub line" data-gt>Use the email address you registered with.</div>
    <label class="line" for="email" data-gt>Email address</label>
    <input id="email" class="field" type="email" value="ada@example.com" data-gt-value>
    ${error}
    <label class="line" for="password" data-gt>Password</label>
    <input id="password" class="field" type="password" value="hunter22">
    <div class="row"><input type="checkbox" checked><span data-gt class="line">Keep me signed in</span></div>
    <button data-gt>Sign in</button>
    <div class="links"><a href="#" data-gt class="line">Forgot your password?</a><a href="#" data-gt class="line">Create an account</a></div>
  </div>
  ${dialog}
  </body></html>`;
}

// Runs in the page. A string, not a function: tsx would wrap inner functions in a
// `__name` helper that does not exist in the page.
const TRUTH_LINES_SCRIPT = `(() => {
  const occluders = [...document.querySelectorAll('[data-occluder]')];
  const overlaps = (r, o) => r.left < o.right && o.left < r.right && r.top < o.bottom && o.top < r.bottom;
  const out = [];
  for (const el of document.querySelectorAll('[data-gt], [data-gt-value]')) {
    let rect = el.getBoundingClientRect();
    let text = (el.textContent || '').trim();
    if (el instanceof HTMLInputElement) {
      text = el.value;
    } else if (el.tagName !== 'BUTTON') {
      // The box of the text itself, not of a block that may be wider.
      const range = document.createRange();
      range.selectNodeContents(el);
      rect = range.getBoundingClientRect();
    }
    if (occluders.some((o) => !o.contains(el) && overlaps(rect, o.getBoundingClientRect()))) continue;
    out.push({ text, box: { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) } });
  }
  return out;
})()`;

/** Text and layout box of every visible ground-truth line on the page. */
async function truthLines(page: Page): Promise<TruthLine[]> {
  return (await page.evaluate(TRUTH_LINES_SCRIPT)) as TruthLine[];
}

/** Decodes a JPEG in the browser and returns its pixels, so a lossless PNG keeps the JPEG artefacts. */
async function decodeJpegInBrowser(page: Page, jpeg: Buffer): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { width, height, pixels } = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { width: bitmap.width, height: bitmap.height, pixels: Array.from(data) };
  }, jpeg.toString('base64'));
  return { width, height, data: Uint8Array.from(pixels) };
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const truth: TruthFile = { screenshots: {}, sameState: [], differentState: [] };

  async function shoot(file: string, description: string, heading: string, html: string, prepare?: () => Promise<void>): Promise<void> {
    await page.setContent(html);
    await page.evaluate(() => document.fonts.ready);
    if (prepare) await prepare();
    const png = await page.screenshot({ caret: 'initial' });
    writeFileSync(join(OUT_DIR, file), png);
    const lines = await truthLines(page);
    if (!lines.some((line) => line.text === heading)) throw new Error(`${file}: the heading "${heading}" is not among its visible lines`);
    truth.screenshots[file] = { description, heading, lines };
  }

  // The caret is the only difference between these two: focus the email field, caret at the end or after "ada".
  const caretAt = (offset: number | 'end') => async () => {
    await page.focus('#email');
    await page.evaluate((at) => {
      const input = document.querySelector<HTMLInputElement>('#email')!;
      // Email inputs refuse setSelectionRange: switch the type for the caret move; it renders the same.
      input.type = 'text';
      const pos = at === 'end' ? input.value.length : at;
      input.setSelectionRange(pos, pos);
    }, offset);
  };

  const signIn = 'Sign in to your account';
  await shoot('report.png', 'Article page with a large heading and paragraphs', 'Quarterly Garden Report', sitePage(REPORT_ARTICLE));
  // The menu covers part of the main heading: the section heading is the one to read.
  await shoot('report-menu.png', 'report.png with the Guides menu open', 'What we learned', sitePage(REPORT_ARTICLE, true));
  await shoot('pruning.png', 'Same site and layout as report.png, different article', 'Winter Pruning Checklist', PRUNING_PAGE);
  await shoot('login.png', 'Login form, email filled, caret at the end of the email', signIn, loginPage(), caretAt('end'));
  await shoot('login-caret.png', 'login.png with the caret moved after "ada"', signIn, loginPage(), caretAt(3));
  await shoot('login-dialog.png', 'login.png with a "Session expired" dialog open', 'Session expired', loginPage({ dialog: true }));
  await shoot('login-error.png', 'login.png with a validation error under the email', signIn, loginPage({ emailError: true }), caretAt('end'));

  // login.png through JPEG at quality 70 (what a screenshot capture may store), saved losslessly.
  await page.setContent(loginPage());
  await caretAt('end')();
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 70, caret: 'initial' });
  const decoded = await decodeJpegInBrowser(page, jpeg);
  writeFileSync(join(OUT_DIR, 'login-jpeg.png'), encode({ width: decoded.width, height: decoded.height, data: decoded.data, channels: 4 }));
  truth.screenshots['login-jpeg.png'] = { ...truth.screenshots['login.png']!, description: 'login.png re-encoded as JPEG quality 70' };

  truth.sameState = [
    ['login.png', 'login-jpeg.png', 'JPEG re-encoding'],
    ['login.png', 'login-caret.png', 'caret moved'],
    ['login-caret.png', 'login-jpeg.png', 'caret moved and JPEG re-encoding'],
  ];
  truth.differentState = [
    ['login.png', 'login-dialog.png', 'dialog opened'],
    ['login-jpeg.png', 'login-dialog.png', 'dialog opened, JPEG re-encoding'],
    ['login.png', 'login-error.png', 'validation error shown'],
    ['report.png', 'report-menu.png', 'navigation menu opened'],
    ['report.png', 'pruning.png', 'same layout, different article'],
    ['report.png', 'login.png', 'different site'],
  ];
  writeFileSync(join(OUT_DIR, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  await browser.close();
}

await main();
