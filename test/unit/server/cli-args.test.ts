// Unit tests for the HQ command-line parser (server/cli/args.ts): every mistake gets a message that says what to do.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST, DEFAULT_PORT, parseHqArgs, USAGE, type ParsedHqArgs } from '../../../server/cli/args';
import { normalizeOrigin } from '../../../server/http/cors';

function errorOf(argv: string[]): string {
  const parsed = parseHqArgs(argv);
  if (parsed.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(parsed)}`);
  return parsed.message;
}

function serveOf(argv: string[]) {
  const parsed: ParsedHqArgs = parseHqArgs(argv);
  if (parsed.kind !== 'serve') throw new Error(`expected serve, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

describe('parseHqArgs', () => {
  it('starts HQ on SQLite with defaults', () => {
    expect(serveOf(['--data', './hq'])).toEqual({ port: DEFAULT_PORT, host: DEFAULT_HOST, store: { kind: 'sqlite', dataDir: './hq' }, adminToken: undefined, allowOrigins: [] });
  });

  it('reads every serve option, in --flag value and --flag=value forms', () => {
    expect(
      serveOf(['--port=0', '--data', 'd', '--host', '0.0.0.0', '--admin-token', 'a'.repeat(20), '--allow-origin', 'http://127.0.0.1:5199/', '--allow-origin=https://desk.example.org']),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      store: { kind: 'sqlite', dataDir: 'd' },
      adminToken: 'a'.repeat(20),
      allowOrigins: ['http://127.0.0.1:5199', 'https://desk.example.org'],
    });
  });

  it('uses PostgreSQL with --database (and an optional schema)', () => {
    expect(serveOf(['--database', 'postgres://u:p@127.0.0.1/db', '--database-schema', 'lantern']).store).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/db', schema: 'lantern' });
  });

  it.each(['abc', '-1', '65536', '80.5', '', '1e3'])('refuses --port %j and says what to do', (port) => {
    const message = errorOf(['--data', 'd', '--port', port]);
    expect(message).toMatch(/--port/);
    expect(message).toMatch(/npm run hq -- --help/);
  });

  it('asks for --data (or --database) when neither is given', () => {
    expect(errorOf(['--port', '8080'])).toMatch(/--data DIR/);
    expect(errorOf(['--data'])).toMatch(/--data needs a folder/);
  });

  it.each([
    [['--data', 'd', '--admin-token', 'short'], /at least 16/],
    [['--data', 'd', '--allow-origin', 'javascript:alert(1)'], /http\(s\) origin/],
    [['--data', 'd', '--allow-origin', 'http://x.example/path'], /http\(s\) origin/],
    // URL accepts "*" in a host name, but browsers send exact origins: a wildcard would allow nothing, silently.
    [['--data', 'd', '--allow-origin', 'https://*.example.org'], /--allow-origin takes no wildcards .* name each one in full, e\.g\. --allow-origin https:\/\/desk\.example\.org:8443/],
    [['--data', 'd', '--allow-origin', 'http://*'], /--allow-origin takes no wildcards/],
    [['--data', 'd', '--allow-origin', 'http://*:5199'], /--allow-origin takes no wildcards/],
    [['--data', 'd', '--allow-origin=*'], /--allow-origin takes no wildcards/],
    [['--data', 'd', '--allow-origin', 'http://%2A.example.org'], /--allow-origin takes no wildcards/],
    [['--database', 'mysql://x'], /PostgreSQL URL/],
    [['--data', 'd', '--database-schema', 'x'], /only works with --database/],
    [['--data', 'd', '--verbose'], /Unknown option "--verbose"/],
    [['--data', 'd', 'extra'], /Unexpected argument "extra"/],
    [['--data', 'd', '--name', 'x'], /belongs to "enroll"/],
  ])('refuses %j', (argv, message) => {
    expect(errorOf(argv)).toMatch(message);
  });

  it('normalizeOrigin (which buildHqApp uses too) takes no wildcard origin', () => {
    expect(normalizeOrigin('https://desk.example.org:8443/')).toBe('https://desk.example.org:8443');
    for (const origin of ['https://*.example.org', 'http://*', 'http://%2a.example.org']) expect(normalizeOrigin(origin)).toBeNull();
  });

  it('enroll needs a store and --name; new-epoch needs a store', () => {
    expect(parseHqArgs(['enroll', '--data', 'd', '--name', 'Laptop 7'])).toEqual({ kind: 'enroll', store: { kind: 'sqlite', dataDir: 'd' }, name: 'Laptop 7', ttlHours: undefined });
    expect(parseHqArgs(['enroll', '--data', 'd', '--name', 'L', '--ttl-hours', '5'])).toMatchObject({ ttlHours: 5 });
    expect(errorOf(['enroll', '--data', 'd'])).toMatch(/--name/);
    expect(errorOf(['enroll', '--name', 'x'])).toMatch(/--data DIR/);
    expect(errorOf(['enroll', '--data', 'd', '--name', 'x', '--port', '1'])).toMatch(/not for "enroll"/);
    expect(parseHqArgs(['new-epoch', '--data', 'd'])).toEqual({ kind: 'new-epoch', store: { kind: 'sqlite', dataDir: 'd' } });
  });

  it('refuses ambiguous or repeated options and a bad --host, before anything is opened or generated', () => {
    expect(errorOf(['--data', 'a', '--database', 'postgres://u:p@h/db'])).toMatch(/one store.*not both/);
    expect(errorOf(['--data', 'a', '--data', 'b'])).toMatch(/--data is given more than once/);
    expect(errorOf(['--data=a', '--port', '1', '--port=2'])).toMatch(/--port is given more than once/);
    expect(errorOf(['--data', 'a', '--host', 'not a host!!'])).toMatch(/--host must be an IP address or a host name/);
    expect(serveOf(['--data', 'a', '--host', '[::1]']).host).toBe('::1');
    expect(serveOf(['--data', 'a', '--host', 'hq.example.org']).host).toBe('hq.example.org');
    expect(serveOf(['--data', 'a', '--allow-origin', 'http://a.example', '--allow-origin', 'http://b.example']).allowOrigins).toHaveLength(2);
  });

  it('takes the admin token from --admin-token-file or LANTERN_ADMIN_TOKEN, and the database from LANTERN_DATABASE_URL', () => {
    const env = { LANTERN_ADMIN_TOKEN: 'e'.repeat(20), LANTERN_DATABASE_URL: 'postgres://u:p@h/db' };
    expect(serveOf(['--data', 'd', '--admin-token-file', '/run/secrets/hq'])).toMatchObject({ adminToken: undefined, adminTokenFile: '/run/secrets/hq' });
    expect(parseHqArgs(['--data', 'd'], env)).toMatchObject({ kind: 'serve', options: { adminToken: 'e'.repeat(20), store: { kind: 'sqlite' } } });
    expect(parseHqArgs(['--data', 'd', '--admin-token', 'f'.repeat(20)], env)).toMatchObject({ options: { adminToken: 'f'.repeat(20) } });
    expect(parseHqArgs([], env)).toMatchObject({ options: { store: { kind: 'postgres', url: 'postgres://u:p@h/db' } } });
    expect(parseHqArgs(['--data', 'd'], { LANTERN_ADMIN_TOKEN: 'short' })).toMatchObject({ kind: 'error', message: expect.stringMatching(/LANTERN_ADMIN_TOKEN needs at least 16/) });
    expect(errorOf(['--data', 'd', '--admin-token', 'a'.repeat(20), '--admin-token-file', 'f'])).toMatch(/one way/);
    expect(parseHqArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('enroll --device issues a re-enrollment code for that device', () => {
    expect(parseHqArgs(['enroll', '--data', 'd', '--name', 'L', '--device', 'laptop-7'])).toMatchObject({ kind: 'enroll', deviceId: 'laptop-7' });
    expect(errorOf(['--data', 'd', '--device', 'laptop-7'])).toMatch(/belongs to "enroll"/);
  });

  it('--trust-proxy takes the reverse proxy addresses (comma-separated IPs) and refuses anything else', () => {
    expect(serveOf(['--data', 'd', '--trust-proxy', '127.0.0.1']).trustProxy).toEqual(['127.0.0.1']);
    expect(serveOf(['--data', 'd', '--trust-proxy=10.0.0.5, ::1']).trustProxy).toEqual(['10.0.0.5', '::1']);
    expect(serveOf(['--data', 'd']).trustProxy).toBeUndefined();
    for (const bad of ['', 'proxy.example.org', '10.0.0.5,', '10.0.0.300', 'true', '*', '10.0.0.0/8']) {
      expect(errorOf(['--data', 'd', `--trust-proxy=${bad}`]), bad).toMatch(/--trust-proxy needs the IP address of your TLS reverse proxy.*e\.g\. --trust-proxy 127\.0\.0\.1/s);
    }
    expect(errorOf(['--data', 'd', '--trust-proxy'])).toMatch(/--trust-proxy needs/);
    expect(errorOf(['enroll', '--data', 'd', '--name', 'L', '--trust-proxy', '127.0.0.1'])).toMatch(/option for starting HQ/);
    expect(USAGE).toMatch(/--trust-proxy ADDR/);
  });

  it('shows help', () => {
    expect(parseHqArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseHqArgs(['enroll', '-h'])).toEqual({ kind: 'help' });
  });
});
