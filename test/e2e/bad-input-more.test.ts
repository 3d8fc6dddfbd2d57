// More hostile input in Chromium: absurd dates, a 1 MB note, a file over the limit, markup in every text field.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_RESULTS } from './support/built-app';
import { countListedIncidents, openCaptureForm, openIncident, recordIncident, textsOf, ui } from './support/incident-ui';
import type { PageWindow } from './support/page-window';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const BASELINE = 'Boiler 1 pressure low';
const SCRIPT = '<script>window.__pwned = 1</script>';
const IMG = '<img src=x onerror="window.__pwned=2">';
const HOSTILE = {
  title: `Markup ${IMG}`,
  description: `Described as ${SCRIPT} and ${IMG}`,
  site: `Block ${IMG}`,
  note: `Noted ${SCRIPT} ${IMG}`,
};

function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).__pwned);
}

async function discardDraft(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Discard draft', exact: true }).click();
  await ui.field(page, 'Title').waitFor();
}

/** A sparse file of `bytes` on disk, so the browser reads it from the path instead of a 26 MB message. */
async function bigFile(name: string, bytes: number): Promise<string> {
  const dir = join(TEST_RESULTS, 'tmp');
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
  return path;
}

describe('bad input, more', () => {
  it('refuses an occurred-at in 1900 or 3000 with a clear message and saves nothing', async () => {
    const page = session().page;
    await recordIncident(page, { title: BASELINE });
    const before = await countListedIncidents(page);

    for (const [value, year] of [['1900-06-01T10:00', 1900], ['3000-06-01T10:00', 3000]] as const) {
      await openCaptureForm(page);
      await ui.field(page, 'Title').fill(`Clock says ${year}`);
      await page.getByLabel('Occurred at', { exact: true }).fill(value);
      await ui.saveButton(page).click();
      await page.getByRole('alert').filter({ hasText: `Year must be between 1990 and 2200 (got ${year})` }).waitFor();
      expect(await page.getByLabel('Occurred at', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await discardDraft(page);
    }

    await session().reload();
    expect(await countListedIncidents(page)).toBe(before);
    expect(await textsOf(ui.incidentRows(page).getByRole('button'))).toEqual([BASELINE]);
  });

  it('refuses 1 MB of text in a work note with the limit and adds nothing to the timeline', async () => {
    const page = session().page;
    await openIncident(page, BASELINE);
    const entries = ui.timeline(page).getByRole('listitem');
    const before = await entries.count();

    await ui.field(page, 'Work note').fill('x'.repeat(1024 * 1024));
    await ui.addNoteButton(page).click();
    await page.getByRole('alert').filter({ hasText: 'Notes are limited to 20,000 characters' }).waitFor();

    await session().reload();
    await openIncident(page, BASELINE);
    await expect.poll(() => entries.count()).toBe(before);
  });

  it('refuses a file over the size limit, naming the file and the limit, and stores nothing', async () => {
    const page = session().page;
    const path = await bigFile('huge-scan.pdf', 26 * 1024 * 1024);
    await openCaptureForm(page);
    await ui.field(page, 'Title').fill('Scanner output too large');
    await page.getByLabel('Attach files', { exact: true }).setInputFiles(path);
    await rm(path);
    await page.getByRole('alert').filter({ hasText: '"huge-scan.pdf" is 26 MB, over the 25 MB limit for attachments' }).waitFor();
    expect(await page.getByRole('list', { name: 'Attached files', exact: true }).count()).toBe(0);

    await ui.saveButton(page).click();
    await ui.detailHeading(page, 'Scanner output too large').waitFor();
    await session().reload();
    await openIncident(page, 'Scanner output too large');
    await ui.timeline(page).getByRole('listitem').first().waitFor();
    expect(await page.getByRole('list', { name: 'Stored files', exact: true }).count()).toBe(0);
    expect(await page.getByText('huge-scan.pdf').count()).toBe(0);
  });

  it('shows markup in title, description, site and note as text and never runs it', async () => {
    const page = session().page;
    await recordIncident(page, { title: HOSTILE.title, description: HOSTILE.description, site: HOSTILE.site });
    await ui.field(page, 'Work note').fill(HOSTILE.note);
    await ui.addNoteButton(page).click();
    await ui.timeline(page).getByRole('listitem').filter({ hasText: HOSTILE.note }).waitFor();

    await session().reload();
    await openIncident(page, HOSTILE.title);
    const detail = await page.getByRole('article', { name: HOSTILE.title }).innerText();
    expect(await ui.detailHeading(page, HOSTILE.title).innerText()).toBe(HOSTILE.title);
    expect(detail).toContain(HOSTILE.description);
    expect(detail).toContain(`Block ${IMG}`);
    expect(await ui.timeline(page).innerText()).toContain(HOSTILE.note);
    expect(await textsOf(ui.incidentRow(page, HOSTILE.title).getByRole('button'))).toContain(HOSTILE.title);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script').evaluateAll((nodes) => nodes.filter((n) => (n.textContent ?? '').includes('__pwned')).length)).toBe(0);
    expect(await pwned(page)).toBeUndefined();
  });
});
