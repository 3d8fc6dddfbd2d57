// judgeLaunch / switchNamesIn with hostile command lines: a packaged app never starts with a debugger attached.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEBUGGING_SWITCHES, judgeLaunch, switchNamesIn } from '../../../../main/security/debugging-switches';

const EXE = '/opt/Lantern/lantern';
const noSwitch = () => false;

function judge(args: readonly string[], options: { isPackaged?: boolean; platform?: string; chromium?: readonly string[] } = {}) {
  return judgeLaunch({
    isPackaged: options.isPackaged ?? true,
    argv: [EXE, ...args],
    hasSwitch: (name) => (options.chromium ?? []).includes(name),
    platform: options.platform ?? 'linux',
  });
}

describe('judgeLaunch in a packaged app', () => {
  it.each([
    [['--remote-debugging-port=9222'], 'remote-debugging-port'],
    [['--remote-debugging-port', '9222'], 'remote-debugging-port'],
    [['--remote-debugging-port'], 'remote-debugging-port'],
    [['--remote-debugging-port='], 'remote-debugging-port'],
    [['--remote-debugging-port=0'], 'remote-debugging-port'],
    [['-remote-debugging-port=9222'], 'remote-debugging-port'],
    [['--REMOTE-DEBUGGING-PORT=1'], 'remote-debugging-port'],
    [['--Remote-Debugging-Port=1'], 'remote-debugging-port'],
    [['  --remote-debugging-port=9222  '], 'remote-debugging-port'],
    [['\t--remote-debugging-port=9222\n'], 'remote-debugging-port'],
    [['--remote-debugging-pipe'], 'remote-debugging-pipe'],
    [['--remote-debugging-pipe=cbor'], 'remote-debugging-pipe'],
    [['lantern://incident/1', '--remote-debugging-pipe'], 'remote-debugging-pipe'],
    [['--', '--remote-debugging-port=9222'], 'remote-debugging-port'],
    [['--inspect'], 'inspect'],
    [['--inspect=0.0.0.0:9229'], 'inspect'],
    [['--inspect-brk=9229'], 'inspect-brk'],
    [['--inspect-port=9229'], 'inspect-port'],
    [['--debug-brk'], 'debug-brk'],
  ])('refuses %j', (args, name) => {
    const verdict = judge(args);
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.switches).toContain(name);
    expect(verdict.message).toContain(`--${name}`);
    expect(verdict.message).toMatch(/Start Lantern again without it/);
  });

  it('refuses a Windows slash switch on Windows', () => {
    expect(judge(['/remote-debugging-port=9222'], { platform: 'win32' }).allowed).toBe(false);
    expect(judge(['/REMOTE-DEBUGGING-PIPE'], { platform: 'win32' }).allowed).toBe(false);
  });

  it('refuses what Chromium itself found even when argv does not show it', () => {
    const verdict = judge([], { chromium: ['remote-debugging-port'] });
    expect(verdict).toMatchObject({ allowed: false, switches: ['remote-debugging-port'] });
  });

  it('names every debugging switch given, once each', () => {
    const verdict = judge(['--remote-debugging-port=1', '--remote-debugging-pipe', '--remote-debugging-port=2'], { chromium: ['remote-debugging-port'] });
    expect(verdict).toMatchObject({ allowed: false, switches: ['remote-debugging-port', 'remote-debugging-pipe'] });
  });

  it.each([
    [[]],
    [['--enable-logging']],
    [['--remote-debugging-address=127.0.0.1']],
    [['--remote-debugging-portal=1']],
    [['--no-remote-debugging-port']],
    [['---remote-debugging-port=9222']],
    [['remote-debugging-port=9222']],
    [['lantern://incident/--remote-debugging-port']],
    [['-psn_0_12345']],
    [['--squirrel-firstrun']],
    [['--', '-']],
    [['--inspector-off']],
  ])('allows %j', (args) => {
    expect(judge(args)).toEqual({ allowed: true });
  });

  it('does not treat a slash as a switch prefix off Windows (a path is not a switch)', () => {
    expect(judge(['/remote-debugging-port=9222'], { platform: 'linux' })).toEqual({ allowed: true });
    expect(judge(['/remote-debugging-port=9222'], { platform: 'darwin' })).toEqual({ allowed: true });
  });

  it('ignores argv[0], the program itself', () => {
    expect(judgeLaunch({ isPackaged: true, argv: ['--remote-debugging-port=1'], hasSwitch: noSwitch, platform: 'linux' })).toEqual({ allowed: true });
  });

  it('refuses a debugging switch wherever it stands among any other arguments', () => {
    const other = fc.string().filter((arg) => !switchNamesIn([EXE, arg], 'win32').some((name) => DEBUGGING_SWITCHES.includes(name)));
    fc.assert(
      fc.property(fc.array(other), fc.array(other), fc.constantFrom(...DEBUGGING_SWITCHES), fc.string(), fc.constantFrom('linux', 'darwin', 'win32'), (before, after, name, value, platform) => {
        const verdict = judge([...before, `--${name}=${value}`, ...after], { platform });
        return !verdict.allowed && verdict.switches.includes(name);
      }),
    );
  });
});

describe('judgeLaunch in development (not packaged)', () => {
  it('allows the debugging switches: npm start is how Lantern is debugged', () => {
    expect(judge(['--remote-debugging-port=9222', '--inspect'], { isPackaged: false, chromium: ['remote-debugging-port'] })).toEqual({ allowed: true });
  });
});

describe('switchNamesIn', () => {
  it('parses names as Chromium does: prefix, name up to "=", trimmed', () => {
    expect(switchNamesIn([EXE, '--a=1', '-b', ' --c=x=y ', 'file.txt', '--', '-'], 'linux')).toEqual(['a', 'b', 'c']);
  });
});
