// ESLint flat config: typescript-eslint + react-hooks, and the import-direction rules that keep main/, renderer/, shared/ and server/ apart.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const SOURCE = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

// ---------------------------------------------------------------------------
// Module groups. Each is one case-sensitive regex over the import specifier plus the
// message a developer sees. The same group feeds static imports (no-restricted-imports)
// and dynamic import()/require() (no-restricted-syntax), so the two never drift apart.
// `[/]` instead of `\/` keeps the regex readable inside esquery selectors.
// ---------------------------------------------------------------------------

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Matches any of the package names, with or without a subpath (`react` and `react/jsx-runtime`). */
const packages = (names) => `^(?:${names.map(escapeRegex).join('|')})(?:[/].*)?$`;

const ELECTRON = {
  regex: packages(['electron']),
  message:
    'Only main/index.ts, main/electron/** and main/preload/** may import electron. Wrap the Electron API in an adapter there and pass it to services as an argument.',
};
const NODE_BUILTINS = {
  regex: `^node:|${packages(builtinModules.filter((name) => !name.includes('/')))}`,
  message: 'Node built-ins are not available here: this code also runs in the browser.',
};
const UI_AND_STORAGE = {
  regex: packages(['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand']),
  message: 'shared/ is pure TypeScript: UI and storage libraries belong in renderer/.',
};
const SERVER_ONLY = {
  regex: packages(['fastify', '@fastify', 'better-sqlite3', 'pg']),
  message: 'shared/ is pure TypeScript: server libraries belong in server/.',
};

/** What each app folder may not import from packages and Node. */
const FORBIDDEN_MODULES = {
  shared: [ELECTRON, NODE_BUILTINS, UI_AND_STORAGE, SERVER_ONLY],
  renderer: [ELECTRON, NODE_BUILTINS],
  main: [ELECTRON],
  server: [ELECTRON],
};

/** The only files allowed to import electron (tests under test/ may mock it as well). */
const ELECTRON_FILES = ['main/index.ts', `main/electron/**/*.${SOURCE}`, `main/preload/**/*.${SOURCE}`];

const restrictImports = (groups) => [
  'error',
  { patterns: groups.map(({ regex, message }) => ({ regex, message, caseSensitive: true })) },
];
const restrictDynamicImports = (groups) => [
  'error',
  ...groups.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=/${regex}/]`, message },
    { selector: `CallExpression[callee.name='require'][arguments.0.value=/${regex}/]`, message },
  ]),
];
const moduleRules = (groups) => ({
  'no-restricted-imports': restrictImports(groups),
  'no-restricted-syntax': restrictDynamicImports(groups),
});

// ---------------------------------------------------------------------------
// Folder boundaries. A relative import leaves a file's top-level folder when it climbs
// as many `../` as the file is deep, so these rules are generated per depth: a file at
// shared/sync/x.ts (depth 2) reaches the repo root with `../../`. They use the
// typescript-eslint twin of no-restricted-imports so they do not override the module
// lists above (later config objects replace a rule's options, they don't merge them).
// ---------------------------------------------------------------------------

const MAX_DEPTH = 8; // files nested deeper are treated as depth 8
const APP_FOLDERS = ['main', 'renderer', 'shared', 'server'];

/** Per folder: either the only top-level folders it may reach (`allow`) or the ones it may not (`deny`). */
const FOLDER_BOUNDARIES = {
  shared: { allow: ['shared'], message: 'shared/ may import only shared/ code.' },
  server: { allow: ['shared', 'server'], message: 'server/ may import only shared/ from the app.' },
  renderer: { deny: ['main', 'server'], message: 'renderer/ may not import main/ or server/ code; move shared logic to shared/.' },
  main: { deny: ['renderer', 'server'], message: 'main/ may not import renderer/ or server/ code; move shared logic to shared/.' },
};

function climbRegex(depth, { allow, deny }) {
  const toRoot = `^(?:\\./)?(?:\\.\\./){${depth}}`;
  return allow
    ? `${toRoot}(?!(?:${allow.join('|')})(?:/|$))`
    : `${toRoot}(?:${deny.join('|')})(?:/|$)`;
}

function folderBoundaryConfigs(folder) {
  const boundary = FOLDER_BOUNDARIES[folder];
  return Array.from({ length: MAX_DEPTH }, (_, index) => {
    const depth = index + 1;
    const nesting = '*/'.repeat(depth - 1) + (depth === MAX_DEPTH ? '**/' : '');
    return {
      name: `lantern/boundaries/${folder}/depth-${depth}`,
      files: [`${folder}/${nesting}*.${SOURCE}`],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: [{ regex: climbRegex(depth, boundary), message: boundary.message, caseSensitive: true }] },
        ],
      },
    };
  });
}

// ---------------------------------------------------------------------------
// Globals. tsconfig.shared.json already has no DOM or Node lib; no-restricted-globals adds a
// lint error with a reason, which also catches type-only uses and editors using another tsconfig.
// ---------------------------------------------------------------------------

const NODE_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'];
const DOM_GLOBALS = [
  'window', 'self', 'document', 'navigator', 'location', 'history', 'screen',
  'localStorage', 'sessionStorage', 'indexedDB', 'IDBKeyRange', 'caches',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'Notification',
  'HTMLElement', 'Element', 'Node', 'MutationObserver', 'customElements', 'getComputedStyle',
  'Blob', 'File', 'FileReader', 'FormData', 'Image',
  'alert', 'confirm', 'prompt', 'open', 'matchMedia', 'requestAnimationFrame',
];
const restrictGlobals = (names, message) => names.map((name) => ({ name, message }));

export default defineConfig(
  { name: 'lantern/ignores', ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'lantern/unused-vars',
    rules: {
      // A leading underscore marks a value as deliberately unused (e.g. omitted from a rest copy).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'lantern/globals/node',
    files: [`{main,server,scripts,test}/**/*.${SOURCE}`, `*.${SOURCE}`],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'lantern/globals/browser',
    files: [`renderer/**/*.${SOURCE}`, `test/component/**/*.${SOURCE}`],
    languageOptions: { globals: globals.browser },
  },

  // Module boundaries: electron is off limits everywhere, then each app folder adds its own list.
  { name: 'lantern/modules/everywhere', files: [`**/*.${SOURCE}`], rules: moduleRules([ELECTRON]) },
  ...Object.entries(FORBIDDEN_MODULES).map(([folder, groups]) => ({
    name: `lantern/modules/${folder}`,
    files: [`${folder}/**/*.${SOURCE}`],
    rules: moduleRules(groups),
  })),
  {
    name: 'lantern/modules/electron-adapters',
    files: ELECTRON_FILES,
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    name: 'lantern/modules/tests',
    files: [`test/**/*.${SOURCE}`],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },

  ...APP_FOLDERS.flatMap(folderBoundaryConfigs),

  {
    name: 'lantern/shared/no-host-globals',
    files: [`shared/**/*.${SOURCE}`],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals(DOM_GLOBALS, 'shared/ is pure: no DOM. Take what you need as a parameter.'),
        ...restrictGlobals(NODE_GLOBALS, 'shared/ is pure: no Node globals. Take what you need as a parameter.'),
        ...restrictGlobals(['crypto', 'globalThis'], 'shared/ is pure: use the uuid package for ids, or take the host API as a parameter.'),
      ],
    },
  },
  {
    name: 'lantern/renderer/no-node-globals',
    files: [`renderer/**/*.${SOURCE}`],
    rules: {
      'no-restricted-globals': ['error', ...restrictGlobals(NODE_GLOBALS, 'renderer/ runs in a browser page: no Node globals.')],
    },
  },
  {
    name: 'lantern/renderer/react-hooks',
    files: [`renderer/**/*.{ts,tsx}`],
    ...reactHooks.configs.flat.recommended,
  },
);
