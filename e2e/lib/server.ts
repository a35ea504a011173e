// A loopback HTTP server for fixture pages and practice sites. Static files from
// a folder, pages generated on request, and .tsx pages bundled with esbuild
// (so fixtures can use real React).
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export type Route = (req: IncomingMessage, url: URL) => Promise<{ status?: number; type?: string; body: string | Buffer } | undefined> | { status?: number; type?: string; body: string | Buffer } | undefined;

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

const bundles = new Map<string, Promise<string>>();
function bundle(file: string): Promise<string> {
  let b = bundles.get(file);
  if (!b) {
    b = build({ entryPoints: [file], bundle: true, write: false, format: 'iife', jsx: 'automatic', minify: true, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' }).then(
      (r) => r.outputFiles[0]!.text,
    );
    bundles.set(file, b);
  }
  return b;
}

/** Serves `staticDir` (and `routes`) on 127.0.0.1 at `port` (0: any free port); rejects when the port is taken. */
export async function startServer(staticDir: string, routes: Route[] = [], port = 0): Promise<FixtureServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const route of routes) {
      const r = await route(req, url);
      if (r) {
        res.writeHead(r.status ?? 200, { 'content-type': r.type ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(r.body);
        return;
      }
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(staticDir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(staticDir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (extname(file) === '.tsx' || extname(file) === '.ts') {
        res.writeHead(200, { 'content-type': TYPES['.js']!, 'cache-control': 'no-store' });
        res.end(await bundle(file));
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${url.pathname}`);
    }
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
