// Yields the main thread between slices of a long background walk, so input, scrolling and rendering go first.
/** The Prioritized Task Scheduling API (Chromium, Electron); absent in jsdom and some browsers. */
interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/** A slice waits until the person has not scrolled, typed or clicked for this long… */
export const QUIET_MS = 250;
/** …but never longer than this, so a long scroll only slows a walk down (alerts are planned late, never lost). */
export const MAX_WAIT_MS = 1000;

/** Events that say a person is working the page; scroll does not bubble, so every listener captures. */
const INPUT_EVENTS = ['scroll', 'wheel', 'keydown', 'pointerdown', 'touchmove'] as const;

let lastInputMs = Number.NEGATIVE_INFINITY;
let watching = false;

function watchInput(): void {
  if (watching || typeof globalThis.addEventListener !== 'function') return;
  watching = true;
  const mark = () => {
    lastInputMs = performance.now();
  };
  for (const type of INPUT_EVENTS) globalThis.addEventListener(type, mark, { capture: true, passive: true });
}

function backgroundTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves in a later task, once the page is quiet: a 'background' postTask where available (runs after input and
 * rendering tasks), else a zero-delay timeout; while someone scrolls or types, up to MAX_WAIT_MS more. A slice's read
 * is decoded in an ordinary-priority task, so during a scroll it would land inside frames (profiled: the feeder's
 * start-up walk over 100,000 incidents took a quarter of the main thread while the list scrolled).
 */
export async function yieldToInput(): Promise<void> {
  watchInput();
  await backgroundTask();
  const started = performance.now();
  for (;;) {
    const now = performance.now();
    const quietFor = now - lastInputMs;
    if (quietFor >= QUIET_MS || now - started >= MAX_WAIT_MS) return;
    await sleep(Math.min(QUIET_MS - quietFor, MAX_WAIT_MS - (now - started)));
  }
}
