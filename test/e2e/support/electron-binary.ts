// Finds the Electron binary without triggering the electron package's lazy download (which fails offline).
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './built-app';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Mirrors node_modules/electron/index.js but only looks: `require('electron')` would try to download
 * the binary when dist/ is missing, so it is never called here unless the binary is already in place.
 */
export function findElectronBinary(): ElectronBinary {
  const packageDir = join(REPO_ROOT, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const distDir = override ?? join(packageDir, 'dist');
  if (!existsSync(distDir)) return { found: false, reason: `the Electron binary is not installed (${distDir} is missing; it cannot be downloaded here)` };
  if (!existsSync(pathFile) && !override) return { found: false, reason: `${pathFile} is missing, so the Electron install is incomplete` };
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = join(distDir, relative);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return { found: false, reason: `${path} is missing or not executable` };
  }
  return { found: true, path };
}

/** Electron on Linux needs a display server; without one it cannot open a window at all. */
export function missingDisplayReason(): string | null {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no display server (DISPLAY/WAYLAND_DISPLAY unset); run under xvfb-run';
}
