// Recording an incident end to end: capture form, live priority, list and detail, and survival across restarts.
import { describe, expect, it } from 'vitest';
import { fillCaptureForm, incidentNumber, openCaptureForm, openIncident, recordIncident, saveScreenshot, textsOf, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const EARLIER = { title: 'Generator weekly test overdue' };
const CHILLER = {
  title: 'Chiller 2 tripped, no cooling in the server room',
  description: 'Compressor alarm at 06:10. Room at 31 °C and rising. Portable fans placed.',
  category: 'Facility › HVAC',
  site: 'Main campus / Block A / Floor 2',
  impact: '1 — High',
  urgency: '1 — High',
};

describe('recording an incident', () => {
  it('saves it, lists it newest first and shows its detail and timeline', async () => {
    const page = session().page;
    await recordIncident(page, EARLIER);

    await openCaptureForm(page);
    await fillCaptureForm(page, { ...CHILLER, impact: '3 — Low', urgency: '3 — Low' });
    expect(await ui.priorityOutput(page).innerText()).toContain('P4 Low');
    await fillCaptureForm(page, CHILLER);
    await expect.poll(() => ui.priorityOutput(page).innerText()).toContain('P1 Critical');
    await saveScreenshot(page, 'capture-form.png');

    await ui.saveButton(page).click();
    await ui.detailHeading(page, CHILLER.title).waitFor();

    await expect.poll(() => ui.incidentRows(page).count()).toBe(2);
    const titles = await textsOf(ui.incidentRows(page).getByRole('button'));
    expect(titles).toEqual([CHILLER.title, EARLIER.title]);

    const detail = page.getByRole('article', { name: CHILLER.title });
    expect(await detail.innerText()).toContain('Facility › HVAC');
    expect(await detail.innerText()).toContain('Main campus › Block A › Floor 2');
    const entries = ui.timeline(page).getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.first().innerText()).toContain('Recorded');

    await saveScreenshot(page, 'main-screen.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'main-screen-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('is still there, with the same number, after the app is closed and opened again', async () => {
    const before = await incidentNumber(session().page, CHILLER.title);
    expect(before).toMatch(/^[0-9A-Z]{4}-\d{4,}$/);

    const page = await session().relaunch();
    expect(await incidentNumber(page, CHILLER.title)).toBe(before);
    expect(await textsOf(ui.incidentRows(page).getByRole('button'))).toEqual([CHILLER.title, EARLIER.title]);

    await session().reload();
    expect(await incidentNumber(page, CHILLER.title)).toBe(before);
  });

  it('reopens what was open after a reload: the incident, or the capture form', async () => {
    const page = session().page;
    await openIncident(page, EARLIER.title);
    await session().reload();
    // No click: the page address named the incident, so it is open again.
    await ui.detailHeading(page, EARLIER.title).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#incident\/[0-9a-f-]{36}$/);

    await openCaptureForm(page);
    await session().reload();
    await ui.field(page, 'Title').waitFor();
    expect(await ui.detailHeading(page, EARLIER.title).count()).toBe(0);
  });
});
