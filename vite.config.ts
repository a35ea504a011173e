// Builds every entry point of the extension into dist/.build; scripts/build.mjs
// then writes the Chrome and Firefox variants from it and the one manifest.json.
// Mode 'content' builds the content script alone, as one classic script
// (content scripts cannot be ES modules).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
const outDir = resolve(import.meta.dirname, 'dist/.build');
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
    worker: { format: 'es' },
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
