// The list sorted by SLA time left in Chromium: the incident due first leads, whatever was updated last; a second click reverses it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordIncident, textsOf, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const titles = (page: Page) => textsOf(ui.incidentRows(page).getByRole('button'));
const slaHeader = (page: Page) => page.getByRole('table', { name: 'Incidents', exact: true }).getByRole('button', { name: /^SLA/ });

describe('sorting the list by SLA', () => {
  it('puts the incident due first at the top, in Chromium\'s IndexedDB, and back to front on a second click', async () => {
    const page = session().page;
    // Recorded in this order, so the default list (newest update first) shows them the other way round.
    await recordIncident(page, { title: 'Slow drain in plant room', impact: '2 — Medium', urgency: '2 — Medium' });
    await recordIncident(page, { title: 'Main breaker tripped', impact: '1 — High', urgency: '1 — High' });
    await recordIncident(page, { title: 'Door alarm chirping', impact: '3 — Low', urgency: '3 — Low' });
    await expect.poll(() => titles(page)).toEqual(['Door alarm chirping', 'Main breaker tripped', 'Slow drain in plant room']);

    // Gold policy: P1 due in 1 h, P3 in 4 h, P4 in 8 h.
    await slaHeader(page).click();
    await expect.poll(() => titles(page)).toEqual(['Main breaker tripped', 'Slow drain in plant room', 'Door alarm chirping']);
    await page.screenshot({ path: 'test-results/list-sla-sorted.png' });
    await slaHeader(page).click();
    await expect.poll(() => titles(page)).toEqual(['Door alarm chirping', 'Slow drain in plant room', 'Main breaker tripped']);
  });
});
