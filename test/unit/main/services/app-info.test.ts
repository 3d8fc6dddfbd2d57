// readAppInfo: the facts behind app:info, valid against the contract.
import { describe, expect, it } from 'vitest';
import { readAppInfo } from '../../../../main/services/app-info';
import { invokeContract } from '../../../../shared/ipc/contract';

describe('readAppInfo', () => {
  const app = { getName: () => 'Lantern', getVersion: () => '0.1.0', isPackaged: true };

  it('reads name, version, platform, electron version and packaging', () => {
    const info = readAppInfo(app, { platform: 'darwin', versions: { electron: '45.5.0' } });
    expect(info).toEqual({ name: 'Lantern', version: '0.1.0', platform: 'darwin', electronVersion: '45.5.0', isPackaged: true });
    expect(invokeContract['app:info'].output.safeParse(info).success).toBe(true);
  });

  it('still satisfies the contract outside Electron', () => {
    const info = readAppInfo(app, { platform: 'linux', versions: {} });
    expect(info.electronVersion).toBe('unknown');
    expect(invokeContract['app:info'].output.safeParse(info).success).toBe(true);
  });
});
