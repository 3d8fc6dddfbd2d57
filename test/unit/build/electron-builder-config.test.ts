// Parses electron-builder.yml, validates it with electron-builder's own schema validator and checks Lantern's packaging choices.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const config = parse(readFileSync(`${repoRoot}electron-builder.yml`, 'utf8')) as Record<string, unknown> & BuilderConfig;

type Target = { target: string; arch?: string[] };
type BuilderConfig = {
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  linux: { target: Target[]; category: string; desktop: { entry: Record<string, string> }; maintainer: string };
  deb: { depends: string[] };
  win: { target: Target[] };
  nsis: Record<string, unknown>;
  mac: { target: Target[]; category: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string };
};

// electron-builder validates its config with app-builder-lib (its own dependency); load that exact copy.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, debugLogger: { isEnabled: boolean; add: (...args: unknown[]) => void }) => Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };
const scheme = requireFromBuilder('app-builder-lib/scheme.json') as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  });

  it('is checked by a validator that does reject mistakes', async () => {
    const misspelledFuse = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(misspelledFuse, quietLogger)).rejects.toThrow(/configuration\.electronFuses/);
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneclick: false } }, quietLogger)).rejects.toThrow(/configuration\.nsis/);
  });

  it('uses only top-level keys and fuse names the installed electron-builder knows', () => {
    for (const key of Object.keys(config)) expect(scheme.properties, key).toHaveProperty([key]);
    const fuseNames = Object.keys(scheme.definitions.FuseOptionsV1?.properties ?? {});
    for (const fuse of Object.keys(config.electronFuses)) expect(fuseNames).toContain(fuse);
  });

  it('names the app and its output folders', () => {
    expect(config.appId).toBe('org.lantern.desk');
    expect(config.productName).toBe('Lantern');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    expect(config.asar).toBe(true);
  });

  it('packages only the build output and package.json, without source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', '!out/**/*.map']));
    for (const pattern of config.files) {
      expect(pattern).not.toMatch(/^(main|renderer|shared|server|test|scripts|src)\b/);
      expect(pattern).not.toMatch(/^\*\*|^\*$/); // no catch-all that would drag sources in
    }
  });

  it('flips the Electron fuses that lock the binary down', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds deb and AppImage for Linux with a desktop entry', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['deb', 'AppImage']);
    expect(config.linux.category.split(';')).toEqual(expect.arrayContaining(['Office', 'Utility']));
    expect(config.linux.desktop.entry).toMatchObject({ Name: 'Lantern' });
    expect(config.linux.maintainer).toMatch(/<.+@.+>/); // .deb needs a maintainer address
  });

  it('keeps electron’s default deb dependencies and adds libnotify and libsecret', () => {
    const defaults = (scheme.definitions.DebOptions?.properties.depends as { default: string[] }).default;
    expect(config.deb.depends).toEqual(expect.arrayContaining(defaults));
    expect(config.deb.depends).toEqual(
      expect.arrayContaining(['libgtk-3-0', 'libnotify4', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0']),
    );
  });

  it('builds a full offline NSIS installer that lets the user choose scope and folder', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']); // not nsis-web
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds a hardened-runtime dmg for macOS', () => {
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.productivity');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(existsSync(`${repoRoot}${config.mac.entitlements}`)).toBe(true);
    expect(readFileSync(`${repoRoot}${config.mac.entitlementsInherit}`, 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('has its build resources in place', () => {
    expect(config.icon).toBe('build/icon.png');
    expect(existsSync(`${repoRoot}build/icon.png`)).toBe(true);
    expect(existsSync(`${repoRoot}build/icon.svg`)).toBe(true);
  });

  it('ships the icon as resources/icon.png for the tray and notifications (appIconPath)', () => {
    expect(config.extraResources).toEqual([{ from: 'build/icon.png', to: 'icon.png' }]);
  });
});
