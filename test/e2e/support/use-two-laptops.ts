// Vitest wiring for the multi-device e2e tests: two app sessions (two Chromium profiles) and a real HQ on SQLite that lets both pages in.
import { afterAll, beforeAll } from 'vitest';
import { STORE_FACTORIES } from '../../unit/server/support/store-factories';
import { TestHq } from '../../unit/server/support/test-hq';
import { AppSession } from './app-session';

export interface TwoLaptops {
  readonly a: AppSession;
  readonly b: AppSession;
  readonly hq: TestHq;
}

/** Call at the top of a test file; the returned getter gives the running laptops and HQ inside tests. */
export function useTwoLaptopsAndHq(): () => TwoLaptops {
  let a: AppSession | null = null;
  let b: AppSession | null = null;
  let hq: TestHq | null = null;

  beforeAll(async () => {
    a = await AppSession.start();
    b = await AppSession.start();
    const sqlite = STORE_FACTORIES.find((f) => f.name === 'sqlite');
    if (!sqlite) throw new Error('no SQLite store factory');
    hq = await TestHq.start(sqlite, { allowOrigins: [new URL(a.url).origin, new URL(b.url).origin] });
  });

  afterAll(async () => {
    // Each closes even when another fails, so no browser or HQ outlives the file.
    const steps = [() => a?.close(), () => b?.close(), () => hq?.close()];
    for (const step of steps) await step()?.catch(() => undefined);
  });

  return () => {
    if (a === null || b === null || hq === null) throw new Error('The e2e setup did not start (see the beforeAll error above)');
    return { a, b, hq };
  };
}
