// Refuses a packaged launch with a debugging switch (see security/debugging-switches.ts): says why, then exits.
import { judgeLaunch, REFUSED_LAUNCH_EXIT_CODE } from '../security/debugging-switches';

export interface LaunchAppLike {
  readonly isPackaged: boolean;
  readonly commandLine: { hasSwitch(name: string): boolean };
  exit(code: number): void;
}

export interface LaunchCheckOptions {
  readonly argv: readonly string[];
  readonly platform: string;
  readonly writeError: (text: string) => void;
  /** dialog.showErrorBox: the one dialog Electron allows before `ready`. */
  readonly showErrorBox: (title: string, content: string) => void;
}

/** Returns false (after exiting) when the launch is refused; the caller must then do nothing else. */
export function checkLaunchSwitches(app: LaunchAppLike, options: LaunchCheckOptions): boolean {
  const verdict = judgeLaunch({
    isPackaged: app.isPackaged,
    argv: options.argv,
    hasSwitch: (name) => app.commandLine.hasSwitch(name),
    platform: options.platform,
  });
  if (verdict.allowed) return true;
  // stderr for whoever ran it from a terminal or a script; before `ready` on Linux the error box only prints to
  // stderr as well, so it is shown on the other systems only, where it is a real dialog.
  try {
    options.writeError(`${verdict.message}\n`);
    if (options.platform !== 'linux') options.showErrorBox('Lantern did not start', verdict.message);
  } finally {
    // Even when stderr is closed and the write throws. Before `ready` app.exit ends the process at once, before any
    // window, IPC handler or database exists.
    app.exit(REFUSED_LAUNCH_EXIT_CODE);
  }
  return false;
}
