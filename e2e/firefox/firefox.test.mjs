// Firefox end-to-end check of the built extension (dist/firefox), on Debian's
// Firefox ESR through puppeteer-core over WebDriver BiDi.
//
//   npm run build && node --test e2e/firefox/
//
// How it reaches the extension: see e2e/lib/firefox-launch.mjs. The popup page opened
// that way is a full extension page: the test evaluates `browser.runtime.sendMessage`
// (the protocol in shared/protocol.ts) and `browser.tabs.query` in it.
//
// Environment: WAYMARK_FIREFOX (default /usr/bin/firefox-esr), WAYMARK_FIREFOX_EXT
// (default dist/firefox).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closeFirefox, launchFirefoxWithExtension, openExtensionPage as openPage, until, within } from '../lib/firefox-launch.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Screenshots for a person to look at, beside the Chromium tests' output. */
const OUT_DIR = join(root, 'test-results/firefox');

/** The page of the Chromium hover/key/drag test (e2e/tests/act.spec.ts). */
const INPUT_KINDS_PAGE = readFileSync(join(root, 'e2e/fixtures/pages/input-kinds.html'), 'utf8');

const FORM_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title></head>
<body>
  <h1>Sign in</h1>
  <form action="/signed-in" method="get">
    <p><label for="user">User name</label> <input id="user" name="user" type="text" value="ada"></p>
    <p><label for="pass">Password</label> <input id="pass" name="pass" type="password" value="hunter2-secret"></p>
    <p><button type="submit">Sign in</button></p>
    <p><button type="button" style="display:none">Hidden action</button></p>
    <p><button type="button" disabled>Disabled action</button></p>
  </form>
  <p><a href="/help">Help with signing in</a></p>
</body>
</html>`;

describe('Waymark in Firefox', () => {
  const started = Date.now();
  let server;
  let origin;
  let firefox; // puppeteer's Browser (inside evaluate, `browser` is the WebExtension API)
  let page; // the fixture page, a web page
  let control; // an extension page (the popup's HTML), to talk to the background from
  let extensionOrigin;
  let tabId;

  /** Sends one protocol message from the extension page; returns the raw Reply. */
  const send = (type, payload) =>
    within(30_000, type, control.evaluate((message) => browser.runtime.sendMessage(message), { waymark: 1, type, payload }));

  /** Opens an extension page in a new tab and waits until its extension APIs are there. */
  const openExtensionPage = (path) => openPage(firefox, extensionOrigin, path);

  before(async () => {
    server = createServer((req, res) => {
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = pathname === '/' ? FORM_PAGE : pathname === '/input-kinds' ? INPUT_KINDS_PAGE : `<!doctype html><title>${pathname}</title><p>${pathname}</p>`;
      res.writeHead(pathname === '/' || pathname === '/help' || pathname === '/signed-in' || pathname === '/input-kinds' ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(body);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${server.address().port}`;

    ({ firefox, extensionOrigin } = await launchFirefoxWithExtension());

    page = (await firefox.pages())[0] ?? (await firefox.newPage());
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    control = await openExtensionPage('popup/popup.html?control=1');
    tabId = await until('the fixture tab in tabs.query', () =>
      control.evaluate(async (url) => (await browser.tabs.query({})).find((t) => t.url === url && t.status === 'complete')?.id, `${origin}/`),
    );
  });

  after(async () => {
    await closeFirefox(firefox);
    await new Promise((r) => (server ? server.close(() => r()) : r()));
    console.log(`Firefox e2e took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Firefox's BiDi connection keeps Node alive for ~20 s after close: once the
    // runner has reported (and set process.exitCode), leave.
    setTimeout(() => process.exit(), 1_000).unref();
  });

  test('the background answers and its worker runs in the background page', async () => {
    const ping = await send('bg.ping', {});
    assert.equal(ping.ok, true, JSON.stringify(ping));
    assert.equal(ping.data.browser, 'firefox');

    const status = await send('bg.workerStatus', {});
    assert.equal(status.ok, true, JSON.stringify(status));
    assert.equal(status.data.host, 'firefox-background');
    assert.equal(typeof status.data.version, 'string');
    assert.ok(status.data.uptimeMs >= 0);
  });

  test('the manifest content script is injected into the http page', async () => {
    // executeScript shares the content scripts' sandbox, so it sees their guard.
    // Checked before anything observes the tab (observe would inject it itself).
    await until('the content script guard in the fixture tab', async () => {
      const [result] = await control.evaluate(
        (id) => browser.scripting.executeScript({ target: { tabId: id }, func: () => window.__waymarkContentScript === true }),
        tabId,
      );
      return result?.result === true;
    }, 5_000);
  });

  test('observe lists the form, redacts the password, skips hidden and flags disabled elements', async () => {
    const reply = await send('bg.observe', { tabId });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    const o = reply.data;
    assert.equal(o.url, `${origin}/`);
    assert.equal(o.title, 'Sign in');

    const summary = o.elements.map((e) => ({ tag: e.tag, role: e.role, name: e.name }));
    assert.deepEqual(summary, [
      { tag: 'input', role: 'textbox', name: 'User name' },
      { tag: 'input', role: 'textbox', name: 'Password' },
      { tag: 'button', role: 'button', name: 'Sign in' },
      { tag: 'button', role: 'button', name: 'Disabled action' },
      { tag: 'a', role: 'link', name: 'Help with signing in' },
    ]);
    assert.deepEqual(
      o.elements.map((e) => e.index),
      o.elements.map((_, i) => i),
    );

    const byName = (name) => o.elements.find((e) => e.name === name);
    assert.equal(byName('User name').value, 'ada');
    assert.equal(byName('Password').value, '[redacted]');
    assert.equal(byName('Password').attrs.type, 'password');
    assert.ok(!JSON.stringify(o).includes('hunter2'), 'the password value leaked into the observation');

    assert.equal(byName('Hidden action'), undefined, 'the display:none button was listed');
    assert.ok(!o.text.includes('Hidden action'), 'the display:none button text is in the page text');

    assert.equal(byName('Disabled action').disabled, true);
    for (const name of ['User name', 'Password', 'Sign in', 'Help with signing in']) assert.equal(byName(name).disabled, false, name);

    assert.equal(byName('Help with signing in').attrs.href, '/help');
    assert.ok(o.elements.every((e) => e.inViewport && e.context === 'document' && e.box.width > 0 && e.box.height > 0));
  });

  test('the worker embeds, stores and finds memory (onnxruntime-web and IndexedDB in Firefox)', async () => {
    const result = await within(
      60_000,
      'worker memory round trip',
      control.evaluate(async () => {
        const worker = await globalThis.waymarkWorker;
        const item = (title, whenToUse, text) => ({ kind: 'insight', title, whenToUse, text, scope: {}, provenance: [] });
        const table = await worker.addItem(item('Restaurant booking asks for party size', 'When reserving a table at a restaurant', 'Choose the number of guests first.'));
        await worker.addItem(item('Flight search wants airport codes', 'When searching for a flight between cities', 'Type the three-letter airport code.'));
        const hits = await worker.searchMemory('book a table for dinner tonight', { k: 1 });
        const status = await worker.status();
        let badCall;
        try {
          await worker.embed('not a list');
        } catch (e) {
          badCall = { code: e.code, message: e.message };
        }
        return { expected: table.id, top: hits[0]?.item.id, embedder: status.embedder, host: status.host, badCall };
      }),
    );
    assert.equal(result.top, result.expected, JSON.stringify(result));
    assert.equal(result.host, 'firefox-background');
    assert.match(result.embedder.id, /^glove-sif-100d/);
    assert.equal(result.embedder.backend, 'wasm');
    assert.equal(result.badCall?.code, 'invalid_call', JSON.stringify(result.badCall));
  });

  test('the popup, opened for the tab, shows its observation', async () => {
    const popup = await openExtensionPage(`popup/popup.html?tab=${tabId}`);
    try {
      const shown = await until('the popup to show the tab', () =>
        popup.evaluate(() => {
          const worker = document.getElementById('worker-status');
          const tab = document.getElementById('tab-status');
          return tab?.dataset.elements && !/…$/.test(worker?.textContent ?? '')
            ? { elements: tab.dataset.elements, worker: worker.textContent, error: tab.classList.contains('error') || worker.classList.contains('error') }
            : undefined;
        }),
      );
      assert.equal(shown.error, false, JSON.stringify(shown));
      assert.equal(shown.elements, '5');
      assert.match(shown.worker, /firefox-background/);
    } finally {
      await popup.close().catch(() => undefined);
    }
  });

  test('the inspector lists memory and searches it by meaning in Firefox too', async () => {
    const popup = await openExtensionPage(`popup/popup.html?tab=${tabId}#memory`);
    try {
      const count = await until('the memory view to load', () => popup.evaluate(() => (/ of \d+ items/.test(document.getElementById('memory-count')?.textContent ?? '') ? document.getElementById('memory-count').textContent : undefined)));
      assert.equal(count, '2 of 2 items');
      await popup.evaluate(() => {
        const q = document.getElementById('q');
        q.value = 'reserve seats for an evening meal';
        q.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const first = await until('a search by meaning', () =>
        popup.evaluate(() => (/close in meaning/.test(document.getElementById('search-status')?.textContent ?? '') ? document.querySelector('#memory-list [role="option"]')?.textContent : undefined)),
      );
      assert.match(first, /Restaurant booking asks for party size/);
      mkdirSync(OUT_DIR, { recursive: true });
      await popup.screenshot({ path: join(OUT_DIR, 'inspector-memory.png') });
    } finally {
      await popup.close().catch(() => undefined);
    }
  });

  test('hover opens a CSS :hover menu, keys carry modifiers, drag works by HTML5 and by pointer', async () => {
    const p = await firefox.newPage();
    await p.goto(`${origin}/input-kinds`, { waitUntil: 'load' });
    const tab = await until('the input-kinds tab', () => control.evaluate(async (url) => (await browser.tabs.query({})).find((t) => t.url === url && t.status === 'complete')?.id, `${origin}/input-kinds`));
    const observe = async () => {
      const r = await send('bg.observe', { tabId: tab });
      assert.equal(r.ok, true, JSON.stringify(r));
      return r.data;
    };
    const indexOf = async (test) => {
      const o = await observe();
      const e = o.elements.find(test);
      assert.ok(e, `no such element among ${o.elements.map((x) => x.name).join(', ')}`);
      return e.index;
    };
    const act = async (action) => {
      const r = await send('bg.act', { tabId: tab, action });
      assert.equal(r.ok && r.data.ok, true, JSON.stringify(r));
    };
    const text = (id) => p.evaluate((i) => document.getElementById(i).textContent, id);
    assert.equal((await observe()).elements.some((e) => e.name === 'Laptops'), false);
    await act({ kind: 'hover', index: await indexOf((e) => e.attrs.hoverable !== undefined && e.name.startsWith('Products')) });
    await act({ kind: 'click', index: await indexOf((e) => e.name === 'Laptops') });
    assert.equal(await text('picked'), 'Picked Laptops');
    await act({ kind: 'type', index: await indexOf((e) => e.name === 'Message'), text: 'hi' });
    await act({ kind: 'key', keys: 'Control+Enter', index: await indexOf((e) => e.name === 'Message') });
    assert.equal(await text('sent'), 'Sent hi');
    await act({ kind: 'key', keys: 'Escape' });
    assert.equal(await text('closed'), 'Dialog closed');
    await act({ kind: 'drag', index: await indexOf((e) => e.name === 'Card A'), to: await indexOf((e) => e.name === 'Drop zone') });
    assert.equal(await text('dropped'), 'Dropped card-a');
    await act({ kind: 'drag', index: await indexOf((e) => e.name === 'Handle'), dx: 80 });
    assert.equal(await text('moved'), 'Handle at 80');
    // Back goes to the page the tab came from, as the page itself would go back.
    const moved = await send('bg.act', { tabId: tab, action: { kind: 'navigate', url: `${origin}/input-kinds?again` } });
    assert.equal(moved.ok && moved.data.ok, true, JSON.stringify(moved));
    const back = await send('bg.act', { tabId: tab, action: { kind: 'back' } });
    assert.equal(back.ok && back.data.ok && back.data.navigated, true, JSON.stringify(back));
    assert.equal(back.data.url, `${origin}/input-kinds`);
    await p.close();
  });

  test('the agent does a task from text with the offline policy (worker → background page bridge)', async () => {
    const result = await within(
      60_000,
      'offline agent run',
      control.evaluate(async (tab) => {
        const worker = await globalThis.waymarkWorker;
        const { runId } = await worker.startAgentRun({ task: 'Sign in with the user name "grace" and the password "pw-123"', tabId: tab, maxSteps: 6, policy: { kind: 'offline' } });
        const status = await worker.agentRunStatus(runId, { wait: true });
        const run = await worker.getRun(runId);
        return { error: status?.error, outcome: status?.result?.outcome, kinds: run?.steps.map((s) => s.output.actions.map((a) => a.kind)) };
      }, tabId),
    );
    assert.equal(result.error, undefined, JSON.stringify(result));
    const url = await until('the signed-in page', async () => {
      const u = new URL(page.url());
      return u.pathname === '/signed-in' ? u : undefined;
    });
    assert.equal(url.searchParams.get('user'), 'grace', JSON.stringify(result));
    assert.equal(url.searchParams.get('pass'), 'pw-123');
    assert.deepEqual(result.kinds[0], ['type', 'type', 'click'], JSON.stringify(result));
  });
});
