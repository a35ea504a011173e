// Model files downloaded by URL (transformer embedders): fetched once with progress,
// kept in their own IndexedDB database (not the memory store, so clearing memory
// never costs a 90 MB download and vice versa), and served from there afterwards.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { errorText, ModelError } from './ort';

export const MODEL_CACHE_DB = 'waymark-model-cache';

type Bytes = Uint8Array<ArrayBuffer>;

export interface DownloadProgress {
  loaded: number;
  /** undefined when the server does not say how large the file is. */
  total: number | undefined;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** What to do when the bytes cannot be cached (quota); they are still returned. */
  onCacheError?: (error: unknown) => void;
}

interface CachedFile {
  url: string;
  bytes: ArrayBuffer;
  storedAt: number;
}

interface ModelCacheSchema extends DBSchema {
  files: { key: string; value: CachedFile };
}

let cache: Promise<IDBPDatabase<ModelCacheSchema>> | undefined;
function openCache(): Promise<IDBPDatabase<ModelCacheSchema>> {
  cache ??= openDB<ModelCacheSchema>(MODEL_CACHE_DB, 1, {
    upgrade(db) {
      db.createObjectStore('files', { keyPath: 'url' });
    },
  });
  cache.catch(() => (cache = undefined));
  return cache;
}

/** Downloads in progress, so two callers asking for one URL share one download. */
const inFlight = new Map<string, { bytes: Promise<Bytes>; listeners: Set<(p: DownloadProgress) => void> }>();

/** The file's bytes: from the cache when it holds them, else downloaded and cached. */
export async function downloadModelFile(url: string, options: DownloadOptions = {}): Promise<Bytes> {
  const cached = await readCached(url);
  if (cached) {
    options.onProgress?.({ loaded: cached.byteLength, total: cached.byteLength });
    return cached;
  }
  let running = inFlight.get(url);
  if (!running) {
    const listeners = new Set<(p: DownloadProgress) => void>();
    const bytes = fetchWithProgress(url, options.signal, (p) => listeners.forEach((l) => l(p)))
      .then(async (b) => {
        await writeCached(url, b).catch(options.onCacheError ?? ((e: unknown) => console.warn(`Model cache: ${url} not stored (${errorText(e)})`)));
        return b;
      })
      .finally(() => inFlight.delete(url));
    running = { bytes, listeners };
    inFlight.set(url, running);
  }
  const { onProgress } = options;
  if (onProgress) running.listeners.add(onProgress);
  try {
    return await running.bytes;
  } finally {
    if (onProgress) running.listeners.delete(onProgress);
  }
}

/** Forgets a cached file (e.g. to force a fresh download). */
export async function deleteCachedModelFile(url: string): Promise<void> {
  await (await openCache()).delete('files', url);
}

/** What the cache holds, for the popup's model settings. */
export async function cachedModelFiles(): Promise<{ url: string; bytes: number; storedAt: number }[]> {
  const all = await (await openCache()).getAll('files');
  return all.map((f) => ({ url: f.url, bytes: f.bytes.byteLength, storedAt: f.storedAt }));
}

async function readCached(url: string): Promise<Bytes | undefined> {
  try {
    const file = await (await openCache()).get('files', url);
    return file ? new Uint8Array(file.bytes) : undefined;
  } catch {
    // No IndexedDB (or a broken one): download as if nothing were cached.
    return undefined;
  }
}

async function writeCached(url: string, bytes: Bytes): Promise<void> {
  const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
  await (await openCache()).put('files', { url, bytes: whole, storedAt: Date.now() });
}

function downloadFailed(url: string, reason: string): ModelError {
  return new ModelError('download_failed', `Could not download ${url}: ${reason}. The built-in embedder stays in use.`);
}

async function fetchWithProgress(url: string, signal: AbortSignal | undefined, onProgress: (p: DownloadProgress) => void): Promise<Bytes> {
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (e) {
    // Offline, DNS, CORS and refused connections all land here; undici puts the cause aside.
    const cause = e instanceof Error && e.cause ? ` (${errorText(e.cause)})` : '';
    throw downloadFailed(url, `${errorText(e)}${cause}`);
  }
  if (!response.ok) throw downloadFailed(url, `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  // A compressed response's Content-Length counts compressed bytes: then the size is unknown.
  const length = Number(response.headers.get('content-length'));
  const total = length > 0 && !response.headers.get('content-encoding') ? length : undefined;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress({ loaded: bytes.byteLength, total: bytes.byteLength });
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  onProgress({ loaded, total });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress({ loaded, total });
    }
  } catch (e) {
    throw downloadFailed(url, `the connection broke after ${loaded} bytes (${errorText(e)})`);
  }
  if (total !== undefined && loaded !== total) throw downloadFailed(url, `received ${loaded} of ${total} bytes`);
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
