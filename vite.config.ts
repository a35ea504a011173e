// Builds every entry point of the extension into dist/.build; scripts/build.mjs
// then writes the Chrome and Firefox variants from it and the one manifest.json.
// Mode 'content' builds the content script alone, as one classic script
// (content scripts cannot be ES modules).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const outDir = resolve(import.meta.dirname, 'dist/.build');
const WEBLLM = /@mlc-ai[\\/]web-llm[\\/]/;
const define = {
  __WAYMARK_VERSION__: JSON.stringify(pkg.version),
  'process.env.NODE_ENV': JSON.stringify('production'),
};

export default defineConfig(({ mode }) => {
  if (mode === 'content') {
    return {
      define,
      build: {
        outDir,
        emptyOutDir: false,
        minify: true,
        sourcemap: false,
        lib: {
          entry: resolve(import.meta.dirname, 'extension/content/index.ts'),
          formats: ['iife'],
          name: 'waymarkContent',
          fileName: () => 'content.js',
        },
      },
    };
  }
  return {
    root: resolve(import.meta.dirname, 'extension'),
    base: '/',
    define,
    worker: {
      format: 'es',
      // WebLLM's module (6 MB, imported on first use) is over Firefox's 5 MB lint limit:
      // its embedded wasm binaries go to chunks of their own.
      plugins: () => [inlineWasmChunks({ include: WEBLLM, minBytes: 100_000 })],
      rolldownOptions: {
        output: { codeSplitting: { groups: [{ debugName: 'webllm', name: (id: string) => inlineWasmChunkName(id) ?? (WEBLLM.test(id) ? 'webllm' : null) }] } },
      },
    },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: {
        input: {
          background: resolve(import.meta.dirname, 'extension/background/index.ts'),
          popup: resolve(import.meta.dirname, 'extension/popup/popup.html'),
          offscreen: resolve(import.meta.dirname, 'extension/offscreen/offscreen.html'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'background' ? 'background.js' : 'assets/[name]-[hash].js'),
          chunkFileNames: 'assets/[name]-[hash].js',
          assetFileNames: 'assets/[name]-[hash][extname]',
        },
      },
    },
  };
});

// WebLLM embeds two WebAssembly binaries (1 and 4.6 MB) as base64 data URLs in its one
// 6 MB module; Firefox's add-on linter refuses files over 5 MB (FILE_TOO_LARGE). This
// plugin moves each binary into a module, hence a chunk, of its own: the same string,
// now imported, so WebLLM's code is unchanged.
const VIRTUAL_PREFIX = '\0inline-wasm:';
/** A base64 data URL of a wasm binary, as a double-quoted string literal. */
const INLINE_WASM = /"data:application\/octet-stream;base64,[A-Za-z0-9+/=]+"/g;

interface InlineWasmChunksOptions {
  /** Modules to look in. */
  include: RegExp;
  /** Smaller binaries stay where they are. */
  minBytes: number;
}

function inlineWasmChunks(options: InlineWasmChunksOptions): Plugin {
  const literals = new Map<string, string>();
  return {
    name: 'waymark:inline-wasm-chunks',
    resolveId(id) {
      return literals.has(id) ? id : null;
    },
    load(id) {
      const literal = literals.get(id);
      // A function, so the bundler has no constant to inline back into the importer.
      return literal === undefined ? null : `export default function inlineWasm() { return ${literal}; }`;
    },
    transform(code, id) {
      if (id.startsWith(VIRTUAL_PREFIX) || !options.include.test(id)) return null;
      const imports: string[] = [];
      const replaced = code.replace(INLINE_WASM, (literal) => {
        if (literal.length < options.minBytes) return literal;
        const name = `__inlineWasm${imports.length}`;
        // Numbered across modules, so each binary gets a chunk of its own.
        const virtualId = `${VIRTUAL_PREFIX}${literals.size}:${id}`;
        literals.set(virtualId, literal);
        imports.push(`import ${name} from ${JSON.stringify(virtualId)};`);
        return `${name}()`;
      });
      return imports.length === 0 ? null : { code: `${imports.join('\n')}\n${replaced}`, map: null };
    },
  };
}

/** The chunk a moved binary goes to (one each), for `codeSplitting.groups[].name`; null for other modules. */
function inlineWasmChunkName(id: string): string | null {
  if (!id.startsWith(VIRTUAL_PREFIX)) return null;
  return `inline-wasm-${id.slice(VIRTUAL_PREFIX.length).split(':')[0]}`;
}
