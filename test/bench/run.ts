// Bench runner (npm run bench): builds the bench page, serves it, drives Chromium through each benchmark, writes results.
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { startWebServer } from '../../scripts/web/server';
import { RENDERER_OUT } from '../e2e/support/built-app';
import { CHROMIUM_PATH, launchPersistent, makeProfileDir, removeProfileDir } from '../e2e/support/chromium';
import { describeProblems, PageProblems } from '../e2e/support/page-problems';
import { BENCHMARKS, type Benchmark } from './benchmarks';
import { SYNC_BENCHMARKS } from './benchmarks-sync';
import { UI_BENCHMARKS } from './benchmarks-ui';
import { closeAppPage } from './lib/app-page';
import { failedBars } from './lib/bars';
import { startCpuProfile } from './lib/cpu-profile';
import { collectMachineInfo } from './lib/machine';
import { waitForBenchPage } from './lib/page-calls';
import {
  formatResultsJson,
  formatResultsMarkdown,
  mergeResults,
  parseResults,
  RESULT_HEADERS,
  resultRows,
  textTable,
  type BenchResult,
} from './lib/results-file';
import { BENCH_OUT } from './vite.config';

const HERE = import.meta.dirname;
// LANTERN_BENCH_RESULTS=<folder> writes the figures there instead, so a trial run leaves the committed ones alone.
const RESULTS_DIR = process.env['LANTERN_BENCH_RESULTS'] || HERE;
const RESULTS_JSON = join(RESULTS_DIR, 'results.json');
const RESULTS_MD = join(RESULTS_DIR, 'RESULTS.md');

/** `tsx test/bench/run.ts [id…]` runs only the named benchmarks (results of the others are kept). */
function selectBenchmarks(ids: readonly string[]): Benchmark[] {
  if (ids.length === 0) return [...BENCHMARKS];
  const unknown = ids.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
  return BENCHMARKS.filter((b) => ids.includes(b.id));
}

async function measure(benchmarks: readonly Benchmark[], onResult: (results: readonly BenchResult[]) => Promise<void>): Promise<BenchResult[]> {
  console.log('Building the bench page…');
  await build({ configFile: join(HERE, 'vite.config.ts') });
  // The UI benchmarks run the built app at /app/ of the same origin, so the bench page can seed the app's database.
  if (existsSync(join(RENDERER_OUT, 'index.html'))) await cp(RENDERER_OUT, join(BENCH_OUT, 'app'), { recursive: true });
  else console.warn(`No built app in ${RENDERER_OUT}: the UI benchmarks will fail (npm run bench builds it first).`);
  const server = await startWebServer({ root: BENCH_OUT, port: 0, host: '127.0.0.1' });
  const results: BenchResult[] = [];
  try {
    for (const group of profileGroups(benchmarks)) await measureInFreshProfile(group, server.url, results, onResult);
    return results;
  } finally {
    await server.close().catch((error: unknown) => console.error('Stopping the server failed:', error));
  }
}

/**
 * The sync benchmarks get a browser profile of their own: the others leave 100,000 seeded incidents in the origin's
 * IndexedDB, whose background compaction shared the 2 cores with a push measured after them (0.37× in a full run
 * against 0.46–0.51× alone). Each sync run starts from an empty device anyway; the other benchmarks share one
 * profile because the UI ones read the database the list benchmark seeds.
 */
function profileGroups(benchmarks: readonly Benchmark[]): Benchmark[][] {
  const sync = benchmarks.filter((b) => SYNC_BENCHMARKS.some((s) => s.id === b.id));
  const rest = benchmarks.filter((b) => !sync.includes(b));
  return [rest, sync].filter((group) => group.length > 0);
}

async function measureInFreshProfile(
  benchmarks: readonly Benchmark[],
  url: string,
  results: BenchResult[],
  onResult: (results: readonly BenchResult[]) => Promise<void>,
): Promise<void> {
  const profile = await makeProfileDir('bench');
  const problems = new PageProblems();
  let context: Awaited<ReturnType<typeof launchPersistent>> | null = null;
  try {
    context = await launchPersistent(profile);
    problems.watch(context);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await waitForBenchPage(page);
    for (const benchmark of benchmarks) {
      const started = Date.now();
      if (!UI_BENCHMARKS.some((ui) => ui.id === benchmark.id)) await closeAppPage();
      console.log(`\n▶ ${benchmark.id}`);
      const profiling = await startCpuProfile(page);
      try {
        results.push(await benchmark.run(page, (message) => console.log(`  ${message}`)));
      } finally {
        await profiling?.save(benchmark.id);
      }
      console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      // Written after every benchmark: a failure late in a long run keeps what was measured before it.
      await onResult(results);
      const found = problems.take();
      if (found.length > 0) throw new Error(describeProblems(found));
    }
  } finally {
    await closeAppPage().catch(() => undefined);
    await context?.close().catch((error: unknown) => console.error('Closing Chromium failed:', error));
    await removeProfileDir(profile);
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function main(): Promise<number> {
  const benchmarks = selectBenchmarks(process.argv.slice(2));
  // Checked before measuring, so a damaged file costs seconds, not a whole bench run.
  const previous = parseResults(await readIfExists(RESULTS_JSON));
  if (!previous.ok) throw new Error(`${previous.error}. Fix or delete ${RESULTS_JSON} (other benchmarks' entries live there).`);
  if (benchmarks.some((b) => b.id.endsWith('-postgres')) && !process.env['LANTERN_TEST_PG_URL']) {
    throw new Error(
      'The PostgreSQL benchmark needs a database: set LANTERN_TEST_PG_URL (e.g. postgres://lantern_test:lantern_test@127.0.0.1:5432/lantern_test, ' +
        'as .ci/run sets up), or pass the ids of the benchmarks to run without it.',
    );
  }
  const barsById = new Map(BENCHMARKS.map((b) => [b.id, b.bars]));
  const descriptions = new Map(BENCHMARKS.map((b) => [b.id, b.description]));
  const machine = await collectMachineInfo(CHROMIUM_PATH);
  const write = async (fresh: readonly BenchResult[]) => {
    const merged = mergeResults(previous.results, [...fresh]);
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(RESULTS_JSON, formatResultsJson(merged));
    await writeFile(RESULTS_MD, formatResultsMarkdown(merged, barsById, descriptions, machine));
  };
  const fresh = await measure(benchmarks, write);

  console.log(`\n${textTable(RESULT_HEADERS, resultRows(fresh, barsById))}\n`);
  console.log(`Wrote ${RESULTS_MD} and ${RESULTS_JSON}`);
  const failed = fresh.filter((result) => failedBars(result, barsById.get(result.id) ?? []).length > 0);
  if (failed.length > 0) console.error(`Bar missed: ${failed.map((r) => r.id).join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
