// registerAppScheme / serveAppProtocol with a fake protocol module.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_DEFINITION, registerAppScheme, serveAppProtocol } from '../../../../main/electron/app-protocol';
import type { AppRequestLike } from '../../../../main/protocol/serve-app-request';

describe('registerAppScheme', () => {
  it('registers app as standard + secure + fetch, and nothing that weakens it', () => {
    const registerSchemesAsPrivileged = vi.fn((_schemes: CustomScheme[]) => undefined);
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_DEFINITION]);
    expect(APP_SCHEME_DEFINITION.scheme).toBe('app');
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    const privileges = APP_SCHEME_DEFINITION.privileges ?? {};
    expect(privileges.bypassCSP).not.toBe(true);
    expect(privileges.corsEnabled).not.toBe(true);
    expect(privileges.allowServiceWorkers).not.toBe(true);
  });
});

describe('serveAppProtocol', () => {
  it('handles the app scheme with the resolver behind it', async () => {
    const rootDir = await mkdtemp(join(tmpdir(), 'lantern-app-protocol-'));
    try {
      await writeFile(join(rootDir, 'index.html'), '<p>ok</p>');
      let handler: ((request: AppRequestLike) => Promise<Response>) | undefined;
      serveAppProtocol({ handle: (scheme, h) => (scheme === 'app' ? (handler = h) : undefined) }, { rootDir });
      if (!handler) throw new Error('no handler for app:');
      const ok = await handler({ url: 'app://lantern/', method: 'GET' });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('<p>ok</p>');
      expect((await handler({ url: 'app://lantern/%2e%2e/etc/passwd', method: 'GET' })).status).toBe(400);
    } finally {
      await rm(rootDir, { recursive: true, force: true });
    }
  });
});
