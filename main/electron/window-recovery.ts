// Brings the window back when its page crashes or hangs: everything saved is in IndexedDB, so a reload loses nothing.
import type { MessageBoxOptions } from 'electron';

/** The parts of Electron's WebContents used here. */
export interface RecoverablePageLike {
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string; exitCode: number }) => void): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  isDestroyed(): boolean;
  reload(): void;
}

export interface WindowRecoveryOptions {
  /** Shows a message box and resolves with the index of the button chosen (Electron's dialog.showMessageBox). */
  readonly ask: (options: MessageBoxOptions) => Promise<{ response: number }>;
  readonly quit: () => void;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

/** More reloads than this within CRASH_WINDOW_MS means the page crashes as it starts: ask instead of looping. */
export const MAX_RELOADS = 3;
export const CRASH_WINDOW_MS = 60_000;

// Friendlier words for Electron's reasons (render-process-gone details.reason).
const REASON_WORDS: Record<string, string> = {
  crashed: 'it crashed',
  oom: 'it ran out of memory',
  killed: 'it was ended by the system or another program',
  'abnormal-exit': 'it stopped unexpectedly',
  'launch-failed': 'it could not start',
  'integrity-failure': 'its code failed an integrity check',
};

export function watchWindowRecovery(page: RecoverablePageLike, options: WindowRecoveryOptions): void {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.error(message));
  let reloads: number[] = [];
  let askingAboutCrashes = false;
  let askingAboutHang = false;
  let hung = false;

  /** One message box (Enter or Escape pick the first button); `settled` runs once it is gone, answered or not. */
  const question = (box: Pick<MessageBoxOptions, 'type' | 'message' | 'detail' | 'buttons'>, settled: () => void, answered: (response: number) => void): void => {
    options
      .ask({ ...box, title: 'Lantern', defaultId: 0, cancelId: 0, noLink: true })
      .then(({ response }) => {
        settled();
        answered(response);
      })
      .catch(settled);
  };

  const reload = (): void => {
    if (page.isDestroyed()) return;
    reloads.push(now());
    page.reload();
  };

  page.on('render-process-gone', (_event, details) => {
    hung = false;
    // A clean exit is the window closing; there is nothing to bring back.
    if (details.reason === 'clean-exit' || page.isDestroyed() || askingAboutCrashes) return;
    const why = REASON_WORDS[details.reason] ?? `it stopped (${details.reason})`;
    reloads = reloads.filter((at) => now() - at < CRASH_WINDOW_MS);
    const again = reloads.length < MAX_RELOADS;
    log(`Lantern: the window's page stopped because ${why} (exit code ${details.exitCode}); ${again ? 'reloading it' : 'asking whether to reload'}.`);
    if (again) {
      reload();
      return;
    }
    askingAboutCrashes = true;
    question(
      {
        type: 'error',
        message: 'Lantern’s window keeps stopping',
        detail: `The window stopped ${reloads.length + 1} times within a minute; the last time because ${why}. Everything already saved is kept on this device. Reload to try again, or quit and restart the computer if it goes on.`,
        buttons: ['Reload', 'Quit Lantern'],
      },
      () => (askingAboutCrashes = false),
      (response) => {
        if (response === 1) options.quit();
        else {
          // A deliberate try starts the count afresh.
          reloads = [];
          reload();
        }
      },
    );
  });

  // A page busy for a long time (Electron's 'unresponsive', after several seconds): offer to reload, never force it.
  page.on('responsive', () => {
    hung = false;
  });
  page.on('unresponsive', () => {
    if (hung || askingAboutHang || askingAboutCrashes || page.isDestroyed()) return;
    hung = true;
    askingAboutHang = true;
    question(
      {
        type: 'warning',
        message: 'Lantern’s window is not responding',
        detail: 'It may be busy with a large task. Wait, or reload the window: everything already saved is kept on this device; text typed since the last automatic save may be lost.',
        buttons: ['Wait', 'Reload window'],
      },
      () => (askingAboutHang = false),
      // It may have recovered while the question was up; then there is nothing to reload.
      (response) => {
        if (response === 1 && hung) reload();
      },
    );
  });
}
