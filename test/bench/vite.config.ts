// Builds the bench page (test/bench/page) with the real renderer/db code into out/bench.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export const BENCH_OUT = resolve(import.meta.dirname, '../../out/bench');

export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  logLevel: 'warn',
  // The bench page must not pick up a public/ folder or an env file meant for the app.
  publicDir: false,
  envDir: false,
  build: {
    outDir: BENCH_OUT,
    emptyOutDir: true,
    target: 'es2022',
    // Readable stacks if a benchmark throws; the page is not shipped.
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      // The probe is injected into the built app's page by the UI benchmarks, so it gets a fixed name.
      input: { index: resolve(import.meta.dirname, 'page/index.html'), probe: resolve(import.meta.dirname, 'page/app-probe.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'probe' ? 'probe.js' : 'assets/[name]-[hash].js') },
      onwarn(warning, warn) {
        // Dependencies' comment placement (zod) is not ours to fix and says nothing about the bench.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
