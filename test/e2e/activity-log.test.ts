// Activity log (HICS 214) in real Chromium: one person's entries from the timeline, and the log laid out alone on paper.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recordIncident, saveScreenshot, textsOf, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

async function workAs(page: Page, name: string, position: string): Promise<void> {
  await page.getByRole('button', { name: /^(Who is working\? Set your name|Working as .*\. Switch user)$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is working' });
  await dialog.getByLabel('Your name', { exact: true }).fill(name);
  await dialog.getByLabel('Position (optional)', { exact: true }).fill(position);
  await dialog.getByRole('button', { name: 'Start working' }).click();
  await page.getByRole('button', { name: `Working as ${name}. Switch user` }).waitFor();
}

async function addNote(page: Page, text: string): Promise<void> {
  await ui.field(page, 'Work note').fill(text);
  await ui.addNoteButton(page).click();
  await ui.timeline(page).getByRole('listitem').filter({ hasText: text }).waitFor();
}

describe('activity log (HICS 214)', () => {
  it("filters the timeline by person and prints that person's log alone, as a table", async () => {
    const page = session().page;
    await workAs(page, 'Amira Haddad', 'Facility Unit Leader');
    await recordIncident(page, { title: 'Generator B failed to start', category: 'Facility › Generator & UPS' });
    await addNote(page, 'Fuel level read at 40 %; transfer switch in manual.');
    await workAs(page, 'Sam Okafor', 'Planning Section Chief');
    await addNote(page, 'Wards 3 and 4 told to expect a switch-over at 14:30.');

    await page.getByLabel('Entries by', { exact: true }).selectOption({ label: 'Amira Haddad — Facility Unit Leader (2)' });
    expect(await ui.timeline(page).getByRole('listitem').count()).toBe(2);
    await page.getByRole('button', { name: 'Activity log', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    await dialog.getByText('2 entries by Amira Haddad — Facility Unit Leader in this period, of 2 entries in all.').waitFor();
    await dialog.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'activity-log.png');

    // The print dialog itself cannot be driven headless: count the call and keep the printable block in the page.
    await page.evaluate('window.print = () => { window.__prints = (window.__prints ?? 0) + 1; }');
    await dialog.getByRole('button', { name: 'Print activity log' }).click();
    expect(await page.evaluate<number>('window.__prints')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const printed = page.getByRole('region', { name: 'Printable activity log' });
    const table = printed.getByRole('table', { name: 'Notable activities (2 entries)' });
    expect(await table.isVisible()).toBe(true);
    // Only the log is on paper: the app steps aside.
    expect(await page.getByRole('table', { name: 'Incidents', exact: true }).isVisible()).toBe(false);
    expect(await textsOf(table.getByRole('columnheader'))).toEqual(['Date/time', 'Notable activity']);
    const cells = await textsOf(table.locator('tbody td:last-child'));
    expect(cells).toEqual(['Recorded\nIncident recorded: Generator B failed to start', 'Note\nFuel level read at 40 %; transfer switch in manual.']);
    await saveScreenshot(page, 'activity-log-print.png');

    await page.emulateMedia({ media: 'screen' });
    await page.evaluate('window.dispatchEvent(new Event("afterprint"))');
    await printed.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Activity log');
  });
});
