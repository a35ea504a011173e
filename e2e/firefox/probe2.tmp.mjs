import puppeteer from 'puppeteer-core';
import { createServer } from 'node:http';
const uuid = '6f1c1d2e-1111-4a4a-8b8b-0123456789ab';
const t0 = Date.now();
const server = createServer((req, res) => { res.writeHead(200, {'content-type':'text/html'}); res.end('<title>t</title><p>hi</p><button>Go</button>'); });
await new Promise(r => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, args: ['--remote-allow-system-access'],
  extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ 'waymark@waymark.invalid': uuid }) } });
console.log('launched', Date.now()-t0);
const id = await browser.installExtension('/work/main/dist/firefox');
console.log('installed', id, Date.now()-t0);
const page = (await browser.pages())[0] ?? await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/`);
const ext = `moz-extension://${uuid}/popup/popup.html?control=1`;
const ctl = await browser.newPage();
try { await ctl.goto(ext, { waitUntil: 'domcontentloaded', timeout: 8000 }); console.log('goto ok', ctl.url(), await ctl.evaluate(() => typeof browser)); } catch (e) { console.log('goto fail', e.message); }
console.log(await ctl.evaluate(async () => { const tabs = await browser.tabs.query({}); return tabs.map(t => [t.id, t.url]); }));
console.log(JSON.stringify(await ctl.evaluate(() => browser.runtime.sendMessage({ waymark: 1, type: 'bg.workerStatus', payload: {} }))));
const tabId = await ctl.evaluate(async (u) => (await browser.tabs.query({})).find(t => t.url === u)?.id, page.url());
console.log(JSON.stringify(await ctl.evaluate((tabId) => browser.runtime.sendMessage({ waymark: 1, type: 'bg.observe', payload: { tabId } }), tabId)));
console.log(await ctl.evaluate(() => document.body.innerText));
console.log('done', Date.now()-t0);
await browser.close().catch(()=>{});
process.exit(0);
