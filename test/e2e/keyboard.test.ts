// Keyboard use: N opens the capture form with the title focused, Escape closes it, and N still types inside fields.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ui } from './support/incident-ui';
import type { PageWindow } from './support/page-window';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

async function focusedId(page: Page): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id ?? null);
}

describe('keyboard shortcuts', () => {
  it('N opens the capture form with Title focused; Escape closes it', async () => {
    const page = session().page;
    // Focus on the page itself, as after a click on empty space.
    await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.blur());
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('n');
    await ui.field(page, 'Title').waitFor();
    const titleId = await ui.field(page, 'Title').getAttribute('id');
    expect(titleId).toBeTruthy();
    await expect.poll(() => focusedId(page)).toBe(titleId);

    // Inside a text field the letter is text, not a shortcut.
    await page.keyboard.type('Noise in plant room');
    expect(await ui.field(page, 'Title').inputValue()).toBe('Noise in plant room');

    await page.keyboard.press('Escape');
    await ui.field(page, 'Title').waitFor({ state: 'detached' });
  });
});
