// The Attachments section with files another device attached (at HQ, not here), their download, and previews that cannot decode.
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider, type Services } from '../../renderer/app/services';
import { createIncidentRepository, ensureDevice, openLanternDb, type LanternDb } from '../../renderer/db';
import { sha256Hex } from '../../renderer/db/attachments';
import { FETCHED_FILE_MESSAGES } from '../../renderer/db/attachments-fetched';
import { attachmentsTable } from '../../renderer/db/attachments-stored';
import { IncidentAttachments } from '../../renderer/features/incidents/incident-attachments';
import { createBrowserHost } from '../../renderer/host/browser-host';
import type { HostFiles } from '../../renderer/host/host';

// Thumbnails ask for object URLs; Node's URL.createObjectURL refuses jsdom's Blobs, so the tests hand out fake ones.
beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
let db: LanternDb | undefined;
afterEach(() => {
  vi.restoreAllMocks();
  db?.close();
});

const INCIDENT = '0190a000-0000-7000-8000-0000000000aa';

/** Node's Blob (jsdom's has no arrayBuffer, which hashing needs), as fetch and IndexedDB hand them out. */
const nodeBlob = (content: string, type = '') => new Response(content, type ? { headers: { 'content-type': type } } : {}).blob();
// As big as the photo in the report (~293 KB), so the size shown is the one a person would see.
const BYTES = 'flooded basement '.repeat(300_000 / 17).padEnd(300_000, '.');

/** A file laptop 1 attached, as a pulled page leaves it here: no bytes, marked as held by HQ. */
async function renderWithFileAtHq(files: HostFiles | undefined) {
  db = openLanternDb(`attachments-at-hq-${Date.now()}-${Math.random()}`);
  await ensureDevice(db);
  const sha256 = await sha256Hex(await nodeBlob(BYTES));
  await attachmentsTable(db).put({ sha256, incidentIds: [INCIDENT], name: 'photo.jpg', type: 'image/jpeg', size: BYTES.length, createdAt: '2026-11-27T07:00:00.000Z', uploadedAt: 1 });
  const host = { ...createBrowserHost(), ...(files ? { files } : {}) };
  if (!files) delete (host as { files?: HostFiles }).files;
  const services: Services = { db, incidents: createIncidentRepository(db), host };
  render(
    <ServicesProvider services={services}>
      <IncidentAttachments incidentId={INCIDENT} />
    </ServicesProvider>,
  );
  return { db, sha256, user: userEvent.setup() };
}

describe('a file at HQ, not on this device', { timeout: 20_000 }, () => {
  it('is listed with name, size and hash and says where it is; Download fetches it, checks it and shows it like a local file', async () => {
    const fetchFromHq = vi.fn(() => nodeBlob(BYTES, 'application/octet-stream'));
    const { db, sha256, user } = await renderWithFileAtHq({ fetchFromHq });
    const section = screen.getByRole('region', { name: 'Attachments' });
    const item = within(await within(section).findByRole('list', { name: 'Stored files' })).getByRole('listitem');
    expect(item).toHaveTextContent('photo.jpg');
    expect(item).toHaveTextContent('293 KB');
    expect(item).toHaveTextContent(`SHA-256 ${sha256.slice(0, 12)}`);
    expect(item).toHaveTextContent('At HQ, not on this device');
    expect(within(section).queryByText(/No files yet/)).not.toBeInTheDocument();
    // No bytes: nothing to preview or open yet.
    expect(within(item).queryByRole('img')).not.toBeInTheDocument();
    expect(within(item).queryByRole('button', { name: 'Open photo.jpg' })).not.toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: 'Download photo.jpg from HQ' }));
    expect(await within(section).findByRole('button', { name: 'Open photo.jpg' })).toBeInTheDocument();
    expect(fetchFromHq).toHaveBeenCalledWith(sha256);
    expect(within(section).getByRole('img', { name: 'Preview of photo.jpg' })).toBeInTheDocument();
    expect(within(section).queryByText('At HQ, not on this device')).not.toBeInTheDocument();
    // The bytes and their type are checked in the unit tests (jsdom's Blobs do not survive fake-indexeddb's cloning).
    expect(await attachmentsTable(db).get(sha256)).toHaveProperty('blob');
  });

  it('keeps nothing and says so when the bytes from HQ are not the file', async () => {
    const { db, sha256, user } = await renderWithFileAtHq({ fetchFromHq: () => nodeBlob('tampered') });
    await user.click(await screen.findByRole('button', { name: 'Download photo.jpg from HQ' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(FETCHED_FILE_MESSAGES.mismatch);
    expect(await attachmentsTable(db).get(sha256)).not.toHaveProperty('blob');
    expect(screen.getByText('At HQ, not on this device')).toBeInTheDocument();
  });

  it('shows HQ’s refusal in plain words and lets the person try again', async () => {
    const fetchFromHq = vi.fn<HostFiles['fetchFromHq']>().mockRejectedValueOnce(new Error('HQ could not be reached, so the file was not fetched.'));
    fetchFromHq.mockResolvedValueOnce(await nodeBlob(BYTES));
    const { user } = await renderWithFileAtHq({ fetchFromHq });
    await user.click(await screen.findByRole('button', { name: 'Download photo.jpg from HQ' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('HQ could not be reached');
    await user.click(screen.getByRole('button', { name: 'Download photo.jpg from HQ' }));
    expect(await screen.findByRole('button', { name: 'Open photo.jpg' })).toBeInTheDocument();
  });

  it('offers no download on a host that cannot fetch files, and still says where the file is', async () => {
    await renderWithFileAtHq(undefined);
    expect(await screen.findByText('At HQ, not on this device')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Download/ })).not.toBeInTheDocument();
  });
});

describe('previews', () => {
  it('falls back to the file icon when the bytes do not decode as an image, instead of a broken picture', async () => {
    const { db } = await renderWithFileAtHq(undefined);
    const sha256 = await sha256Hex(await nodeBlob('not a jpeg at all'));
    await attachmentsTable(db).put({ sha256, incidentIds: [INCIDENT], name: 'notes.jpg', type: 'image/jpeg', size: 17, blob: await nodeBlob('not a jpeg at all', 'image/jpeg'), createdAt: '2026-11-27T08:00:00.000Z' });
    const preview = await screen.findByRole('img', { name: 'Preview of notes.jpg' });
    fireEvent.error(preview);
    expect(screen.queryByRole('img', { name: 'Preview of notes.jpg' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open notes.jpg' })).toBeInTheDocument();
    expect(screen.getByTitle(/No preview/)).toBeInTheDocument();
  });
});
