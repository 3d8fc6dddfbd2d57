// The one place that knows how Chromium runs here (executable, flags, temp profiles); shared by e2e and bench.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); LANTERN_CHROMIUM overrides it on other machines. */
export const CHROMIUM_PATH = process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that work here as root; the background-networking ones stop Chromium flooding the closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium (or set LANTERN_CHROMIUM).`);
  }
}

/** A fresh, empty on-disk profile directory; remove it with removeProfileDir when done. */
export function makeProfileDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `lantern-${label}-`));
}

export function removeProfileDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Launches Chromium on a persistent profile. Closing the returned context quits the browser, and
 * launching again with the same directory is "close the app and open it again".
 */
export function launchPersistent(userDataDir: string, options: LaunchOptions = {}): Promise<BrowserContext> {
  assertChromiumInstalled();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    // Tests must see the same timezone and locale on every machine.
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
}

