// Small text reaches 4.5:1 in both themes: the notification centre's "Unread" label, input placeholders and P2 text (read from the CSS on disk).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = ['renderer/styles/app.css', 'renderer/features/notifications/notifications.css', 'renderer/styles/placeholder.css']
  .map((file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } }).join('\n');

/** Custom properties of the light theme (outside any media block) and of the dark one (light, then dark overrides). */
function themes(): { light: Map<string, string>; dark: Map<string, string> } {
  const light = new Map<string, string>();
  const dark = new Map<string, string>();
  const darkBlocks = [...css.matchAll(/@media \(prefers-color-scheme: dark\)\s*\{((?:[^{}]*\{[^}]*\})*\s*)\}/g)].map((m) => m[1]!);
  let outside = css;
  for (const block of darkBlocks) outside = outside.replace(block, '');
  for (const [, name, value] of outside.matchAll(/(--[\w-]+):\s*([^;]+);/g)) light.set(name!, value!.trim());
  for (const [name, value] of light) dark.set(name, value);
  for (const block of darkBlocks) for (const [, name, value] of block.matchAll(/(--[\w-]+):\s*([^;]+);/g)) dark.set(name!, value!.trim());
  return { light, dark };
}

function resolve(value: string, vars: Map<string, string>): string {
  let v = value.trim();
  for (let i = 0; i < 5; i += 1) {
    const m = v.match(/^var\((--[\w-]+)\)$/);
    if (!m) break;
    v = vars.get(m[1]!) ?? v;
  }
  return v;
}

/** The colour declared for `selector` (exactly that selector text) in the CSS. */
function colourOf(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rule = css.match(new RegExp(`(?:^|\\}|\\n)\\s*${escaped}\\s*\\{([^}]*)\\}`));
  const colour = rule?.[1]!.match(/(?:^|;|\s)color:\s*([^;]+);/)?.[1];
  if (!colour) throw new Error(`no colour for ${selector}`);
  return colour;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('theme contrast of small text', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`the Unread label on an unread entry reaches 4.5:1 (${theme})`, () => {
      const vars = themes()[theme];
      const fg = resolve(colourOf('.notification-unread'), vars);
      const bg = resolve('var(--row-selected)', vars);
      expect(ratio(fg, bg)).toBeGreaterThanOrEqual(4.5);
    });

    it(`placeholders reach 4.5:1 on fields and panels (${theme})`, () => {
      const vars = themes()[theme];
      const fg = resolve(colourOf('::placeholder'), vars);
      for (const bg of ['--surface', '--surface-2']) expect(ratio(fg, resolve(`var(${bg})`, vars))).toBeGreaterThanOrEqual(4.5);
    });

    // 11-12 px text in the P2 colour: the list badge and the 75 % SLA warning sit on the cursor row (--surface-2) and the
    // selected row (--row-selected) as well as on white.
    it(`P2 text reaches 4.5:1 on plain, cursor and selected rows (${theme})`, () => {
      const vars = themes()[theme];
      for (const selector of ['.priority-2', '.sla-cell.sla-warn75, .sla-clock.sla-warn75', '.escalation-summary', '.field-kept']) {
        const fg = resolve(colourOf(selector), vars);
        for (const bg of ['--surface', '--surface-2', '--row-selected', '--bg']) {
          expect({ selector, bg, ratio: ratio(fg, resolve(`var(${bg})`, vars)) >= 4.5 }).toEqual({ selector, bg, ratio: true });
        }
      }
    });
  }
});
