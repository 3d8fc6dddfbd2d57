// The sandboxed preload may load nothing but 'electron': its whole runtime import graph must be bundled, zod-free code.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Runtime (non-type) import specifiers of a TS file. */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    if (match[2] === undefined && match[3] !== undefined) specifiers.push(match[3]);
  }
  return specifiers;
}

function preloadGraph(entry: string): { files: string[]; external: string[] } {
  const files: string[] = [];
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (files.includes(file)) continue;
    files.push(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(`${resolve(dirname(file), specifier)}.ts`);
      else external.add(specifier);
    }
  }
  return { files, external: [...external] };
}

describe('preload import graph', () => {
  it('reaches only electron outside our own files, and never the zod contract', () => {
    const { files, external } = preloadGraph(resolve(repoRoot, 'main/preload/index.ts'));
    expect(external).toEqual(['electron']);
    const relativeFiles = files.map((file) => file.slice(repoRoot.length + 1)).sort();
    expect(relativeFiles).toEqual(['main/preload/create-bridge.ts', 'main/preload/index.ts', 'shared/ipc/channels.ts']);
  });

  it('the import scanner sees runtime imports and skips type imports', () => {
    const source = "import { a } from './x';\nimport type { B } from 'zod';\nexport * from './y';\nimport 'side-effect';\n";
    expect(runtimeImports(source)).toEqual(['./x', './y', 'side-effect']);
  });
});
