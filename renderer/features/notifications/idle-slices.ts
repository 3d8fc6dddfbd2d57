// Yields the main thread between slices of a long background walk, so input and rendering go first.
/** The Prioritized Task Scheduling API (Chromium, Electron); absent in jsdom and some browsers. */
interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Resolves in a later task: a 'background' postTask where available (runs after input and rendering tasks), else a
 * zero-delay timeout. A walk that awaits this between pages of ~100 rows never holds the thread for long.
 */
export function yieldToInput(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  return new Promise((resolve) => setTimeout(resolve, 0));
}
