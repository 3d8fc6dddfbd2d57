// resolveRendererTarget: the dev server URL is honoured only unpackaged and only on loopback.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_START_URL } from '../../../../main/security/origin';
import { resolveRendererTarget } from '../../../../main/security/renderer-target';

const production = { startUrl: APP_START_URL, allowedOrigins: [APP_ORIGIN], devOrigin: null };

describe('resolveRendererTarget', () => {
  it('serves app://lantern without a dev server', () => {
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: undefined })).toEqual(production);
  });

  it('uses a loopback dev server when unpackaged', () => {
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'http://localhost:5173' })).toEqual({
      startUrl: 'http://localhost:5173',
      allowedOrigins: [APP_ORIGIN, 'http://localhost:5173'],
      devOrigin: 'http://localhost:5173',
    });
    expect(resolveRendererTarget({ isPackaged: false, devServerUrl: 'http://127.0.0.1:5173/' }).devOrigin).toBe('http://127.0.0.1:5173');
  });

  it('ignores the variable in a packaged app', () => {
    expect(resolveRendererTarget({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual(production);
  });

  it.each(['https://evil.example', 'http://localhost.evil.example:5173', 'file:///tmp/index.html', 'javascript:alert(1)', 'http://user@localhost:5173', 'garbage', ''])(
    'ignores non-loopback or odd dev URL %j',
    (devServerUrl) => {
      expect(resolveRendererTarget({ isPackaged: false, devServerUrl })).toEqual(production);
    },
  );
});
