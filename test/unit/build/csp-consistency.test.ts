// Keeps browser mode's CSP (scripts/web) equal to the Electron app's (main/security/csp.ts) and to the renderer's meta tag.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from '../../../main/security/csp';
import { CONTENT_SECURITY_POLICY as BROWSER_MODE_CSP } from '../../../scripts/web/security-headers';

/** "a x y; b z" → { a: "x y", b: "z" } with sources sorted, so order and spacing do not matter. */
function directives(policy: string): Record<string, string> {
  const entries = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, ...sources]) => [name?.toLowerCase() ?? '', [...sources].sort().join(' ')]);
  return Object.fromEntries(entries);
}

describe('Content-Security-Policy', () => {
  it('is the same in browser mode as in the Electron app', () => {
    expect(directives(BROWSER_MODE_CSP)).toEqual(directives(ELECTRON_CSP));
  });

  it('agrees with every directive of the meta tag in renderer/index.html', () => {
    const html = readFileSync(fileURLToPath(new URL('../../../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(meta, 'renderer/index.html has a CSP meta tag').toBeDefined();
    const header = directives(BROWSER_MODE_CSP);
    for (const [name, sources] of Object.entries(directives(meta ?? ''))) {
      expect({ [name]: sources }).toEqual({ [name]: header[name] });
    }
  });
});
