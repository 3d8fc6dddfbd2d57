// Calls the bench page's window API from Node (page.evaluate), typed by the bench protocol.
import type { Page } from 'playwright-core';
import { BENCH_GLOBAL, type BenchApi } from './bench-protocol';

type Method = keyof BenchApi;

export async function callBench<M extends Method>(page: Page, method: M, options: Parameters<BenchApi[M]>[0]): Promise<Awaited<ReturnType<BenchApi[M]>>> {
  // The function runs in the page, so everything it needs travels in the argument.
  const result: unknown = await page.evaluate(
    ({ global, name, arg }) => {
      const api = (globalThis as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[global];
      const fn = api?.[name];
      if (!fn) throw new Error(`The bench page does not expose ${global}.${name}`);
      return fn(arg);
    },
    { global: BENCH_GLOBAL, name: method as string, arg: options as unknown },
  );
  return result as Awaited<ReturnType<BenchApi[M]>>;
}

export async function waitForBenchPage(page: Page): Promise<void> {
  await page.waitForFunction((global) => global in globalThis, BENCH_GLOBAL, { timeout: 15_000 });
}
