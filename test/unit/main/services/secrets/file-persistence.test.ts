// fileSecretPersistence on a real temporary folder: missing file, atomic write, owner-only mode, overlapping writes.
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationHandlers } from '../../../../../main/services/notifications/notification-handlers';
import { fileSecretPersistence } from '../../../../../main/services/secrets/file-persistence';
import { DEFAULT_NOTIFICATION_SETTINGS, SEED_SLA_POLICIES } from '../../../../../shared/domain';
import { createNotificationService } from '../../../../../shared/notifications/notification-service';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lantern-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('fileSecretPersistence', () => {
  it('reads null before anything was written', async () => {
    await expect(fileSecretPersistence(join(dir, 'secrets.json')).read()).resolves.toBeNull();
  });

  it('writes, creates folders, leaves no temp file and reads back', async () => {
    const file = join(dir, 'nested', 'secrets.json');
    const persistence = fileSecretPersistence(file);
    await persistence.write('{"version":1}');
    await persistence.write('{"version":1,"entries":{}}');
    await expect(persistence.read()).resolves.toBe('{"version":1,"entries":{}}');
    expect(await readdir(join(dir, 'nested'))).toEqual(['secrets.json']);
  });

  it.skipIf(process.platform === 'win32')('makes the file readable by its owner only', async () => {
    const file = join(dir, 'secrets.json');
    await fileSecretPersistence(file).write('x');
    expect((await stat(file)).mode & 0o077).toBe(0);
  });

  it('passes through errors other than a missing file', async () => {
    await expect(fileSecretPersistence(dir).read()).rejects.toThrow();
  });

  it('removes its temp file when the write fails, and later writes still work', async () => {
    const file = join(dir, 'secrets.json');
    // A folder where the file should be: the temp file is written, the rename onto it fails.
    await mkdir(file);
    const persistence = fileSecretPersistence(file);
    await expect(persistence.write('lost')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['secrets.json']);
    await rm(file, { recursive: true });
    await persistence.write('kept');
    await expect(persistence.read()).resolves.toBe('kept');
  });

  it('moves a file aside under a suffix, and does nothing when there is none', async () => {
    const file = join(dir, 'secrets.json');
    const persistence = fileSecretPersistence(file);
    await persistence.moveAside('unreadable-1');
    await persistence.write('{"cut short');
    await persistence.moveAside('unreadable-2');
    await expect(persistence.read()).resolves.toBeNull();
    expect(await readFile(`${file}.unreadable-2`, 'utf8')).toBe('{"cut short');
    expect(await readdir(dir)).toEqual(['secrets.json.unreadable-2']);
  });
});

describe('fileSecretPersistence under overlapping writes', () => {
  it('completes both writes and leaves the file holding the last one, whole', async () => {
    const file = join(dir, 'notification-settings.json');
    const persistence = fileSecretPersistence(file);
    const first = JSON.stringify({ paused: false, closeToTray: true, note: 'x'.repeat(4000) });
    const second = JSON.stringify({ paused: true, closeToTray: true });
    const results = await Promise.allSettled([persistence.write(first), persistence.write(second)]);
    const stored = await readFile(file, 'utf8');
    expect(isJson(stored), `file is not valid JSON any more: ${stored.slice(0, 80)}…`).toBe(true);
    expect(stored).toBe(second);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    expect(await readdir(dir)).toEqual(['notification-settings.json']);
  });

  it('keeps writes in order across two persistences of the same file', async () => {
    const file = join(dir, 'sync-settings.json');
    const writes = Array.from({ length: 10 }, (_, i) => JSON.stringify({ i, pad: 'y'.repeat(1000 * (10 - i)) }));
    await Promise.all(writes.map((text, i) => fileSecretPersistence(file).write(text).then(() => i)));
    expect(await readFile(file, 'utf8')).toBe(writes[9]);
    expect(await readdir(dir)).toEqual(['sync-settings.json']);
  });

  it('two notifications:set-settings in a row (a person ticking two boxes) keep the second after a restart', async () => {
    const clock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };
    const make = () =>
      createNotificationService({
        notifier: { show: () => null },
        clock,
        statePersistence: fileSecretPersistence(join(dir, 'notifications.json')),
        settingsPersistence: fileSecretPersistence(join(dir, 'notification-settings.json')),
        policies: SEED_SLA_POLICIES,
        openIncident: () => undefined,
      });
    const service = make();
    await service.start();
    const handlers = createNotificationHandlers(service);
    const muted = { ...DEFAULT_NOTIFICATION_SETTINGS, muted: ['assignment' as const, 'escalation' as const, 'conflict' as const] };
    const final = { ...muted, closeToTray: false };
    const answers = await Promise.allSettled([handlers['notifications:set-settings'](muted), handlers['notifications:set-settings'](final)]);
    service.stop();
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled']);

    const restarted = make();
    await restarted.start();
    expect(restarted.getSettings()).toEqual(final);
    restarted.stop();
  });
});
