// Permissions: notifications from our own top frame, everything else denied.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../../main/security/origin';
import { isPermissionAllowed } from '../../../../main/security/permission-policy';

const allowed = [APP_ORIGIN];

describe('isPermissionAllowed', () => {
  it('grants notifications to the app origin main frame', () => {
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: 'app://lantern/index.html', isMainFrame: true }, allowed)).toBe(true);
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: 'app://lantern', isMainFrame: true }, allowed)).toBe(true);
  });

  it('grants persistent storage to the app origin main frame only, so unsynced incidents are never evicted', () => {
    expect(isPermissionAllowed({ permission: 'persistent-storage', requestingUrl: 'app://lantern/', isMainFrame: true }, allowed)).toBe(true);
    expect(isPermissionAllowed({ permission: 'persistent-storage', requestingUrl: 'https://evil.example/', isMainFrame: true }, allowed)).toBe(false);
    expect(isPermissionAllowed({ permission: 'persistent-storage', requestingUrl: 'app://lantern/', isMainFrame: false }, allowed)).toBe(false);
  });

  it.each(['camera', 'media', 'geolocation', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fileSystem', 'unknown', 'Notifications', ''])(
    'denies %j even to the app origin',
    (permission) => {
      expect(isPermissionAllowed({ permission, requestingUrl: 'app://lantern/', isMainFrame: true }, allowed)).toBe(false);
    },
  );

  it.each(['https://evil.example/', 'app://lantern.evil/', 'app://other/', 'file:///x', 'null', '', undefined])(
    'denies notifications to %j',
    (requestingUrl) => {
      expect(isPermissionAllowed({ permission: 'notifications', requestingUrl, isMainFrame: true }, allowed)).toBe(false);
    },
  );

  it('denies sub-frames and unknown frame kinds', () => {
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: 'app://lantern/', isMainFrame: false }, allowed)).toBe(false);
    expect(isPermissionAllowed({ permission: 'notifications', requestingUrl: 'app://lantern/', isMainFrame: undefined }, allowed)).toBe(false);
  });
});
