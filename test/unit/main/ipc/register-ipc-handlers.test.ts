// registerIpcHandlers: every call is checked for sender, input and output before anything reaches the page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../../../shared/ipc/channels';
import { registerIpcHandlers, type IpcHandlers } from '../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../main/security/origin';
import { appEvent, eventFrom, FakeIpcMain, topFrame } from '../fakes';
import { stubNotificationHandlers } from '../services/notifications/stub-notification-handlers';
import { stubSyncHandlers } from '../services/sync/stub-sync-handlers';

const appInfo = { name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false };

function makeHandlers() {
  return {
    'app:info': vi.fn(() => appInfo),
    'shell:open-external': vi.fn(async (url: string) => ({ opened: url.startsWith('https:') })),
    'secrets:status': vi.fn(() => ({ available: true, backend: 'gnome_libsecret', plainTextFallback: false })),
    'window:focus': vi.fn(() => ({ focused: true })),
    ...stubSyncHandlers(),
    ...stubNotificationHandlers(),
  } satisfies IpcHandlers;
}

let ipc: FakeIpcMain;
let handlers: ReturnType<typeof makeHandlers>;
let logger: { warn: ReturnType<typeof vi.fn<(message: string) => void>> };

beforeEach(() => {
  ipc = new FakeIpcMain();
  handlers = makeHandlers();
  logger = { warn: vi.fn<(message: string) => void>() };
  registerIpcHandlers(ipc, handlers, { allowedOrigins: [APP_ORIGIN] }, logger);
});

describe('registration', () => {
  it('registers exactly the contract channels', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('ignores handler keys that are not in the contract', () => {
    const other = new FakeIpcMain();
    const withExtra = { ...makeHandlers(), 'fs:read-file': () => 'nope' };
    registerIpcHandlers(other, withExtra, { allowedOrigins: [APP_ORIGIN] }, logger);
    expect(other.handlers.has('fs:read-file')).toBe(false);
    return expect(other.invoke('fs:read-file', appEvent(), '/etc/passwd')).rejects.toThrow(/No handler/);
  });

  it('refuses to start with a missing handler', () => {
    const incomplete = { ...makeHandlers(), 'window:focus': undefined } as unknown as IpcHandlers;
    expect(() => registerIpcHandlers(new FakeIpcMain(), incomplete, { allowedOrigins: [APP_ORIGIN] }, logger)).toThrow(
      /window:focus/,
    );
  });

  it('returns a function that unregisters everything', () => {
    const other = new FakeIpcMain();
    const dispose = registerIpcHandlers(other, makeHandlers(), { allowedOrigins: [APP_ORIGIN] }, logger);
    dispose();
    expect(other.handlers.size).toBe(0);
  });
});

describe('trusted calls', () => {
  it('returns the handler result', async () => {
    await expect(ipc.invoke('app:info', appEvent())).resolves.toEqual(appInfo);
    await expect(ipc.invoke('shell:open-external', appEvent(), 'https://example.com')).resolves.toEqual({ opened: true });
    expect(handlers['shell:open-external']).toHaveBeenCalledWith('https://example.com');
  });

  it('accepts the dev server only when the policy lists it', async () => {
    const dev = new FakeIpcMain();
    registerIpcHandlers(dev, makeHandlers(), { allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'] }, logger);
    await expect(dev.invoke('app:info', eventFrom(topFrame('http://localhost:5173/')))).resolves.toEqual(appInfo);
    await expect(ipc.invoke('app:info', eventFrom(topFrame('http://localhost:5173/')))).rejects.toThrow(/not the Lantern app page/);
  });
});

describe('untrusted senders', () => {
  it.each(['https://evil.example/', 'file:///home/u/evil.html', 'app://other/index.html', 'app://lantern.evil/index.html', 'about:blank', 'data:text/html,hi', 'app://evil@lantern/'])(
    'rejects a top frame on %j without running the handler',
    async (url) => {
      await expect(ipc.invoke('app:info', eventFrom(topFrame(url)))).rejects.toThrow(
        "IPC 'app:info' rejected: the sender is not the Lantern app page.",
      );
      expect(handlers['app:info']).not.toHaveBeenCalled();
    },
  );

  it('rejects a sub-frame of our own page', async () => {
    const frame = { url: 'app://lantern/index.html', parent: topFrame('app://lantern/index.html') };
    await expect(ipc.invoke('shell:open-external', eventFrom(frame), 'https://example.com')).rejects.toThrow(/not the Lantern app page/);
    expect(handlers['shell:open-external']).not.toHaveBeenCalled();
  });

  it('rejects a missing senderFrame and a disposed one', async () => {
    await expect(ipc.invoke('window:focus', eventFrom(null))).rejects.toThrow(/not the Lantern app page/);
    const disposed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    await expect(ipc.invoke('window:focus', disposed)).rejects.toThrow(/not the Lantern app page/);
    expect(handlers['window:focus']).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('no-frame'));
  });

  it('checks the sender before the input, so a foreign page learns nothing about the schema', async () => {
    await expect(ipc.invoke('shell:open-external', eventFrom(topFrame('https://evil.example/')), 42)).rejects.toThrow(
      /not the Lantern app page/,
    );
  });
});

describe('malformed input', () => {
  it.each([
    ['a number', 42],
    ['an object', { url: 'https://example.com' }],
    ['an array', ['https://example.com']],
    ['null', null],
    ['nothing', undefined],
    ['an empty string', ''],
  ])('rejects %s for shell:open-external', async (_label, input) => {
    await expect(ipc.invoke('shell:open-external', appEvent(), input)).rejects.toThrow(/rejected: invalid input/);
    expect(handlers['shell:open-external']).not.toHaveBeenCalled();
  });

  it('rejects input on channels that take none', async () => {
    await expect(ipc.invoke('app:info', appEvent(), { verbose: true })).rejects.toThrow(/invalid input \(input: expected undefined\)/);
    await expect(ipc.invoke('window:focus', appEvent(), null)).rejects.toThrow(/invalid input/);
    expect(handlers['app:info']).not.toHaveBeenCalled();
  });

  it('hands the handler the validated input, not the raw argument (a schema that trims or defaults is honoured)', async () => {
    const own = new FakeIpcMain();
    const setUser = vi.fn(() => null);
    registerIpcHandlers(own, { ...makeHandlers(), 'notifications:set-user': setUser }, { allowedOrigins: [APP_ORIGIN] }, logger);
    await own.invoke('notifications:set-user', appEvent(), { name: '  Ana Field  ' });
    expect(setUser).toHaveBeenCalledWith({ name: 'Ana Field' });
  });

  it('rejects extra arguments', async () => {
    await expect(ipc.invoke('shell:open-external', appEvent(), 'https://example.com', 'extra')).rejects.toThrow(/too many arguments/);
    await expect(ipc.invoke('app:info', appEvent(), undefined, undefined)).rejects.toThrow(/too many arguments/);
  });

  it('does not echo a huge hostile string', async () => {
    const huge = `https://example.com/${'A'.repeat(1_000_000)}`;
    const error = await ipc.invoke('shell:open-external', appEvent(), huge).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/too big/);
    expect(message).not.toContain('AAAA');
    expect(message.length).toBeLessThan(300);
  });

  it('does not echo huge hostile keys and is not polluted by __proto__ shapes', async () => {
    const hostileKey = `k${'<script>'.repeat(100_000)}`;
    const payload = JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"${hostileKey}":1}`);
    const error = await ipc.invoke('app:info', appEvent(), structuredClone(payload)).catch((caught: unknown) => caught);
    const message = (error as Error).message;
    expect(message.length).toBeLessThan(300);
    expect(message).not.toContain('<script>');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(handlers['app:info']).not.toHaveBeenCalled();
  });
});

describe('handler results and failures', () => {
  it('refuses a result that breaks the contract (no leak of extra fields)', async () => {
    const leaky = new FakeIpcMain();
    const broken = { ...makeHandlers(), 'app:info': () => ({ ...appInfo, deviceToken: 'secret' }) };
    registerIpcHandlers(leaky, broken, { allowedOrigins: [APP_ORIGIN] }, logger);
    const error = (await leaky.invoke('app:info', appEvent()).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toBe("IPC 'app:info' failed: the result did not match the contract.");
    expect(error.message).not.toContain('secret');
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('deviceToken'));
  });

  it('wraps handler errors with a bounded message', async () => {
    const failing = new FakeIpcMain();
    const boom = {
      ...makeHandlers(),
      'secrets:status': () => {
        throw new Error(`keyring exploded ${'x'.repeat(10_000)}`);
      },
    };
    registerIpcHandlers(failing, boom, { allowedOrigins: [APP_ORIGIN] }, logger);
    const error = (await failing.invoke('secrets:status', appEvent()).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/^IPC 'secrets:status' failed: keyring exploded/);
    expect(error.message.length).toBeLessThan(260);
  });
});
