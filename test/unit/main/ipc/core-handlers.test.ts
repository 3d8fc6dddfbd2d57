// createCoreHandlers wired through registerIpcHandlers with fake dependencies.
import { describe, expect, it, vi } from 'vitest';
import { createCoreHandlers } from '../../../../main/ipc/core-handlers';
import { registerIpcHandlers } from '../../../../main/ipc/register-ipc-handlers';
import { openExternalSafely } from '../../../../main/security/external-url';
import { APP_ORIGIN } from '../../../../main/security/origin';
import { appEvent, FakeIpcMain } from '../fakes';
import { stubNotificationHandlers } from '../services/notifications/stub-notification-handlers';
import { stubSyncHandlers } from '../services/sync/stub-sync-handlers';

function setup(focused = true) {
  const shell = { openExternal: vi.fn(async () => undefined) };
  const focusMainWindow = vi.fn(() => focused);
  const ipc = new FakeIpcMain();
  registerIpcHandlers(
    ipc,
    {
      ...stubSyncHandlers(),
      ...stubNotificationHandlers(),
      ...createCoreHandlers({
        appInfo: () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: true }),
        openExternal: (url) => openExternalSafely(shell, url),
        secretsStatus: () => ({ available: true, backend: 'basic_text', plainTextFallback: true }),
        focusMainWindow,
      }),
    },
    { allowedOrigins: [APP_ORIGIN] },
    { warn: vi.fn() },
  );
  return { ipc, shell, focusMainWindow };
}

describe('core handlers end to end', () => {
  it('shell:open-external opens https and refuses javascript: and file:', async () => {
    const { ipc, shell } = setup();
    await expect(ipc.invoke('shell:open-external', appEvent(), 'https://example.com/help')).resolves.toEqual({ opened: true });
    for (const url of ['javascript:alert(document.cookie)', 'file:///etc/passwd', 'vbscript:x', 'smb://evil/share']) {
      const result = (await ipc.invoke('shell:open-external', appEvent(), url)) as { opened: boolean; reason?: string };
      expect(result.opened).toBe(false);
      expect(result.reason).toBeTruthy();
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('window:focus reports whether a window was focused', async () => {
    await expect(setup(true).ipc.invoke('window:focus', appEvent())).resolves.toEqual({ focused: true });
    await expect(setup(false).ipc.invoke('window:focus', appEvent())).resolves.toEqual({ focused: false });
  });

  it('secrets:status passes the plain-text fallback through', async () => {
    await expect(setup().ipc.invoke('secrets:status', appEvent())).resolves.toEqual({
      available: true,
      backend: 'basic_text',
      plainTextFallback: true,
    });
  });
});
