// Sync steps every multi-device e2e test repeats: an enrollment code from HQ, connecting a page, Sync now, the status.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { enrollmentResponseSchema } from '../../../shared/sync/wire';
import type { TestHq } from '../../unit/server/support/test-hq';

export async function enrollmentCode(hq: TestHq, name: string): Promise<string> {
  const reply = await hq.request('/v1/admin/enrollments', { token: hq.adminToken, body: { name }, protocol: false });
  expect(reply.status).toBe(200);
  return enrollmentResponseSchema.parse(reply.json).code;
}

export async function openSync(page: Page) {
  await page.getByRole('button', { name: 'Sync settings', exact: true }).click();
  return page.getByRole('dialog', { name: 'Sync settings' });
}

export async function closeSync(page: Page) {
  await page.getByRole('button', { name: 'Close sync settings' }).click();
}

export async function connect(page: Page, hq: TestHq, name: string) {
  const dialog = await openSync(page);
  await dialog.getByLabel('HQ address').fill(hq.url);
  await dialog.getByLabel('Enrollment code').fill(await enrollmentCode(hq, name));
  await dialog.getByLabel('Device name').fill(name);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await dialog.getByText(`as “${name}”`, { exact: false }).waitFor();
  await closeSync(page);
}

export const syncStatus = (page: Page) => page.getByRole('status', { name: 'Sync status' });

export async function syncNow(page: Page) {
  const dialog = await openSync(page);
  await dialog.getByRole('button', { name: 'Sync now' }).click();
  await closeSync(page);
}
