// Opt-in CPU profile of the bench page per benchmark (LANTERN_BENCH_CPU_PROFILE=<folder>), for finding where page time goes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

export interface CpuProfiling {
  /** Stops the profiler and writes <folder>/<id>.cpuprofile (open it in Chromium DevTools → Performance). */
  save(id: string): Promise<void>;
}

/** Starts the V8 profiler of the page when LANTERN_BENCH_CPU_PROFILE names a folder; null otherwise. */
export async function startCpuProfile(page: Page): Promise<CpuProfiling | null> {
  const folder = process.env.LANTERN_BENCH_CPU_PROFILE;
  if (!folder) return null;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  // 200 µs sampling: fine enough for functions of a few ms, small enough not to skew the figures much.
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async save(id) {
      const { profile } = await session.send('Profiler.stop');
      await mkdir(resolve(folder), { recursive: true });
      const file = join(resolve(folder), `${id}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      await session.detach();
      console.log(`  CPU profile of the page: ${file}`);
    },
  };
}
