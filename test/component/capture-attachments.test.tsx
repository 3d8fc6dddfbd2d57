// Attachments on the capture form: size refused before saving, hashed and stored once, thumbnails, names shown as text.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshCaptureDb, renderCapture, testFile } from './support/render-capture';

afterEach(() => vi.restoreAllMocks());

describe('capture form attachments', () => {
  it('refuses a file over the limit with a message naming the file and the limit, and stores nothing', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db, { attachmentLimitBytes: 1024 });
    await user.upload(screen.getByLabelText('Attach files'), await testFile(new Uint8Array(4096), 'huge-scan.pdf', 'application/pdf'));
    const alert = await screen.findByText(/"huge-scan\.pdf" is 4 KB, over the 1 KB limit/);
    expect(alert).toHaveAttribute('role', 'alert');
    expect(screen.queryByRole('list', { name: 'Attached files' })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Title'), 'Scan of the logbook');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(await db.attachments.count()).toBe(0);
    expect((await db.outbox.toArray())[0]?.attachments).toBeUndefined();
  });

  it('stores a file attached twice once, and links it to every incident that has it', async () => {
    const db = await freshCaptureDb();
    const first = renderCapture(db);
    await first.user.upload(screen.getByLabelText('Attach files'), [await testFile('same bytes', 'a.txt', 'text/plain'), await testFile('same bytes', 'b.txt', 'text/plain')]);
    expect(await screen.findByText(/"b\.txt" is the same file as "a\.txt"/)).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Attached files' })).getAllByRole('listitem')).toHaveLength(1);
    await first.user.type(screen.getByLabelText('Title'), 'First');
    await first.user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(first.onSaved).toHaveBeenCalled());
    first.unmount();

    const second = renderCapture(db);
    await second.user.upload(screen.getByLabelText('Attach files'), await testFile('same bytes', 'again.txt', 'text/plain'));
    await screen.findByRole('list', { name: 'Attached files' });
    await second.user.type(screen.getByLabelText('Title'), 'Second');
    await second.user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(second.onSaved).toHaveBeenCalled());

    const rows = await db.attachments.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.incidentIds).toEqual([first.onSaved.mock.calls[0]![0], second.onSaved.mock.calls[0]![0]]);
    expect(rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const ops = await db.outbox.toArray();
    expect(ops.map((op) => op.attachments?.map((ref) => ref.sha256))).toEqual([[rows[0]!.sha256], [rows[0]!.sha256]]);
  });

  it('shows image thumbnails and revokes their object URLs on unmount', async () => {
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb-1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const db = await freshCaptureDb();
    const view = renderCapture(db);
    await view.user.upload(screen.getByLabelText('Attach files'), await testFile('jpeg bytes', 'meter.jpg', 'image/jpeg'));
    const thumb = await screen.findByRole('img', { name: 'Preview of meter.jpg' });
    expect(thumb).toHaveAttribute('src', 'blob:thumb-1');
    expect(create).toHaveBeenCalledTimes(1);
    expect(revoke).not.toHaveBeenCalled();
    view.unmount();
    expect(revoke).toHaveBeenCalledWith('blob:thumb-1');
  });

  it('accepts files dropped on the form and can remove them again by keyboard', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    const form = screen.getByRole('form', { name: 'New incident' });
    const file = await testFile('log', 'ups.log', 'text/plain');
    fireEvent.dragOver(form, { dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' } });
    fireEvent.drop(form, { dataTransfer: { types: ['Files'], files: [file] } });
    const remove = await screen.findByRole('button', { name: 'Remove ups.log' });
    remove.focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('list', { name: 'Attached files' })).not.toBeInTheDocument();
  });

  it('shows a hostile file name as text, never as HTML', async () => {
    const db = await freshCaptureDb();
    const { user, container } = renderCapture(db);
    const hostile = '<img src=x onerror="window.__pwnedFile=1"><b>x</b>.txt';
    await user.upload(screen.getByLabelText('Attach files'), await testFile('text', hostile, 'text/plain'));
    expect(await screen.findByText(hostile)).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwnedFile?: number }).__pwnedFile).toBeUndefined();
  });
});
