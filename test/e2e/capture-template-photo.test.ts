// From template with a photo to closed in Chromium: prefill kept, photo stored and shown, a checklist step ticked, every step on the timeline, found by a note word.
import { deflateSync, crc32 } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openCaptureForm, openIncident, saveScreenshot, textsOf, ui } from './support/incident-ui';
import { expectedLifecycleSteps, lifecycleSteps, workThroughLifecycle } from './support/lifecycle-steps';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const TITLE = 'Power outage: Block C substation tripped';
const NOTE = 'Transformer housing waterlogged; pump crew called to drain the vault.';
const PHOTO = 'substation.png';
const STEP = 'Confirm emergency generators started and transferred the critical loads';

/** A 16×16 orange PNG built from scratch: signature, IHDR, one zlib-compressed IDAT, IEND. */
function orangePng(size = 16): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [255, 140, 0]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

async function reloadAndReopen(page: Page) {
  await session().reload();
  await openIncident(page, TITLE);
}

/** True once the thumbnail has decoded the stored Blob (a broken image has no natural width). */
async function thumbnailShown(page: Page, scope: string): Promise<boolean> {
  const img = page.getByRole('list', { name: scope, exact: true }).getByRole('img', { name: `Preview of ${PHOTO}`, exact: true });
  if ((await img.count()) !== 1) return false;
  return (await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)) > 0;
}

describe('incident from a template with a photo', () => {
  it('keeps the template prefill and the photo across a reload', async () => {
    const page = session().page;
    await openCaptureForm(page);
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Power outage' });
    await ui.field(page, 'Title').fill(TITLE);
    await page.getByLabel('Attach files', { exact: true }).setInputFiles({ name: PHOTO, mimeType: 'image/png', buffer: orangePng() });
    await page.getByRole('list', { name: 'Attached files', exact: true }).getByText(PHOTO).waitFor();
    await expect.poll(() => thumbnailShown(page, 'Attached files')).toBe(true);
    expect(await ui.field(page, 'Category').inputValue()).toBe('Facility › Power & utility failure');
    expect(await ui.priorityOutput(page).innerText()).toContain('P1 Critical');
    await saveScreenshot(page, 'capture-form-template.png');

    await ui.saveButton(page).click();
    await ui.detailHeading(page, TITLE).waitFor();
    await reloadAndReopen(page);

    const detail = page.getByRole('article', { name: TITLE });
    expect(await detail.innerText()).toContain('Facility › Power & utility failure');
    expect(await detail.innerText()).toContain('1 — High');
    const stored = page.getByRole('list', { name: 'Stored files', exact: true });
    expect(await stored.innerText()).toContain(PHOTO);
    await expect.poll(() => thumbnailShown(page, 'Stored files')).toBe(true);
  });

  it('ticks a step of the template checklist; the tick is on the timeline and survives a reload', async () => {
    const page = session().page;
    const checklist = () => page.getByRole('article', { name: TITLE }).getByRole('region', { name: /^Checklist/ });
    const step = () => checklist().getByRole('checkbox', { name: STEP, exact: true });
    expect(await checklist().getByRole('group', { name: '0–2 h', exact: true }).getByRole('checkbox').count()).toBe(5);
    expect(await step().isChecked()).toBe(false);
    await step().check();
    const entry = () => ui.timeline(page).getByRole('listitem').filter({ hasText: `Ticked: ${STEP}` });
    await entry().waitFor();
    await reloadAndReopen(page);
    expect(await step().isChecked()).toBe(true);
    expect(await checklist().innerText()).toContain('1 of 11 done');
    expect(await checklist().innerText()).toMatch(/Ticked by \S/);
    // textContent, not innerText: the entry may be below the fold, where it skips layout (content-visibility: auto).
    expect(await entry().textContent()).toContain('Checklist tick');
    await checklist().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'detail-checklist.png');
    await page.getByLabel('Filter timeline', { exact: true }).selectOption('checklist_ticked');
    expect(await textsOf(ui.timeline(page).getByRole('listitem'))).toHaveLength(1);
    await page.getByLabel('Filter timeline', { exact: true }).selectOption('all');
  });

  it('works it through every status with reloads, in timeline order', async () => {
    const page = session().page;
    const entries = await workThroughLifecycle(page, {
      note: NOTE,
      resolutionNotes: 'Vault drained, transformer dried and re-energised.',
      reloadAndReopen: () => reloadAndReopen(page),
    });
    // The checklist entries (attached at capture, the tick above) sit between the lifecycle steps.
    expect(entries.filter((text) => text.startsWith('Checklist'))).toHaveLength(2);
    const steps = entries.filter((text) => !text.startsWith('Checklist'));
    expect(lifecycleSteps(steps, 'Transformer housing')).toEqual(expectedLifecycleSteps('Transformer housing'));
    expect(steps[4]).toContain('Hold reason: Awaiting parts');
    expect(steps[6]).toContain('Resolution code: Hardware repaired');
    expect(steps[6]).toContain('Vault drained');
    await ui.timeline(page).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'detail-view-worked.png');
  });

  it('is found by a word from its work note', async () => {
    const page = session().page;
    await page.getByLabel('Search incidents', { exact: true }).fill('waterlogged');
    await expect.poll(() => textsOf(ui.incidentRows(page).getByRole('button'))).toEqual([TITLE]);
  });
});
