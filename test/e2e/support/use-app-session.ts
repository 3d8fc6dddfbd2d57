// Vitest wiring for one AppSession per test file: start before, close after (even on failure), fail on page errors.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AppSession } from './app-session';
import type { LaunchOptions } from './chromium';
import { describeProblems } from './page-problems';

/** Call at the top of a test file; the returned getter gives the running session inside tests. */
export function useAppSession(options: LaunchOptions = {}): () => AppSession {
  let session: AppSession | null = null;

  beforeAll(async () => {
    session = await AppSession.start(options);
  });

  // Problems from start-up are reported by the first test, so nothing the page logs goes unseen.
  afterEach(() => {
    const problems = session?.problems.take() ?? [];
    if (problems.length > 0) throw new Error(describeProblems(problems));
  });

  afterAll(async () => {
    await session?.close();
    session = null;
  });

  return () => {
    if (!session) throw new Error('The e2e session did not start (see the beforeAll error above)');
    return session;
  };
}
