// The unread count on the Notifications button is small text: it needs 4.5:1 (WCAG AA) in the light and the dark theme.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Read from disk: vitest hands CSS imports (?raw included) to tests as empty strings.
const read = (path: string) => readFileSync(new URL(`../../../../../${path}`, import.meta.url), 'utf8');
const APP_CSS = read('renderer/styles/app.css');
const NOTIFICATIONS_CSS = read('renderer/features/notifications/notifications.css');

interface Rule {
  readonly selector: string;
  readonly declarations: ReadonlyMap<string, string>;
  /** The enclosing at-rules' preludes ("@media (prefers-color-scheme: dark)"). */
  readonly within: readonly string[];
}

/** Style rules of a stylesheet, those nested in at-rules included (enough CSS parsing for the app's own sheets). */
function rules(css: string, within: readonly string[] = []): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: Rule[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{', at);
    if (open === -1) break;
    const prelude = text.slice(at, open).trim();
    let depth = 1;
    let close = open + 1;
    for (; close < text.length && depth > 0; close++) depth += text[close] === '{' ? 1 : text[close] === '}' ? -1 : 0;
    const body = text.slice(open + 1, close - 1);
    if (prelude.startsWith('@')) found.push(...rules(body, [...within, prelude]));
    else {
      const declarations = new Map<string, string>();
      for (const part of body.split(';')) {
        const colon = part.indexOf(':');
        if (colon > 0) declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
      }
      found.push({ selector: prelude, declarations, within });
    }
    at = close;
  }
  return found;
}

type Theme = 'light' | 'dark';
const applies = (rule: Rule, theme: Theme) =>
  rule.within.every((prelude) => !prelude.includes('prefers-color-scheme') || prelude.includes(`prefers-color-scheme: ${theme}`));

/** The declared value of `property` for `selector` in a theme (later rules win), with var(--x) resolved from :root. */
function valueOf(all: readonly Rule[], selector: string, property: string, theme: Theme): string {
  const pick = (sel: string, prop: string): string | undefined =>
    all.filter((rule) => applies(rule, theme) && rule.selector.split(',').some((s) => s.trim() === sel) && rule.declarations.has(prop)).at(-1)?.declarations.get(prop);
  let value = pick(selector, property);
  for (let depth = 0; value?.startsWith('var(') && depth < 10; depth++) value = pick(':root', value.slice(4, -1).trim());
  if (value === undefined) throw new Error(`${selector} has no ${property} in the ${theme} theme`);
  return value;
}

function luminance(hex: string): number {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  if (!/^#[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

describe('unread count badge', () => {
  const all = [...rules(APP_CSS), ...rules(NOTIFICATIONS_CSS)];

  it.each(['light', 'dark'] as const)('reaches 4.5:1 between its number and its background in the %s theme', (theme) => {
    const background = valueOf(all, '.notification-count', 'background', theme);
    const color = valueOf(all, '.notification-count', 'color', theme);
    expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('measures as published: white on the dark theme red was 2.28:1', () => {
    expect(contrast('#ffffff', '#ff8a80')).toBeCloseTo(2.28, 2);
  });
});
