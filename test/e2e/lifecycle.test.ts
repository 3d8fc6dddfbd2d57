// Working an incident in Chromium: assigned → in progress → on hold → in progress → resolved → closed, reloading between steps.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openIncident, recordIncident, saveScreenshot, textsOf, ui } from './support/incident-ui';
import { expectedLifecycleSteps, lifecycleSteps, workThroughLifecycle } from './support/lifecycle-steps';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const TITLE = 'Generator 2 failed to start during test run';
const NOTE = 'Starter motor solenoid clicking; vendor technician requested.';

async function reloadAndReopen(page: Page) {
  await session().reload();
  await openIncident(page, TITLE);
}

describe('incident lifecycle', () => {
  it('works an incident through every status, keeping each step across reloads, in timeline order', async () => {
    const page = session().page;
    await recordIncident(page, { title: TITLE, category: 'Facility › Generator & UPS', impact: '1 — High', urgency: '2 — Medium' });

    const entries = await workThroughLifecycle(page, {
      note: NOTE,
      resolutionNotes: 'Solenoid replaced; generator started and ran on load for 30 min.',
      reloadAndReopen: () => reloadAndReopen(page),
    });
    expect(lifecycleSteps(entries, 'Starter motor')).toEqual(expectedLifecycleSteps('Starter motor'));
    expect(entries[4]).toContain('Hold reason: Awaiting parts');
    expect(entries[6]).toContain('Resolution code: Hardware repaired');
    await saveScreenshot(page, 'detail-view.png');
  });

  it('finds the incident by a word from its note', async () => {
    const page = session().page;
    await page.getByLabel('Search incidents', { exact: true }).fill('solenoid');
    await expect.poll(() => textsOf(ui.incidentRows(page).getByRole('button'))).toEqual([TITLE]);
    await page.getByLabel('Search incidents', { exact: true }).fill('nonexistentword');
    await page.getByText('No incidents match this view.').waitFor();
    await page.getByLabel('Search incidents', { exact: true }).fill('');
    await saveScreenshot(page, 'list-view.png');
  });
});
