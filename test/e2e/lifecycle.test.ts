// Working an incident in Chromium: assigned → in progress → on hold → in progress → resolved → closed, reloading between steps.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openIncident, recordIncident, saveScreenshot, textsOf, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const TITLE = 'Generator 2 failed to start during test run';
const NOTE = 'Starter motor solenoid clicking; vendor technician requested.';

function dialog(page: Page) {
  return page.getByRole('dialog', { name: 'Change status', exact: true });
}

/** Opens the status dialog, picks the transition and fills what it needs, then applies it. */
async function changeStatus(page: Page, option: string, action: string, fill: (page: Page) => Promise<void> = async () => {}) {
  await page.getByRole('button', { name: 'Change status', exact: true }).click();
  await dialog(page).getByLabel('New status', { exact: true }).selectOption({ label: option });
  await fill(page);
  await dialog(page).getByRole('button', { name: action, exact: true }).click();
  await dialog(page).waitFor({ state: 'detached' });
}

async function reloadAndReopen(page: Page) {
  await session().reload();
  await openIncident(page, TITLE);
}

describe('incident lifecycle', () => {
  it('works an incident through every status, keeping each step across reloads, in timeline order', async () => {
    const page = session().page;
    await recordIncident(page, { title: TITLE, category: 'Facility › Generator & UPS', impact: '1 — High', urgency: '2 — Medium' });

    await changeStatus(page, 'Assign → Assigned', 'Assign', async (p) => {
      await dialog(p).getByLabel('Team', { exact: true }).selectOption({ label: 'Electrical' });
      await dialog(p).getByLabel('Assignee', { exact: true }).fill('Ana Field');
    });
    await reloadAndReopen(page);
    await changeStatus(page, 'Start work → In progress', 'Start work');
    await ui.field(page, 'Work note').fill(NOTE);
    await ui.addNoteButton(page).click();
    await ui.timeline(page).getByRole('listitem').filter({ hasText: NOTE }).waitFor();
    await reloadAndReopen(page);
    await changeStatus(page, 'Put on hold → On hold', 'Put on hold', async (p) => {
      await dialog(p).getByLabel('Hold reason', { exact: true }).selectOption({ label: 'Awaiting parts' });
    });
    await reloadAndReopen(page);
    await changeStatus(page, 'Resume work → In progress', 'Resume work');
    await reloadAndReopen(page);
    await changeStatus(page, 'Resolve → Resolved', 'Resolve', async (p) => {
      await dialog(p).getByLabel('Resolution code', { exact: true }).selectOption({ label: 'Hardware repaired' });
      await dialog(p).getByLabel('Resolution notes', { exact: true }).fill('Solenoid replaced; generator started and ran on load for 30 min.');
    });
    await reloadAndReopen(page);
    await changeStatus(page, 'Close → Closed', 'Close');
    await reloadAndReopen(page);

    const entries = await textsOf(ui.timeline(page).getByRole('listitem'));
    const steps = entries.map((text) => text.match(/(Incident recorded|[A-Z][a-z ]+ → [A-Z][a-z ]+|Starter motor)/)?.[0].trim());
    expect(steps).toEqual([
      'Incident recorded',
      'New → Assigned',
      'Assigned → In progress',
      'Starter motor',
      'In progress → On hold',
      'On hold → In progress',
      'In progress → Resolved',
      'Resolved → Closed',
    ]);
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
