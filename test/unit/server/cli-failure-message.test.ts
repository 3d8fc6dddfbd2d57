// What the command line says when HQ cannot start: the cause the operator must fix (folder, port, --database part), not raw driver text.
import { describe, expect, it } from 'vitest';
import { UnknownDeviceError } from '../../../server/auth/enrollment';
import { describeFailure } from '../../../server/cli/failure-message';

const sqlite = { kind: 'sqlite', dataDir: '/srv/lantern/hq' } as const;
const postgres = { kind: 'postgres', url: 'postgres://lantern:s3cret@db.example:5432/lantern', schema: 'lantern' } as const;

function coded(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code }, extra);
}

describe('describeFailure', () => {
  it('an unwritable --data is a permission problem on that path, not a port problem', () => {
    const text = describeFailure(coded('EACCES', "EACCES: permission denied, mkdir '/srv/ro/hq'", { syscall: 'mkdir', path: '/srv/ro/hq' }), sqlite);
    expect(text).toBe('HQ may not write to /srv/ro/hq (permission denied): give the HQ user write access, or choose another --data.');
    expect(text).not.toMatch(/port/);
  });

  it('a port below 1024 is still the port problem', () => {
    expect(describeFailure(coded('EACCES', 'listen EACCES', { syscall: 'listen' }), sqlite)).toMatch(/^Not allowed to listen on that port; use a port above 1023\.$/);
    expect(describeFailure(coded('EADDRINUSE', 'listen EADDRINUSE', { syscall: 'listen' }), sqlite)).toMatch(/port is already in use/);
  });

  it('a damaged SQLite file is named, with the advice to restore a backup', () => {
    const text = describeFailure(coded('SQLITE_NOTADB', 'file is not a database'), sqlite);
    expect(text).toMatch(/^\/srv\/lantern\/hq\/lantern-hq\.sqlite is damaged or not a database/);
    expect(text).toMatch(/Restore it from a backup/);
  });

  it.each([
    ['28P01', 'password authentication failed for user "lantern"', /refused the password of user "lantern".*--database/],
    ['28000', 'role "lantern" does not exist', /does not let user "lantern" connect to "lantern".*--database/],
    ['3D000', 'database "lantern" does not exist', /no database "lantern".*--database/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND db.example', /Cannot find the PostgreSQL host "db\.example"; check the host name in --database/],
    ['ECONNREFUSED', 'connect ECONNREFUSED', /Cannot reach the PostgreSQL server/],
  ])('PostgreSQL %s is said in plain words that name what to fix in --database', (code, message, expected) => {
    const text = describeFailure(coded(code, message), postgres);
    expect(text).toMatch(expected);
    expect(text).not.toMatch(/s3cret/);
    expect(text).not.toMatch(/could not start/);
  });

  it('a URL without a user name says to give one', () => {
    const text = describeFailure(coded('28000', 'no PostgreSQL user name specified in startup packet'), { kind: 'postgres', url: 'postgres://', schema: undefined });
    expect(text).toMatch(/names no user; give one: postgres:\/\/USER:PASS@HOST\/DB/);
  });

  it('an SSL failure points at sslmode', () => {
    const text = describeFailure(new Error('The server does not support SSL connections'), postgres);
    expect(text).toMatch(/SSL\/TLS.*does not support SSL connections.*sslmode=disable/);
  });

  it('enroll for an unknown device id says a device enrolled after the backup needs a code for a new device', () => {
    const text = describeFailure(new UnknownDeviceError('laptop-41'), sqlite);
    expect(text).toMatch(/no device with the id "laptop-41"/);
    expect(text).toMatch(/enrolled since the backup.*code for a new device \(leave out --device\)/);
  });
});
