// A crashed page is reloaded, a page that crashes as it starts is not reloaded forever, a hung one is asked about.
import { describe, expect, it, vi } from 'vitest';
import { CRASH_WINDOW_MS, MAX_RELOADS, watchWindowRecovery, type RecoverablePageLike } from '../../../../main/electron/window-recovery';

type Listener = (...args: never[]) => void;

class FakePage implements RecoverablePageLike {
  readonly listeners = new Map<string, Listener[]>();
  destroyed = false;
  readonly reload = vi.fn();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  gone(reason: string): void {
    for (const listener of this.listeners.get('render-process-gone') ?? []) (listener as (event: unknown, details: { reason: string; exitCode: number }) => void)({}, { reason, exitCode: 1 });
  }
  emit(event: 'unresponsive' | 'responsive'): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as () => void)();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A question the test answers later, by the index of the button. */
function pendingAnswers() {
  const questions: { buttons: string[]; detail: string; answer: (response: number) => void }[] = [];
  const ask = vi.fn(
    (options: { buttons?: string[]; detail?: string }) =>
      new Promise<{ response: number }>((resolve) => questions.push({ buttons: options.buttons ?? [], detail: options.detail ?? '', answer: (response) => resolve({ response }) })),
  );
  return { ask, questions };
}

function setUp() {
  const page = new FakePage();
  let clock = 1_000_000;
  const { ask, questions } = pendingAnswers();
  const quit = vi.fn();
  const log = vi.fn();
  watchWindowRecovery(page, { ask, quit, log, now: () => clock });
  return { page, ask, questions, quit, log, advance: (ms: number) => (clock += ms) };
}

describe('a crashed page', () => {
  it('is reloaded at once, and the reason is logged in words', () => {
    const { page, ask, log } = setUp();
    page.gone('crashed');
    expect(page.reload).toHaveBeenCalledTimes(1);
    expect(ask).not.toHaveBeenCalled();
    expect(log.mock.calls[0]?.[0]).toContain('it crashed');
  });

  it('is left alone after a clean exit (the window closing) or once the window is gone', () => {
    const { page } = setUp();
    page.gone('clean-exit');
    page.destroyed = true;
    page.gone('crashed');
    expect(page.reload).not.toHaveBeenCalled();
  });

  it(`asks instead of reloading once it crashed ${MAX_RELOADS + 1} times within a minute; Quit quits`, async () => {
    const { page, questions, quit, advance } = setUp();
    for (let i = 0; i < MAX_RELOADS; i++) {
      page.gone('oom');
      advance(5_000);
    }
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS);
    page.gone('oom');
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS);
    expect(questions).toHaveLength(1);
    expect(questions[0]?.buttons).toEqual(['Reload', 'Quit Lantern']);
    expect(questions[0]?.detail).toContain('ran out of memory');
    expect(questions[0]?.detail).toContain('kept on this device');
    page.gone('oom'); // the same crash reported again while the question is up: no second question
    expect(questions).toHaveLength(1);
    questions[0]?.answer(1);
    await settle();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS);
  });

  it('reloads on the answer Reload and counts afresh from there', async () => {
    const { page, questions } = setUp();
    for (let i = 0; i <= MAX_RELOADS; i++) page.gone('crashed');
    questions[0]?.answer(0);
    await settle();
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS + 1);
    page.gone('crashed');
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS + 2);
  });

  it('reloads again without asking when the earlier crashes are more than a minute old', () => {
    const { page, ask, advance } = setUp();
    for (let i = 0; i < MAX_RELOADS; i++) page.gone('crashed');
    advance(CRASH_WINDOW_MS);
    page.gone('crashed');
    expect(page.reload).toHaveBeenCalledTimes(MAX_RELOADS + 1);
    expect(ask).not.toHaveBeenCalled();
  });
});

describe('a hung page', () => {
  it('is reloaded only when the person chooses Reload window', async () => {
    const { page, questions } = setUp();
    page.emit('unresponsive');
    page.emit('unresponsive'); // Electron repeats it: one question
    expect(questions).toHaveLength(1);
    expect(questions[0]?.buttons).toEqual(['Wait', 'Reload window']);
    questions[0]?.answer(1);
    await settle();
    expect(page.reload).toHaveBeenCalledTimes(1);
  });

  it('is not reloaded on Wait, nor when it recovered while the question was up', async () => {
    const { page, questions } = setUp();
    page.emit('unresponsive');
    questions[0]?.answer(0);
    await settle();
    page.emit('responsive');
    page.emit('unresponsive');
    expect(questions).toHaveLength(2);
    page.emit('responsive');
    questions[1]?.answer(1);
    await settle();
    expect(page.reload).not.toHaveBeenCalled();
  });

  it('still comes back when it crashes while the hang question is up', () => {
    const { page } = setUp();
    page.emit('unresponsive');
    page.gone('crashed');
    expect(page.reload).toHaveBeenCalledTimes(1);
  });
});
