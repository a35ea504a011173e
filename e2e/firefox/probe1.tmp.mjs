import puppeteer from 'puppeteer-core';
import { createServer } from 'node:http';
const uuid = '6f1c1d2e-1111-4a4a-8b8b-0123456789ab';
const t0 = Date.now();
const server = createServer((req, res) => { res.writeHead(200, {'content-type':'text/html'}); res.end('<title>t</title><p>hi</p>'); });
await new Promise(r => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
  extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ 'waymark@waymark.invalid': uuid }) } });
console.log('launched', Date.now()-t0);
const id = await browser.installExtension('/work/main/dist/firefox');
console.log('installed', id, Date.now()-t0);
const page = (await browser.pages())[0] ?? await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
const ext = `moz-extension://${uuid}/popup/popup.html`;
try { await page.goto(ext); console.log('goto ok', page.url(), await page.evaluate(() => typeof browser)); } catch (e) { console.log('goto fail', e.message); }
try {
  const p2 = await browser.newPage(); await p2.goto(ext, {timeout: 5000}); console.log('newpage goto', p2.url());
} catch (e) { console.log('newpage goto fail', e.message); }
try { const r = await page.evaluate((u) => { const w = window.open(u); return !!w; }, ext); console.log('window.open', r);
  await new Promise(r => setTimeout(r, 2000));
  for (const p of await browser.pages()) console.log('page', p.url());
} catch (e) { console.log('open fail', e.message); }
await browser.close().catch(()=>{});
process.exit(0);
