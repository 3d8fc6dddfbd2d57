// The detail of an incident names a shared file as that incident attached it: Attachments, Open, Download, evidence.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, recordIncident } from '../../shared/domain';
import type { PulledPage } from '../../shared/sync/engine';
import { highestStamp } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { prepareAttachment, sha256Hex, type PreparedAttachment } from '../../renderer/db/attachments';
import { createEntryRecorder } from '../../renderer/db/entry-record';
import { createDexieReplica } from '../../renderer/db/sync-replica';
import { MemoryReplica } from '../unit/shared/sync/support/memory-replica';
import { testFile } from './support/render-capture';
import { renderDesk } from './support/render-desk';

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

const BYTES = 'the same jpeg bytes';

async function file(name: string): Promise<PreparedAttachment> {
  const prepared = await prepareAttachment({ blob: await testFile(BYTES, name, 'image/jpeg'), name });
  if (!prepared.ok) throw new Error(prepared.error.message);
  return prepared.value;
}

function pageOf(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: Date.now() };
}

describe('one file attached under two names', { timeout: 30_000 }, () => {
  it('shows, opens and offers as evidence the name this incident attached it under, with its other name here', async () => {
    const { user, seed, db } = await renderDesk();
    const notes = createEntryRecorder(db);
    const second = await seed({ title: 'Leak Ward 5' });
    const first = await seed({ title: 'Leak Ward 4' });
    expect((await notes.addNote(first.id, '', [await file('photo-a.jpg')])).ok).toBe(true);
    expect((await notes.addNote(second.id, '', [await file('IMG_0001.jpg')])).ok).toBe(true);
    expect((await notes.addNote(second.id, '', [await file('scan.jpg')])).ok).toBe(true);

    await user.click(await screen.findByRole('button', { name: 'Leak Ward 5' }));
    const article = await screen.findByRole('article', { name: 'Leak Ward 5' });
    const section = within(article).getByRole('region', { name: 'Attachments' });
    const item = within(await within(section).findByRole('list', { name: 'Stored files' })).getByRole('listitem');
    expect(item).toHaveTextContent('IMG_0001.jpg');
    expect(item).toHaveTextContent('Also attached here as scan.jpg');
    expect(item).not.toHaveTextContent('photo-a.jpg');
    expect(within(item).getByRole('img', { name: 'Preview of IMG_0001.jpg' })).toBeInTheDocument();
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText('Attached IMG_0001.jpg')).toBeInTheDocument();
    expect(within(timeline).getByText('Attached scan.jpg')).toBeInTheDocument();

    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await user.click(within(item).getByRole('button', { name: 'Open IMG_0001.jpg' }));
    expect(clicked.at(-1)).toHaveAttribute('download', 'IMG_0001.jpg');

    const evidence = within(article).getByRole('region', { name: /Evidence/ });
    await user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    const options = within(within(evidence).getByLabelText('File')).getAllByRole('option').map((o) => o.textContent);
    expect(options.some((text) => text?.startsWith('IMG_0001.jpg · '))).toBe(true);
    expect(options.some((text) => text?.includes('photo-a.jpg'))).toBe(false);
  });

  it('offers a file only HQ holds for download under the name the other device attached it to this incident with', async () => {
    const { user, seed, db } = await renderDesk();
    // Another laptop records an incident (pulled first), then attaches to it the bytes this device attached to its
    // own incident meanwhile, under another name, with a second file whose bytes stay at HQ.
    const remote = new MemoryReplica('0190a000-0000-7000-8000-00000000000b', () => Date.now());
    const created = remote.commit((ctx) => recordIncident({ title: 'Water in the lift shaft' }, 1, 'ZZZZ', ctx))!;
    const replica = createDexieReplica(db);
    await replica.applyPulledPage(pageOf([created], 'c:1'));
    const local = await seed({ title: 'Leak Ward 4' });
    expect((await createEntryRecorder(db).addNote(local.id, '', [await file('photo-a.jpg')])).ok).toBe(true);
    const noted = remote.commit((ctx) => addNote(remote.incident(created.incidentId)!, 'Attached IMG_0001.jpg, meter.jpg', ctx))!;
    const sha256 = await sha256Hex(await new Response(BYTES).blob());
    const otherSha = await sha256Hex(await new Response('other bytes').blob());
    const refs = [{ sha256, name: 'IMG_0001.jpg', type: 'image/jpeg', size: BYTES.length }, { sha256: otherSha, name: 'meter.jpg', type: 'image/jpeg', size: 11 }];
    await replica.applyPulledPage(pageOf([{ ...noted, attachments: refs }], 'c:2'));

    await user.click(await screen.findByRole('button', { name: 'Water in the lift shaft' }));
    const article = await screen.findByRole('article', { name: 'Water in the lift shaft' });
    const list = await within(within(article).getByRole('region', { name: 'Attachments' })).findByRole('list', { name: 'Stored files' });
    const items = within(list).getAllByRole('listitem');
    // One note brought both (same time): their order is the hashes'.
    expect(items.map((li) => li.querySelector('.attachment-name')?.textContent).sort()).toEqual(['IMG_0001.jpg', 'meter.jpg']);
    expect(within(list).getByRole('button', { name: 'Open IMG_0001.jpg' })).toBeInTheDocument();
    expect(list).not.toHaveTextContent('photo-a.jpg');
  });
});
