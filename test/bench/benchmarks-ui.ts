// Issue 3 UI benchmarks in the real built app (Chromium): opening an incident with 500 timeline entries, scrolling 100,000 rows.
import { callProbe, openAppPage, TIMELINE_EVENTS, UI_LIST_ROWS } from './lib/app-page';
import type { Benchmark } from './lib/benchmark';
import { median, round } from './lib/stats';

const OPEN_RUNS = 7;
const SCROLL_RUNS = 7;
const SCROLL_FRAMES = 300;
const SCROLL_STEP_PX = 96;

/** What scrollFrames in page/app-probe.ts returns for one run (ms). */
interface ScrollRun {
  works: number[];
  intervals: number[];
  loafs: { duration: number; blockingDuration: number; renderMs: number; styleAndLayoutMs: number }[];
  rowsLoaded: number;
  scrollTop: number;
}

interface OpenTiming {
  domMs: number;
  paintedMs: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const SETUP =
  `The built app (out/renderer from electron-vite build, served at /app/ of the bench server with the app's CSP) in headless ` +
  `Chromium, on a database seeded from the bench page of the same origin with the real store code: ${UI_LIST_ROWS.toLocaleString('en')} ` +
  `incidents plus 8 incidents with ${TIMELINE_EVENTS} timeline entries each (1 creation + notes written by the repository, then copied).`;

export const UI_BENCHMARKS: readonly Benchmark[] = [
  {
    id: 'open-incident-500-events',
    unit: 'ms',
    description:
      `${SETUP} Measured in the page: click on a list row's title → all ${TIMELINE_EVENTS} timeline entries are in the DOM ` +
      `(MutationObserver + performance.now); each run opens an incident not opened before, then closes it; ${OPEN_RUNS} runs after ` +
      `one warm-up open. All ${TIMELINE_EVENTS} entries are rendered (no virtualization, no chunking); entries off screen skip ` +
      `layout and paint (CSS content-visibility: auto) but are in the DOM and the accessibility tree. No baseline (absolute bar: ` +
      `≤ 100 ms median, issue 3). Extra: click → the following frame produced (rAF, then a task posted from it, i.e. after style, ` +
      `layout and paint of what is on screen).`,
    bars: [{ kind: 'median-at-most', value: 100 }],
    async run(page, log) {
      const { app, seed } = await openAppPage(page, log);
      if (seed.incidentIds.length < OPEN_RUNS + 1) throw new Error('not enough seeded incidents');
      const timings: OpenTiming[] = [];
      for (let run = 0; run <= OPEN_RUNS; run++) {
        const timing = await callProbe<OpenTiming>(app, 'openIncident', [run, TIMELINE_EVENTS]);
        await callProbe(app, 'closeIncident', []);
        if (run > 0) timings.push(timing);
        log(`${run === 0 ? 'warm-up' : `run ${run}`}: ${timing.domMs.toFixed(1)} ms to the DOM, ${timing.paintedMs.toFixed(1)} ms until painted`);
      }
      const dom = timings.map((t) => round(t.domMs));
      return {
        id: 'open-incident-500-events',
        median: round(median(dom)),
        unit: 'ms',
        runs: dom,
        extra: { 'median ms until painted': round(median(timings.map((t) => t.paintedMs)), 1) },
      };
    },
  },
  {
    id: 'scroll-frame-p95',
    unit: 'ms',
    description:
      `${SETUP} Scripted scroll of the list (default view, newest update first): every animation frame moves the list ` +
      `${SCROLL_STEP_PX} px (3 rows) down, ${SCROLL_FRAMES} frames per run, ${SCROLL_RUNS} runs continuing down the list after one ` +
      `warm-up run (so pages keep loading ahead as they would for a person; the last run ends near row ` +
      `${(((SCROLL_RUNS + 1) * SCROLL_FRAMES * SCROLL_STEP_PX) / 32).toLocaleString('en')}). A frame's rendering work: with the Long ` +
      `Animation Frames API (PerformanceObserver 'long-animation-frame', Chromium), a frame that was a long animation frame ` +
      `(≥ 50 ms from its first task to the end of rendering) counts with the entry's duration; every other frame counts with its ` +
      `own measured work, from its rAF timestamp (the frame's start, before the scroll event, virtualizer and React render run) ` +
      `until a message posted from its rAF callback arrives (after its style, layout and paint, and after any task queued ` +
      `before it, e.g. a page read landing) — necessarily < 50 ms, or it would have been a LoAF. Figure: 95th percentile of ` +
      `the frames' rendering work per run, median over runs. No baseline (absolute bar: < 16 ms, issue 3). Extras: p95 over all ` +
      `frames, the rAF → next rAF interval p95 (16.7 ms = no frame dropped at 60 Hz), LoAF count, longest LoAF and its blocking time.`,
    bars: [{ kind: 'median-below', value: 16 }],
    async run(page, log) {
      const { app } = await openAppPage(page, log);
      const all: number[] = [];
      const intervals: number[] = [];
      const p95s: number[] = [];
      const loafs: ScrollRun['loafs'] = [];
      let rowsLoaded = 0;
      for (let run = 0; run <= SCROLL_RUNS; run++) {
        const result = await callProbe<ScrollRun>(app, 'scrollFrames', [SCROLL_FRAMES, SCROLL_STEP_PX]);
        rowsLoaded = result.rowsLoaded;
        const p95 = percentile(result.works, 95);
        log(
          `${run === 0 ? 'warm-up' : `run ${run}`}: p95 ${p95.toFixed(1)} ms, max ${Math.max(...result.works).toFixed(1)} ms, ` +
            `${result.loafs.length} LoAF, interval p95 ${percentile(result.intervals, 95).toFixed(1)} ms, at row ~${rowsLoaded}`,
        );
        if (run === 0) continue;
        p95s.push(round(p95));
        all.push(...result.works);
        intervals.push(...result.intervals);
        loafs.push(...result.loafs);
      }
      const longest = loafs.reduce<ScrollRun['loafs'][number] | undefined>((a, b) => (!a || b.duration > a.duration ? b : a), undefined);
      return {
        id: 'scroll-frame-p95',
        median: round(median(p95s)),
        unit: 'ms',
        runs: p95s,
        extra: {
          'p95 over all frames ms': round(percentile(all, 95), 1),
          'p50 ms': round(percentile(all, 50), 1),
          'max ms': round(Math.max(...all), 1),
          'frames ≥ 16 ms': all.filter((w) => w >= 16).length,
          frames: all.length,
          'rAF interval p95 ms': round(percentile(intervals, 95), 1),
          'LoAF count': loafs.length,
          'longest LoAF ms': round(longest?.duration ?? 0, 1),
          'longest LoAF blocking ms': round(longest?.blockingDuration ?? 0, 1),
          'last row reached': rowsLoaded,
        },
      };
    },
  },
];
