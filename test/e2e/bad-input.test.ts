// Hostile and missing input in the browser: a clear message and no change; markup in a title stays text.
import { describe, expect, it } from 'vitest';
import { countListedIncidents, openCaptureForm, recordIncident, textsOf, ui } from './support/incident-ui';
import type { PageWindow } from './support/page-window';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const MARKUP_TITLE = '<img src=x onerror="window.__pwned=1">';

describe('bad input', () => {
  it('refuses an empty title with a message and adds nothing', async () => {
    const page = session().page;
    await recordIncident(page, { title: 'Lift 3 stuck between floors' });
    const before = await countListedIncidents(page);

    await openCaptureForm(page);
    await ui.field(page, 'Title').fill('   ');
    await ui.saveButton(page).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Enter a title' });
    await alert.waitFor();

    await session().reload();
    expect(await countListedIncidents(page)).toBe(before);
  });

  it('shows markup in a title as literal text and never runs it', async () => {
    const page = session().page;
    await recordIncident(page, { title: MARKUP_TITLE });

    expect(await ui.detailHeading(page, MARKUP_TITLE).innerText()).toBe(MARKUP_TITLE);
    expect(await textsOf(ui.incidentRow(page, MARKUP_TITLE).getByRole('button'))).toEqual([MARKUP_TITLE]);
    expect(await ui.timeline(page).innerText()).toContain(MARKUP_TITLE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
  });
});
