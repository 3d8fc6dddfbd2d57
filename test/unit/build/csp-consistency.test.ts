// Keeps browser mode's CSP (scripts/web) equal to the Electron app's (main/security/csp.ts; only connect-src narrower) and to the renderer's meta tag.
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
  it('is the same in browser mode as in the Electron app, except where the page talks to HQ', () => {
    const { 'connect-src': browserConnect, ...browserRest } = directives(BROWSER_MODE_CSP);
    const { 'connect-src': electronConnect, ...electronRest } = directives(ELECTRON_CSP);
    expect(browserRest).toEqual(electronRest);
    // Browser mode syncs from the page (fetch to whatever HQ address was typed); in Electron main does, so its page
    // connects to nothing but its own files.
    expect(browserConnect).toBe("'self' http: https:");
    expect(electronConnect).toBe("'self'");
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
