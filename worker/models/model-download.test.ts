// Downloads from a real HTTP server on 127.0.0.1 through the real fetch, cached in
// fake-indexeddb: progress, caching, sharing one download, and the failures a user
// meets (offline, 404, a connection that breaks off).
import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedModelFiles, deleteCachedModelFile, type DownloadProgress, downloadModelFile } from './model-download';
import { downloadTransformerEmbedder } from './transformer-embedder';
import { expectedEmbedding, TINY_TOKENIZER_JSON, tinyTransformerModel } from './testdata/tiny-transformer';

const FILE = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 251);
const requests = new Map<string, number>();
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
let server: Server;
let base: string;

beforeAll(async () => {
  const model = tinyTransformerModel();
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (path.startsWith('/file')) {
      // In chunks, so the download reports progress more than once.
      res.writeHead(200, { 'content-length': FILE.byteLength, 'content-type': 'application/octet-stream' });
      let at = 0;
      const next = () => {
        if (at >= FILE.byteLength) return void res.end();
        res.write(FILE.subarray(at, at + 50_000), next);
        at += 50_000;
      };
      next();
    } else if (path === '/tiny/model.onnx') {
      res.writeHead(200, { 'content-length': model.byteLength }).end(model);
    } else if (path === '/tiny/tokenizer.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(TINY_TOKENIZER_JSON);
    } else if (path === '/broken') {
      res.writeHead(200, { 'content-length': 1000 });
      res.write(FILE.subarray(0, 100), () => res.destroy());
    } else {
      res.writeHead(404, 'Not Found').end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('downloadModelFile', () => {
  it('downloads once with progress, then serves the bytes from IndexedDB', async () => {
    const url = `${base}/file-a`;
    const progress: DownloadProgress[] = [];
    const first = await downloadModelFile(url, { onProgress: (p) => progress.push(p) });
    expect(sameBytes(first, FILE)).toBe(true);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.total === FILE.byteLength)).toBe(true);
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ loaded: FILE.byteLength, total: FILE.byteLength });

    const again: DownloadProgress[] = [];
    const second = await downloadModelFile(url, { onProgress: (p) => again.push(p) });
    expect(sameBytes(second, FILE)).toBe(true);
    expect(again).toEqual([{ loaded: FILE.byteLength, total: FILE.byteLength }]);
    expect(requests.get('/file-a')).toBe(1);
    expect(await cachedModelFiles()).toContainEqual(expect.objectContaining({ url, bytes: FILE.byteLength }));

    await deleteCachedModelFile(url);
    await downloadModelFile(url);
    expect(requests.get('/file-a')).toBe(2);
  });

  it('shares one download between callers asking at the same time', async () => {
    const url = `${base}/file-b`;
    const [a, b] = await Promise.all([downloadModelFile(url), downloadModelFile(url)]);
    expect(sameBytes(a, FILE)).toBe(true);
    expect(sameBytes(b, FILE)).toBe(true);
    expect(requests.get('/file-b')).toBe(1);
  });

  it('fails clearly when offline, and caches nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/model.onnx`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await downloadModelFile(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ModelError', code: 'download_failed' });
    expect((error as Error).message).toMatch(new RegExp(`^Could not download ${url.replace(/[.?]/g, '\\$&')}: fetch failed .*ECONNREFUSED.*\\. The built-in embedder stays in use\\.$`));
    expect((await cachedModelFiles()).map((f) => f.url)).not.toContain(url);
  });

  it('fails clearly on an HTTP error and on a connection that breaks off', async () => {
    await expect(downloadModelFile(`${base}/missing.onnx`)).rejects.toMatchObject({
      code: 'download_failed',
      message: `Could not download ${base}/missing.onnx: HTTP 404 Not Found. The built-in embedder stays in use.`,
    });
    await expect(downloadModelFile(`${base}/broken`)).rejects.toMatchObject({ code: 'download_failed', message: /broken.*(connection broke after|received 100 of 1000 bytes)/ });
    expect((await cachedModelFiles()).map((f) => f.url)).not.toContain(`${base}/broken`);
  });
});

describe('downloadTransformerEmbedder', () => {
  it('downloads model and tokenizer by URL, reports their progress together and embeds', async () => {
    const progress: DownloadProgress[] = [];
    const embedder = await downloadTransformerEmbedder({
      modelUrl: `${base}/tiny/model.onnx`,
      tokenizerUrl: `${base}/tiny/tokenizer.json`,
      preference: 'wasm',
      onProgress: (p) => progress.push(p),
    });
    try {
      expect(embedder.id).toMatch(/^transformer:127\.0\.0\.1:\d+\/tiny\/model\.onnx@[0-9a-f]{12}$/);
      const last = progress.at(-1)!;
      expect(last.loaded).toBe(tinyTransformerModel().byteLength + new TextEncoder().encode(TINY_TOKENIZER_JSON).byteLength);
      const [v] = await embedder.embed(['Hello worlds']);
      expectedEmbedding([2, 4, 5, 6, 3]).forEach((x, i) => expect(v![i]).toBeCloseTo(x, 5));
    } finally {
      await embedder.dispose();
    }
  });

  it('says which file could not be downloaded', async () => {
    await expect(downloadTransformerEmbedder({ modelUrl: `${base}/tiny/model.onnx`, tokenizerUrl: `${base}/nope/tokenizer.json` })).rejects.toMatchObject({
      code: 'download_failed',
      message: /^Could not download .*\/nope\/tokenizer\.json: HTTP 404/,
    });
  });
});
