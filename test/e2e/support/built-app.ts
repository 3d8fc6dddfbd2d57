// Locates the built renderer (out/renderer) and fails with a clear message when the app was not built.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_OUT = join(REPO_ROOT, 'out/renderer');
export const MAIN_OUT = join(REPO_ROOT, 'out/main/index.js');
export const TEST_RESULTS = join(REPO_ROOT, 'test-results');

/** Returns the directory to serve; throws if `electron-vite build` has not written it yet. */
export function requireBuiltRenderer(): string {
  if (!existsSync(join(RENDERER_OUT, 'index.html'))) {
    throw new Error(
      `The built renderer is missing (${join(RENDERER_OUT, 'index.html')}). Build first: \`npx electron-vite build\` ` +
        '(`npm run test:e2e` builds before it tests).',
    );
  }
  return RENDERER_OUT;
}
