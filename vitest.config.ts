// Test projects: unit (Node), component (jsdom + fake IndexedDB) and e2e (real Chromium against the built app).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.{ts,tsx}'],
          setupFiles: ['test/component/setup.ts'],
          // Whole-app renders typing through user-event take 1–3 s alone; on a loaded 2-core CI machine the 5 s default
          // failed two of them (a timeout, not a wrong outcome).
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // The app does its work in idle slices; on a loaded 2-core CI machine a UI change can take over the 1 s default.
          expect: { poll: { timeout: 5_000 } },
        },
      },
    ],
  },
});
