// Proves the import-direction rules in eslint.config.js fire (and stay quiet) by linting snippets at virtual paths.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
]);

async function lint(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  return result.messages;
}

/** Boundary errors reported for the snippet; fails loudly if the snippet did not even parse. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const messages = await lint(file, code);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => m.severity === 2 && m.ruleId && BOUNDARY_RULES.has(m.ruleId)).map((m) => m.ruleId ?? '');
}

/** Asserts a snippet lints completely clean, so an allowed import is not hidden behind some other error. */
async function expectClean(file: string, code: string): Promise<void> {
  const messages = await lint(file, code);
  expect(messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`)).toEqual([]);
}

beforeAll(async () => {
  await lint('shared/warm-up.ts', 'export const warm = 1;\n'); // loads the parser once
}, 30_000);

describe('electron is imported only by the Electron adapter files', () => {
  const useApp = "import { app } from 'electron';\nexport const quit = (): void => app.quit();\n";

  it.each(['main/index.ts', 'main/electron/window.ts', 'main/electron/adapters/notification.ts', 'main/preload/index.ts'])(
    'allows electron in %s',
    async (file) => {
      await expectClean(file, useApp);
    },
  );

  it.each([
    'main/services/sync/x.ts',
    'main/services/notifications/notification-service.ts',
    'main/ipc/register.ts',
    'renderer/features/x.tsx',
    'shared/domain/x.ts',
    'server/http/x.ts',
    'scripts/x.ts',
    'electron.vite.config.ts',
  ])('forbids electron in %s', async (file) => {
    expect(await boundaryErrors(file, useApp)).toEqual(['no-restricted-imports']);
  });

  it('forbids type-only, subpath, re-export and dynamic electron imports in services', async () => {
    const file = 'main/services/tray/tray-service.ts';
    expect(await boundaryErrors(file, "import type { Tray } from 'electron';\nexport type T = Tray;\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await boundaryErrors(file, "export { ipcMain } from 'electron/main';\n")).toEqual(['no-restricted-imports']);
    expect(await boundaryErrors(file, "export const load = () => import('electron');\n")).toEqual(['no-restricted-syntax']);
  });

  it('lets tests import electron to mock it', async () => {
    await expectClean('test/unit/main/tray.test.ts', "import { app } from 'electron';\nexport const name = app.name;\n");
  });

  it('does not mistake electron-vite or electron-builder for electron', async () => {
    await expectClean('scripts/x.ts', "import { defineConfig } from 'electron-vite';\nexport default defineConfig({});\n");
  });
});

describe('shared/ is pure', () => {
  const file = 'shared/domain/x.ts';

  it.each([
    "import fs from 'node:fs';\nexport const f = fs;\n",
    "import { join } from 'path';\nexport const j = join;\n",
    "import { readFile } from 'fs/promises';\nexport const r = readFile;\n",
    "import { randomUUID } from 'crypto';\nexport const u = randomUUID;\n",
    "import { EventEmitter } from 'events';\nexport const e = EventEmitter;\n",
  ])('forbids Node built-ins: %s', async (code) => {
    expect(await boundaryErrors(file, code)).toEqual(['no-restricted-imports']);
  });

  it.each(['react', 'react/jsx-runtime', 'react-dom', 'react-dom/client', 'dexie', 'dexie-react-hooks', 'zustand', 'fastify'])(
    'forbids %s',
    async (specifier) => {
      expect(await boundaryErrors(file, `import * as m from '${specifier}';\nexport const x = m;\n`)).toEqual([
        'no-restricted-imports',
      ]);
    },
  );

  it('forbids require() and import() of built-ins', async () => {
    expect(await boundaryErrors(file, "export const load = () => import('node:fs');\n")).toEqual(['no-restricted-syntax']);
  });

  it.each([
    'window.alert(1);',
    'export const t = document.title;',
    "export const v = localStorage.getItem('k');",
    "export const r = fetch('https://hq.example');",
    'export const id = crypto.randomUUID();',
    'export const e = process.env.HOME;',
    'export const b = new Blob([]);',
    'export const db = indexedDB;',
    'export const g = globalThis;',
  ])('forbids host globals: %s', async (code) => {
    expect(await boundaryErrors(file, `${code}\n`)).toEqual(['no-restricted-globals']);
  });

  it.each([
    ['shared/domain/x.ts', '../../main/x'],
    ['shared/domain/x.ts', '../../renderer/db/x'],
    ['shared/domain/x.ts', '../../server/x'],
    ['shared/domain/x.ts', '../../scripts/web/args'],
    ['shared/index.ts', '../main/x'],
    ['shared/sync/engine/deep/x.ts', '../../../../renderer/x'],
    ['shared/sync/x.ts', './../../main/x'],
  ])('forbids %s importing %s', async (from, specifier) => {
    const code = `import { thing } from '${specifier}';\nexport const x = thing;\n`;
    expect(await boundaryErrors(from, code)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('allows pure packages and imports within shared/', async () => {
    await expectClean(
      'shared/sync/engine/x.ts',
      [
        "import { v7 } from 'uuid';",
        "import { z } from 'zod';",
        "import { merge } from '../merge';",
        "import { hlc } from '../../domain/hlc';",
        "import { main } from '../main';", // a file named main inside shared/sync is fine
        'export const all = [v7, z, merge, hlc, main];',
        '',
      ].join('\n'),
    );
  });
});

describe('renderer/ stays in the page', () => {
  it('allows Dexie, React and shared/', async () => {
    await expectClean(
      'renderer/db/x.ts',
      "import Dexie from 'dexie';\nimport { useState } from 'react';\nimport { newId } from '../../shared/domain';\nexport const all = [Dexie, useState, newId];\n",
    );
  });

  it.each(["import '../../main/x';\n", "import '../../server/http';\n"])('forbids %s', async (code) => {
    expect(await boundaryErrors('renderer/features/x.tsx', code)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it.each(["import fs from 'node:fs';\nexport const f = fs;\n", "import { createHash } from 'crypto';\nexport const c = createHash;\n"])(
    'forbids Node built-ins: %s',
    async (code) => {
      expect(await boundaryErrors('renderer/host/x.ts', code)).toEqual(['no-restricted-imports']);
    },
  );

  it('forbids Node globals', async () => {
    expect(await boundaryErrors('renderer/host/x.ts', 'export const env = process.env;\n')).toEqual(['no-restricted-globals']);
  });

  it('applies the react-hooks rules', async () => {
    const code = 'import { useState } from "react";\nexport function A(p: { on: boolean }) {\n  if (p.on) useState(0);\n  return null;\n}\n';
    const rules = (await lint('renderer/features/a.tsx', code)).map((m) => m.ruleId);
    expect(rules).toContain('react-hooks/rules-of-hooks');
  });
});

describe('main/ and server/', () => {
  it.each([
    ['main/services/sync/x.ts', '../../../renderer/db'],
    ['main/services/sync/x.ts', '../../../server/store'],
    ['main/index.ts', '../renderer/app'],
    ['server/http/x.ts', '../../renderer/x'],
    ['server/http/x.ts', '../../main/services/sync'],
    ['server/index.ts', '../scripts/web/server'],
  ])('forbids %s importing %s', async (from, specifier) => {
    const code = `import { thing } from '${specifier}';\nexport const x = thing;\n`;
    expect(await boundaryErrors(from, code)).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('lets main use Node and shared/', async () => {
    await expectClean(
      'main/services/sync/x.ts',
      "import { readFile } from 'node:fs/promises';\nimport { newId } from '../../../shared/domain';\nexport const all = [readFile, newId];\n",
    );
  });

  it('lets server use Node, its own folders and shared/', async () => {
    await expectClean(
      'server/http/routes.ts',
      "import { createServer } from 'node:http';\nimport { store } from '../store/sqlite';\nimport { schema } from '../../shared/sync/wire';\nexport const all = [createServer, store, schema];\n",
    );
  });
});

describe('ignores', () => {
  it.each(['out/main/index.js', 'dist/x.js', 'coverage/x.js', 'test-results/x.js'])('ignores %s', async (file) => {
    expect(await eslint.isPathIgnored(join(repoRoot, file))).toBe(true);
  });
});
