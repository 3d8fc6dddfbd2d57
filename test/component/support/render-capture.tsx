// Renders the capture form alone against a database the test keeps, so it can be unmounted and mounted again like a reload.
import { render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb, type LanternDb } from '../../../renderer/db';
import { CaptureForm } from '../../../renderer/features/capture/capture-form';
import { createBrowserHost } from '../../../renderer/host/browser-host';

let counter = 0;

export async function freshCaptureDb(): Promise<LanternDb> {
  counter += 1;
  const db = openLanternDb(`capture-test-${Date.now()}-${counter}`);
  await ensureDevice(db);
  return db;
}

export function renderCapture(db: LanternDb, options: { attachmentLimitBytes?: number } = {}) {
  const services: Services = { db, incidents: createIncidentRepository(db), host: createBrowserHost() };
  const onSaved = vi.fn<(id: string) => void>();
  const onCancel = vi.fn<() => void>();
  const user = userEvent.setup();
  const view = render(
    <ServicesProvider services={services}>
      <CaptureForm onSaved={onSaved} onCancel={onCancel} {...options} />
    </ServicesProvider>,
  );
  return { ...view, user, onSaved, onCancel };
}

/**
 * jsdom's File has no arrayBuffer() and fake-indexeddb cannot clone it; Node's Blob (via Response)
 * has both, as Chromium's File does. Named like a File so the form treats it as one.
 */
export async function testFile(content: string | Uint8Array<ArrayBuffer>, name: string, type = 'application/octet-stream'): Promise<File> {
  const blob = await new Response(content, { headers: { 'content-type': type } }).blob();
  Object.defineProperty(blob, 'name', { value: name });
  Object.defineProperty(blob, 'lastModified', { value: 0 });
  return blob as File;
}

/**
 * Closes the form the way a reload or a crash does. A page going away runs no React cleanup, so its draft is not set
 * aside and the next form carries on with it; unmounting does run the cleanup (the person left the form), so the mark
 * it writes is taken off again once it has landed.
 */
export async function unmountAsReload(view: { unmount(): void }, db: LanternDb): Promise<void> {
  view.unmount();
  await waitFor(async () => {
    const drafts = await db.drafts.toArray();
    expect(drafts.some((draft) => draft.setAsideAt !== undefined)).toBe(true);
  });
  await db.drafts.toCollection().modify((draft) => {
    delete draft.setAsideAt;
  });
}
