// The built app (out/renderer, copied to /app/ of the bench server) in a second tab of the bench browser, with the probe injected.
import type { Page } from 'playwright-core';
import type { UiSeedReport } from './bench-protocol';
import { callBench } from './page-calls';

export const TIMELINE_EVENTS = 500;
export const UI_LIST_ROWS = 100_000;
const TIMELINE_INCIDENTS = 8;

let seeded: UiSeedReport | null = null;
let opened: { app: Page; seed: UiSeedReport } | null = null;

/** Seeds the app's database from the bench page, once per session (search-100k and the UI benchmarks share it). */
export async function seedAppDb(bench: Page, log: (message: string) => void): Promise<UiSeedReport> {
  if (seeded) return seeded;
  log(`seeding the app database: ${UI_LIST_ROWS.toLocaleString('en')} incidents, ${TIMELINE_INCIDENTS} with ${TIMELINE_EVENTS} timeline entries (not timed)…`);
  seeded = await callBench(bench, 'seedUi', { incidents: UI_LIST_ROWS, timelineIncidents: TIMELINE_INCIDENTS, events: TIMELINE_EVENTS });
  log(`seeded in ${(seeded.ms / 1000).toFixed(1)} s (${seeded.total.toLocaleString('en')} incidents; ${seeded.withWord.toLocaleString('en')} contain "${seeded.word}")`);
  return seeded;
}

/** Seeds (once), then opens the app in a new tab and waits for the list. */
export async function openAppPage(bench: Page, log: (message: string) => void): Promise<{ app: Page; seed: UiSeedReport }> {
  if (opened && !opened.app.isClosed()) return opened;
  const seed = await seedAppDb(bench, log);
  const app = await bench.context().newPage();
  await app.goto(new URL('app/', bench.url()).href);
  await app.addScriptTag({ url: new URL('probe.js', bench.url()).href, type: 'module' });
  await app.waitForFunction(() => 'lanternProbe' in globalThis, undefined, { timeout: 15_000 });
  await callProbe(app, 'listReady', []);
  opened = { app, seed };
  return opened;
}

/**
 * Closes the app tab. Later benchmarks must not share the browser with it: the app keeps working in the background
 * (notification feeder, escalation runner over 100,000 incidents) and competes with them for IndexedDB and the CPU.
 */
export async function closeAppPage(): Promise<void> {
  const app = opened?.app;
  opened = null;
  if (app && !app.isClosed()) await app.close();
}

/** Calls window.lanternProbe[method](...args) in the app page. */
export async function callProbe<T>(app: Page, method: string, args: readonly unknown[]): Promise<T> {
  const result: unknown = await app.evaluate(
    ({ name, input }) => {
      const probe = (globalThis as unknown as Record<string, Record<string, ((...a: unknown[]) => Promise<unknown>) | undefined> | undefined>).lanternProbe;
      const fn = probe?.[name];
      if (!fn) throw new Error(`The app page has no lanternProbe.${name}`);
      return fn(...input);
    },
    { name: method, input: [...args] },
  );
  return result as T;
}
