// Statistics in real Chromium: the built app's report counts what was recorded and resolved, and draws its charts.
import { describe, expect, it } from 'vitest';
import { recordIncident, saveScreenshot, textsOf } from './support/incident-ui';
import { changeStatus, statusDialog } from './support/lifecycle-steps';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

describe('statistics', () => {
  it('reports the week: counts, SLA figures, per priority and category, charts drawn, Escape back to the list', async () => {
    const page = session().page;
    await recordIncident(page, { title: 'Main switchboard tripped', category: 'Facility › Power & utility failure', impact: '1 — High', urgency: '1 — High' });
    await changeStatus(page, 'Assign → Assigned', 'Assign', async (p) => {
      await statusDialog(p).getByLabel('Team', { exact: true }).selectOption({ label: 'Electrical' });
    });
    await changeStatus(page, 'Resolve → Resolved', 'Resolve', async (p) => {
      await statusDialog(p).getByLabel('Resolution code', { exact: true }).selectOption({ label: 'Service restored by provider' });
      await statusDialog(p).getByLabel('Resolution notes', { exact: true }).fill('Grid power back at 14:05.');
    });
    await recordIncident(page, { title: 'Ward printer offline', category: 'IT › Hardware', impact: '3 — Low', urgency: '2 — Medium' });

    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    const report = page.getByRole('region', { name: 'Statistics' });
    await report.getByRole('status').filter({ hasText: 'figures as of' }).waitFor();
    const tile = (name: string) => report.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd[1]');
    expect(await tile('Recorded').textContent()).toBe('2');
    expect(await tile('Resolved').textContent()).toBe('1');
    expect(await tile('Still open').textContent()).toBe('1of those recorded');
    expect(await tile('Resolved in time').textContent()).toBe('100 %1 of 1 in time');
    expect(await tile('Open now').textContent()).toBe('1of any age');

    const byPriority = report.getByRole('table', { name: 'By priority' });
    expect(await textsOf(byPriority.getByRole('rowheader'))).toEqual(['P1 Critical', 'P4 Low']);
    // Both charts are drawn as SVG bars (Recharts under the app's CSP: a violation would fail the test as a page problem).
    await expect.poll(() => report.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await report.getByRole('img', { name: /per day: 2 recorded, 1 resolved/ }).count()).toBe(1);
    expect(await report.getByRole('img', { name: /most in (Facility › Power & utility failure|IT › Hardware) \(1\)/ }).count()).toBe(1);
    await saveScreenshot(page, 'statistics.png');
    await report.getByText('Times are SLA time', { exact: false }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'statistics-lower.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'statistics-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });

    await report.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 24 hours' });
    await report.getByRole('img', { name: /per hour: 2 recorded, 1 resolved/ }).waitFor();
    await saveScreenshot(page, 'statistics-24h.png');

    await page.keyboard.press('Escape');
    await page.getByRole('table', { name: 'Incidents', exact: true }).waitFor();
    await expect.poll(() => page.evaluate<string>('document.activeElement?.textContent ?? ""')).toBe('Statistics');
  });
});
