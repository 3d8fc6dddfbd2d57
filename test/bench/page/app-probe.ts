// Injected into the built app's page (/app/) by the UI benchmarks: times opening an incident and scripted list scrolling.
export interface OpenTiming {
  /** Click on the row → the last expected timeline entry is in the DOM (MutationObserver). */
  domMs: number;
  /** … → the frame after that has been produced (next animation frame, then a task queued from it, which runs after style, layout and paint). */
  paintedMs: number;
}

const PROBE_GLOBAL = 'lanternProbe';
const TIMEOUT_MS = 30_000;

function waitFor(check: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`Timed out waiting for ${what}`));
    }, TIMEOUT_MS);
    const observer = new MutationObserver(() => {
      if (!check()) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** Resolves after the next frame's rendering update (a message posted from rAF runs after style, layout and paint). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    }),
  );
}

const timelineCount = () => document.querySelectorAll('ol.timeline > li').length;

/** Clicks row `index` of the list and times until `entries` timeline items are in the DOM. */
async function openIncident(index: number, entries: number): Promise<OpenTiming> {
  const button = document.querySelector<HTMLButtonElement>(`tr[data-index="${index}"] button.row-link`);
  if (!button) throw new Error(`No list row ${index}`);
  const start = performance.now();
  const done = waitFor(() => timelineCount() >= entries, `${entries} timeline entries`);
  button.click();
  await done;
  const domMs = performance.now() - start;
  await afterNextFrame();
  return { domMs, paintedMs: performance.now() - start };
}

async function closeIncident(): Promise<void> {
  document.querySelector<HTMLButtonElement>('button[aria-label="Back to list"]')?.click();
  await waitFor(() => document.querySelector('ol.timeline') === null, 'the detail pane to close');
}

async function listReady(): Promise<void> {
  await waitFor(() => document.querySelector('tr[data-index="0"] button.row-link') !== null, 'the first list row');
}

/** What one scripted scroll run measured (times in ms). */
export interface ScrollRun {
  /** Per frame: its rendering work — the Long Animation Frame's duration when the frame was one, else rAF → after paint. */
  works: number[];
  /** Per frame: its rAF timestamp → the next frame's (16.7 ms at 60 Hz = no frame dropped). */
  intervals: number[];
  /** Long Animation Frames (≥ 50 ms) seen during the run, with their blocking time and their render/style+layout parts. */
  loafs: { duration: number; blockingDuration: number; renderMs: number; styleAndLayoutMs: number }[];
  rowsLoaded: number;
  scrollTop: number;
}

/** The fields of a PerformanceLongAnimationFrameTiming this probe reads (not yet in the DOM typings). */
interface LoafEntry extends PerformanceEntry {
  renderStart: number;
  styleAndLayoutStart: number;
  blockingDuration: number;
}

/**
 * Scrolls the list by `stepPx` in every animation frame for `frames` frames. Each frame is measured twice:
 * - its own timing: the frame starts at the rAF timestamp (before the scroll event, the virtualizer and React's
 *   render run in it) and its rendering work ends when a message posted from its rAF callback arrives, which is
 *   after that frame's style, layout and paint (and after any task that got in before it);
 * - the Long Animation Frames API (PerformanceObserver 'long-animation-frame'): a frame whose work from its first task
 *   to the end of rendering took ≥ 50 ms is reported with that duration, which then counts as the frame's work.
 * The scroll offset is set in the rAF callback, so the scroll it causes is processed in the next frame.
 */
function scrollFrames(frames: number, stepPx: number): Promise<ScrollRun> {
  const list = document.querySelector<HTMLElement>('.list-scroll');
  if (!list) return Promise.reject(new Error('No .list-scroll element'));
  if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return Promise.reject(new Error('No Long Animation Frames API in this browser'));
  const starts: number[] = [];
  const measured: number[] = [];
  const loafs: LoafEntry[] = [];
  const observer = new PerformanceObserver((records) => loafs.push(...(records.getEntries() as LoafEntry[])));
  observer.observe({ type: 'long-animation-frame' });
  return new Promise((resolve) => {
    const finish = () => {
      loafs.push(...(observer.takeRecords() as LoafEntry[]));
      observer.disconnect();
      const works = measured.map((own, i) => {
        const start = starts[i]!;
        // The LoAF this frame rendered in: it began (first task) before the frame's start and ended after it.
        const loaf = loafs.find((entry) => entry.startTime <= start + 1 && entry.startTime + entry.duration >= start);
        return loaf ? Math.max(loaf.duration, own) : own;
      });
      const rows = document.querySelectorAll('tr[data-index]');
      const last = rows[rows.length - 1]?.getAttribute('data-index');
      resolve({
        works,
        intervals: starts.slice(1).map((start, i) => start - starts[i]!),
        loafs: loafs.map((entry) => ({
          duration: entry.duration,
          blockingDuration: entry.blockingDuration,
          renderMs: entry.renderStart > 0 ? entry.startTime + entry.duration - entry.renderStart : 0,
          styleAndLayoutMs: entry.styleAndLayoutStart > 0 ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
        })),
        rowsLoaded: Number(last ?? 0) + 1,
        scrollTop: list.scrollTop,
      });
    };
    // Tracked here, not read back each frame: reading scrollTop would force a layout inside the rAF callback.
    let top = list.scrollTop;
    const frame = (frameStart: number) => {
      const index = starts.length;
      starts.push(frameStart);
      top += stepPx;
      list.scrollTop = top;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        measured[index] = performance.now() - frameStart;
        if (measured.filter((m) => m !== undefined).length === frames) {
          // Let the observer deliver the last frames' entries.
          requestAnimationFrame(() => setTimeout(finish, 50));
        }
      };
      channel.port2.postMessage(null);
      if (starts.length < frames) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

(window as unknown as Record<string, unknown>)[PROBE_GLOBAL] = { openIncident, closeIncident, listReady, scrollFrames };
