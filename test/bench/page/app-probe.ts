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
  document.querySelector<HTMLButtonElement>('button[aria-label="Close incident"]')?.click();
  await waitFor(() => document.querySelector('ol.timeline') === null, 'the detail pane to close');
}

async function listReady(): Promise<void> {
  await waitFor(() => document.querySelector('tr[data-index="0"] button.row-link') !== null, 'the first list row');
}

/**
 * Scrolls the list by `stepPx` in every animation frame for `frames` frames. A frame's rendering work is the time from
 * the frame's start (the rAF timestamp) until the main thread first falls idle (requestIdleCallback): scroll event,
 * virtualizer, React render and commit, style, layout and paint all happen in between.
 */
function scrollFrames(frames: number, stepPx: number): Promise<{ works: number[]; intervals: number[]; rowsLoaded: number; scrollTop: number }> {
  const list = document.querySelector<HTMLElement>('.list-scroll');
  if (!list) return Promise.reject(new Error('No .list-scroll element'));
  const works: number[] = [];
  const intervals: number[] = [];
  let previous = 0;
  let pending = frames;
  return new Promise((resolve) => {
    const finish = () => {
      const rows = document.querySelectorAll('tr[data-index]');
      const last = rows[rows.length - 1]?.getAttribute('data-index');
      resolve({ works, intervals, rowsLoaded: Number(last ?? 0) + 1, scrollTop: list.scrollTop });
    };
    const frame = (frameStart: number) => {
      pending -= 1;
      if (previous > 0) intervals.push(frameStart - previous);
      previous = frameStart;
      list.scrollTop += stepPx;
      requestIdleCallback(
        () => {
          works.push(performance.now() - frameStart);
          if (works.length === frames) finish();
        },
        { timeout: 2_000 },
      );
      if (pending > 0) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

(window as unknown as Record<string, unknown>)[PROBE_GLOBAL] = { openIncident, closeIncident, listReady, scrollFrames };
