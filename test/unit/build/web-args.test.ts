// Unit tests for browser-mode argument parsing (scripts/web/args.ts), including every bad input a person might type.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, parsePort, parseWebArgs } from '../../../scripts/web/args';

function options(argv: string[]) {
  const parsed = parseWebArgs(argv);
  if (parsed.kind !== 'run') throw new Error(`expected run, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

function errorMessage(argv: string[]): string {
  const parsed = parseWebArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

describe('parseWebArgs', () => {
  it('defaults to 127.0.0.1:5199, loopback only, default root', () => {
    expect(options([])).toEqual({ port: DEFAULT_PORT, host: DEFAULT_HOST, allowRemote: false, root: undefined });
    expect(DEFAULT_PORT).toBe(5199);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it.each([
    [['--port', '8080'], 8080],
    [['--port=8080'], 8080],
    [['--port', '1'], 1],
    [['--port', '65535'], 65535],
    [['--port', ' 3000 '], 3000],
  ])('reads the port from %j', (argv, port) => {
    expect(options(argv).port).toBe(port);
  });

  it.each(['0', '65536', '-1', 'abc', '80.5', '1e3', '0x50', '', '5199abc', '999999'])('rejects --port %j with a fix-it message', (value) => {
    const message = errorMessage(['--port', value]);
    expect(message).toMatch(/--port/);
    expect(message).toMatch(/npm run web -- --help/);
  });

  it('explains the allowed range for an out-of-range port', () => {
    expect(errorMessage(['--port', '70000'])).toContain('whole number from 1 to 65535 (got "70000")');
  });

  it('asks for a value when --port is last or followed by another flag', () => {
    expect(errorMessage(['--port'])).toContain('--port needs a number');
    expect(errorMessage(['--port', '--allow-remote'])).toContain('--port needs a number');
  });

  it.each([['127.0.0.1'], ['127.1.2.3'], ['localhost'], ['::1'], ['[::1]']])('accepts loopback host %s', (host) => {
    expect(options(['--host', host]).host).toBe(host.replace(/^\[|\]$/g, ''));
  });

  it.each(['0.0.0.0', '192.168.1.10', '10.0.0.1', 'example.com', '::', '128.0.0.1'])('refuses non-loopback host %s without --allow-remote', (host) => {
    expect(errorMessage(['--host', host])).toContain('--allow-remote');
  });

  it('allows a non-loopback host with --allow-remote, in any order', () => {
    expect(options(['--allow-remote', '--host', '0.0.0.0'])).toMatchObject({ host: '0.0.0.0', allowRemote: true });
    expect(options(['--host=0.0.0.0', '--allow-remote', '--port=6000'])).toMatchObject({ host: '0.0.0.0', port: 6000 });
  });

  it('reads --root', () => {
    expect(options(['--root', '/tmp/site']).root).toBe('/tmp/site');
    expect(errorMessage(['--root'])).toContain('--root needs a folder');
  });

  it('shows help for --help and -h, even after other flags', () => {
    expect(parseWebArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseWebArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseWebArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
  });

  it('rejects unknown options and stray arguments', () => {
    expect(errorMessage(['--prot', '80'])).toContain('Unknown option "--prot"');
    expect(errorMessage(['5199'])).toContain('Unexpected argument "5199"');
    expect(errorMessage(['--allow-remote=yes'])).toContain('takes no value');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['localhost', true],
    ['::1', true],
    ['127.0.0.256', false],
    ['127.0.0', false],
    ['127.0.0.1.example.com', false],
    ['0.0.0.0', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('parsePort', () => {
  it('accepts 1-65535 and nothing else', () => {
    expect(parsePort('1')).toBe(1);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('0')).toBeUndefined();
    expect(parsePort('65536')).toBeUndefined();
    expect(parsePort('+80')).toBeUndefined();
  });
});
