// Where the built preload and renderer live, relative to the built main bundle (out/main/index.js).
import { join } from 'node:path';

export interface BuildPaths {
  /** Sandboxed preloads must be CommonJS, hence .cjs (see electron.vite.config.ts). */
  readonly preload: string;
  readonly rendererRoot: string;
}

export function resolveBuildPaths(mainDir: string): BuildPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererRoot: join(mainDir, '..', 'renderer'),
  };
}
