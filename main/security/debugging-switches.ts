// Whether a launch may go on: a packaged Lantern refuses switches that open a debugger on its page or main process.

/**
 * Chromium's DevTools endpoint: with either switch (any value, even none: Electron then picks a free port) any
 * program on this computer can drive the page, and through it the preload bridge and the local database.
 */
const REMOTE_DEBUGGING = ['remote-debugging-port', 'remote-debugging-pipe'];

/**
 * Node's inspector in the main process. The packaged binary ignores these already (the nodeCliInspect fuse is off in
 * electron-builder.yml); they are refused too so a build made without the fuses still says no, in the same words.
 */
const NODE_INSPECTOR = ['inspect', 'inspect-brk', 'inspect-port', 'inspect-wait', 'inspect-publish-uid', 'debug', 'debug-brk', 'debug-port'];

export const DEBUGGING_SWITCHES: readonly string[] = [...REMOTE_DEBUGGING, ...NODE_INSPECTOR];

/** Exit status of a refused launch (EX_USAGE from sysexits.h: a command-line usage error), unlike a crash's 1. */
export const REFUSED_LAUNCH_EXIT_CODE = 64;

export interface LaunchFacts {
  readonly isPackaged: boolean;
  /** The process arguments as given (argv[0] is the program itself). */
  readonly argv: readonly string[];
  /** Chromium's own parse of them (app.commandLine.hasSwitch); asked for every name, lower case. */
  readonly hasSwitch: (name: string) => boolean;
  readonly platform: string;
}

export type LaunchVerdict = { readonly allowed: true } | { readonly allowed: false; readonly switches: readonly string[]; readonly message: string };

/**
 * The switch names in `argv`, lower case, as Chromium's base::CommandLine would find them, only more eagerly. Chromium
 * trims each argument, takes `--` or `-` (and `/` on Windows) as a switch prefix, ends the name at `=` and lowercases
 * it (current versions on every system, older ones on Windows only); it stops at a bare `--` and never takes the next
 * argument as a value (`--remote-debugging-port 9222` is the switch with no value). Here a bare `--` does not stop the
 * scan: a packaged app has no use for what follows, so reading too much can only refuse a launch, never let one in.
 */
export function switchNamesIn(argv: readonly string[], platform: string): string[] {
  const prefixes = platform === 'win32' ? ['--', '-', '/'] : ['--', '-'];
  const names: string[] = [];
  for (const raw of argv.slice(1)) {
    const arg = raw.trim();
    const prefix = prefixes.find((candidate) => arg.startsWith(candidate));
    if (prefix === undefined || arg.length === prefix.length) continue;
    const equals = arg.indexOf('=');
    names.push(arg.slice(prefix.length, equals === -1 ? undefined : equals).toLowerCase());
  }
  return names;
}

/** Allowed unless packaged and a debugging switch is present, by Chromium's parse or by ours (see switchNamesIn). */
export function judgeLaunch(facts: LaunchFacts): LaunchVerdict {
  if (!facts.isPackaged) return { allowed: true };
  const given = new Set(switchNamesIn(facts.argv, facts.platform));
  const found = DEBUGGING_SWITCHES.filter((name) => given.has(name) || facts.hasSwitch(name));
  if (found.length === 0) return { allowed: true };
  return { allowed: false, switches: found, message: refusalMessage(found) };
}

function refusalMessage(switches: readonly string[]): string {
  const listed = switches.map((name) => `--${name}`).join(', ');
  return [
    `Lantern did not start because it was launched with ${listed}.`,
    'That option would let other programs on this computer control Lantern and read the incidents stored on it.',
    'Start Lantern again without it: check the shortcut, script or command that launched it.',
    'To debug Lantern, run a development build (npm start) instead of the installed app.',
  ].join('\n');
}
