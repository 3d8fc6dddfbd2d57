// Smoke test of the real Electron app; skips (never fails) where the Electron binary or a display is missing.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication } from 'playwright-core';
import { MAIN_OUT, REPO_ROOT } from './support/built-app';
import { findElectronBinary, missingDisplayReason } from './support/electron-binary';
import type { PageWindow } from './support/page-window';

const binary = findElectronBinary();
const skipReason = binary.found ? missingDisplayReason() : binary.reason;
if (skipReason) console.warn(`[electron-smoke] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('Electron app (smoke)', () => {
  let app: ElectronApplication | null = null;

  afterAll(async () => {
    await app?.close();
  });

  it('opens a hardened window titled Lantern with only the bridge exposed', async () => {
    if (!binary.found) throw new Error('unreachable: skipped when the binary is missing');
    if (!existsSync(MAIN_OUT)) throw new Error(`${MAIN_OUT} is missing: build first with \`npx electron-vite build\``);
    // As root (CI containers) Chromium inside Electron refuses to start without --no-sandbox.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await _electron.launch({ executablePath: binary.path, args: [...rootArgs, MAIN_OUT], cwd: REPO_ROOT, timeout: 30_000 });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');

    expect(await page.title()).toBe('Lantern');
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as PageWindow;
      return { lantern: typeof w.lantern, require: typeof w.require, process: typeof w.process };
    });
    expect(globals).toEqual({ lantern: 'object', require: 'undefined', process: 'undefined' });
  });
});
