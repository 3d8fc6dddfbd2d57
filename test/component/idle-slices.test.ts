// Background walks wait for a quiet page: a slice does not start while someone scrolls, but never waits past the cap.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_MS, QUIET_MS, yieldToInput } from '../../renderer/features/notifications/idle-slices';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** Starts a yield and reports whether it has resolved after each advance of the fake clock. */
function startYield() {
  let done = false;
  void yieldToInput().then(() => {
    done = true;
  });
  return { isDone: () => done };
}

function scrollList(): void {
  const list = document.createElement('div');
  document.body.append(list);
  // Scroll events do not bubble: the watcher listens in the capture phase.
  list.dispatchEvent(new Event('scroll'));
}

describe('yieldToInput', () => {
  it('resolves in the next task when nobody is working the page', async () => {
    // Far from any earlier test's input.
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS * 2);
    const slice = startYield();
    await vi.advanceTimersByTimeAsync(1);
    expect(slice.isDone()).toBe(true);
  });

  it('waits until the list has not scrolled for the quiet time', async () => {
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS * 2);
    const slice = startYield();
    scrollList();
    await vi.advanceTimersByTimeAsync(QUIET_MS - 50);
    expect(slice.isDone()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(slice.isDone()).toBe(true);
  });

  it('runs anyway after the cap while the scrolling goes on', async () => {
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS * 2);
    const slice = startYield();
    let waited = 0;
    while (!slice.isDone() && waited < MAX_WAIT_MS * 3) {
      scrollList();
      await vi.advanceTimersByTimeAsync(50);
      waited += 50;
    }
    expect(waited).toBeGreaterThanOrEqual(MAX_WAIT_MS - 50);
    expect(waited).toBeLessThanOrEqual(MAX_WAIT_MS + 100);
  });
});
