// Files added later from the detail view: a work note carries them, in the note's own transaction; Attachments lists them.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testFile } from './support/render-capture';
import { renderDesk } from './support/render-desk';

// Thumbnails ask for object URLs; Node's URL.createObjectURL refuses jsdom's Blobs, so the tests hand out fake ones.
beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('attaching files with a work note', { timeout: 20_000 }, () => {
  it('shows "No files yet", then stores a file with a note linked to the incident, its ref on the outbox op, and lists it', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Water leak Ward 4' });
    const section = screen.getByRole('region', { name: 'Attachments' });
    expect(await within(section).findByText(/No files yet/)).toBeInTheDocument();

    await user.upload(screen.getByLabelText('Attach files'), await testFile('jpeg bytes', 'photo.jpg', 'image/jpeg'));
    await screen.findByRole('list', { name: 'Attached files' });
    // No text: the note says what was attached.
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    await within(timeline).findByText('Attached photo.jpg');

    const rows = await db.attachments.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'photo.jpg', incidentIds: [incident.id], type: 'image/jpeg' });
    const note = (await db.timeline.where('incidentId').equals(incident.id).toArray()).find((e) => e.kind === 'note')!;
    const op = (await db.outbox.toArray()).find((o) => o.event.id === note.id)!;
    expect(op.attachments).toEqual([{ sha256: rows[0]!.sha256, name: 'photo.jpg', type: 'image/jpeg', size: rows[0]!.size }]);

    const stored = await within(section).findByRole('list', { name: 'Stored files' });
    const item = within(stored).getByRole('listitem');
    expect(item).toHaveTextContent('photo.jpg');
    expect(item).toHaveTextContent(`SHA-256 ${rows[0]!.sha256.slice(0, 12)}`);
    expect(item).toHaveTextContent('10 B');
    expect(screen.queryByRole('list', { name: 'Attached files' })).not.toBeInTheDocument();
  });

  it('refuses the whole save when storing the file fails: no note, no operation, no file, the draft kept', async () => {
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Cracked window Block B' });
    await user.type(screen.getByLabelText('Work note'), 'Glass cracked');
    await user.upload(screen.getByLabelText('Attach files'), await testFile('png bytes', 'window.png', 'image/png'));
    await screen.findByRole('list', { name: 'Attached files' });
    const outboxBefore = await db.outbox.count();
    vi.spyOn(db.attachments, 'add').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));

    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/full/i);
    expect(await db.outbox.count()).toBe(outboxBefore);
    expect(await db.attachments.count()).toBe(0);
    expect((await db.timeline.where('incidentId').equals(incident.id).toArray()).filter((e) => e.kind === 'note')).toHaveLength(0);
    expect(screen.getByLabelText('Work note')).toHaveValue('Glass cracked');
    expect(within(screen.getByRole('list', { name: 'Attached files' })).getByText('window.png')).toBeInTheDocument();
    await waitFor(async () => expect((await db.drafts.get(`note:${incident.id}:Unknown user`))?.values).toEqual({ text: 'Glass cracked' }));
    expect(within(screen.getByRole('region', { name: 'Attachments' })).getByText(/No files yet/)).toBeInTheDocument();
  });

  it('"Open" hands the file over as a download from an object URL, which is revoked afterwards', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Fire door wedged' });
    await user.upload(screen.getByLabelText('Attach files'), await testFile('%PDF-1.4', 'inspection.pdf', 'application/pdf'));
    await screen.findByRole('list', { name: 'Attached files' });
    await user.type(screen.getByLabelText('Work note'), 'Inspection report');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await within(await screen.findByRole('list', { name: 'Timeline' })).findByText(/Inspection report/);
    const open = await screen.findByRole('button', { name: 'Open inspection.pdf' });

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:inspection');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    create.mockClear();
    revoke.mockClear();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    open.click();
    expect(create).toHaveBeenCalledTimes(1);
    expect(clicked[0]).toHaveAttribute('download', 'inspection.pdf');
    expect(clicked[0]).toHaveAttribute('href', 'blob:inspection');
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:inspection');
    vi.useRealTimers();
  });
});
