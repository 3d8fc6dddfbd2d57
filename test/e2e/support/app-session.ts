// One running app for a test file: the built renderer on a local web server and Chromium on a temp profile.
import type { BrowserContext, Page } from 'playwright-core';
import { startWebServer } from '../../../scripts/web/server';
import { requireBuiltRenderer } from './built-app';
import { launchPersistent, makeProfileDir, removeProfileDir, type LaunchOptions } from './chromium';
import { describeProblems, PageProblems } from './page-problems';

export class AppSession {
  readonly problems = new PageProblems();
  private current: { context: BrowserContext; page: Page } | null = null;

  private constructor(
    readonly url: string,
    private readonly profileDir: string,
    private readonly stopServer: () => Promise<void>,
    private readonly launchOptions: LaunchOptions,
  ) {}

  /** Serves out/renderer on an ephemeral 127.0.0.1 port and opens the app in a fresh profile. */
  static async start(launchOptions: LaunchOptions = {}): Promise<AppSession> {
    const root = requireBuiltRenderer();
    const server = await startWebServer({ port: 0, host: '127.0.0.1', root });
    const profileDir = await makeProfileDir('e2e').catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    const session = new AppSession(server.url, profileDir, () => server.close(), launchOptions);
    try {
      await session.launch();
    } catch (error) {
      // Nothing may outlive a failed start (browser, server, profile): the caller never gets a session to close.
      await session.close().catch(() => undefined);
      throw error;
    }
    return session;
  }

  get page(): Page {
    if (!this.current) throw new Error('The browser is not running');
    return this.current.page;
  }

  get context(): BrowserContext {
    if (!this.current) throw new Error('The browser is not running');
    return this.current.context;
  }

  /** "Close the app and open it again": quits Chromium completely and relaunches it on the same profile. */
  async relaunch(): Promise<Page> {
    await this.quitBrowser();
    return this.launch();
  }

  async reload(): Promise<Page> {
    await this.page.reload();
    await waitForAppReady(this.page);
    return this.page;
  }

  /** Stops the browser, the server and deletes the profile; every step runs even if an earlier one failed. */
  async close(): Promise<void> {
    const steps = [() => this.quitBrowser(), () => this.stopServer(), () => removeProfileDir(this.profileDir)];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'Closing the e2e session failed');
  }

  private async launch(): Promise<Page> {
    const context = await launchPersistent(this.profileDir, this.launchOptions);
    this.current = { context, page: context.pages()[0] ?? (await context.newPage()) };
    this.problems.watch(context);
    const page = this.current.page;
    await page.goto(this.url);
    try {
      await waitForAppReady(page);
    } catch (error) {
      // Say why the app did not come up: what the page logged and what it shows instead.
      const shown = (await page.locator('body').innerText().catch(() => '')).trim().slice(0, 500);
      const problems = this.problems.take();
      throw new Error(
        `The app did not become ready at ${this.url}: ${(error as Error).message.split('\n')[0]}\n` +
          `Page shows: ${shown || '(nothing)'}\n${problems.length ? describeProblems(problems) : 'The page reported no errors.'}`,
        { cause: error },
      );
    }
    return page;
  }

  private async quitBrowser(): Promise<void> {
    const running = this.current;
    this.current = null;
    if (running) await running.context.close();
  }
}

/** The app is ready once the shell rendered, i.e. the database opened and the device identity exists. */
export async function waitForAppReady(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New incident', exact: true }).waitFor({ state: 'visible', timeout: 15_000 });
}
