// checkLaunchSwitches with a fake app: a refused launch says why (stderr, dialog) and exits; an allowed one is untouched.
import { describe, expect, it, vi } from 'vitest';
import { checkLaunchSwitches } from '../../../../main/electron/launch-switches';
import { REFUSED_LAUNCH_EXIT_CODE } from '../../../../main/security/debugging-switches';

function setup(options: { isPackaged: boolean; switches?: string[]; argv?: string[]; platform?: string }) {
  const app = {
    isPackaged: options.isPackaged,
    commandLine: { hasSwitch: vi.fn((name: string) => (options.switches ?? []).includes(name)) },
    exit: vi.fn(),
  };
  const writeError = vi.fn();
  const showErrorBox = vi.fn();
  const allowed = checkLaunchSwitches(app, { argv: ['lantern', ...(options.argv ?? [])], platform: options.platform ?? 'win32', writeError, showErrorBox });
  return { allowed, app, writeError, showErrorBox };
}

describe('checkLaunchSwitches', () => {
  it('refuses a packaged launch with --remote-debugging-port: message on stderr and in a dialog, then a non-zero exit', () => {
    const { allowed, app, writeError, showErrorBox } = setup({ isPackaged: true, argv: ['--remote-debugging-port=9222'], switches: ['remote-debugging-port'] });
    expect(allowed).toBe(false);
    expect(app.exit).toHaveBeenCalledWith(REFUSED_LAUNCH_EXIT_CODE);
    expect(REFUSED_LAUNCH_EXIT_CODE).not.toBe(0);
    const printed = String(writeError.mock.calls[0]?.[0]);
    expect(printed).toMatch(/Lantern did not start because it was launched with --remote-debugging-port\./);
    expect(printed).toMatch(/Start Lantern again without it/);
    expect(showErrorBox).toHaveBeenCalledWith('Lantern did not start', expect.stringContaining('--remote-debugging-port'));
  });

  it('refuses a switch only Chromium saw (its own parse of the command line)', () => {
    const { allowed, app } = setup({ isPackaged: true, switches: ['remote-debugging-pipe'] });
    expect(allowed).toBe(false);
    expect(app.exit).toHaveBeenCalledWith(REFUSED_LAUNCH_EXIT_CODE);
  });

  it('on Linux prints once to stderr (the error box would only print it again before ready)', () => {
    const { allowed, writeError, showErrorBox } = setup({ isPackaged: true, argv: ['--remote-debugging-pipe'], platform: 'linux' });
    expect(allowed).toBe(false);
    expect(writeError).toHaveBeenCalledTimes(1);
    expect(showErrorBox).not.toHaveBeenCalled();
  });

  it('lets a packaged launch without such switches start, saying nothing', () => {
    const { allowed, app, writeError, showErrorBox } = setup({ isPackaged: true, argv: ['--enable-logging'] });
    expect(allowed).toBe(true);
    expect(app.exit).not.toHaveBeenCalled();
    expect(writeError).not.toHaveBeenCalled();
    expect(showErrorBox).not.toHaveBeenCalled();
  });

  it('lets a development run (not packaged) start with a debugging switch', () => {
    const { allowed, app } = setup({ isPackaged: false, argv: ['--remote-debugging-port=9222'], switches: ['remote-debugging-port'] });
    expect(allowed).toBe(true);
    expect(app.exit).not.toHaveBeenCalled();
  });
});
