// A file name from another device with a right-to-left override or control characters: shown and saved marked, stored as it came.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addNote, recordIncident } from '../../shared/domain';
import type { PulledPage } from '../../shared/sync/engine';
import { highestStamp } from '../../shared/sync/engine';
import type { Operation } from '../../shared/sync/operation';
import { listAttachments, prepareAttachment, sha256Hex } from '../../renderer/db/attachments';
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

const BYTES = 'bytes of a program pretending to be a PDF';
/** Reads as "invoiceexe.pdf" on screen; the system would run it as an .exe. */
const DISGUISED = 'invoice\u202Efdp.exe';
const SHOWN = 'invoice\uFFFDfdp.exe';
// eslint-disable-next-line no-control-regex
const BIDI_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function pageOf(ops: Operation[], cursor: string): PulledPage {
  return { epoch: 'epoch-1', cursor, ops, highestStamp: highestStamp(ops), serverTime: Date.now() };
}

describe('attachment names with hidden characters from another device', { timeout: 30_000 }, () => {
  it('lists, opens, downloads and offers as evidence the name with its hidden characters marked', async () => {
    const { user, seed, db } = await renderDesk();
    const remote = new MemoryReplica('0190a000-0000-7000-8000-00000000000c', () => Date.now());
    const created = remote.commit((ctx) => recordIncident({ title: 'Suspicious mail' }, 1, 'ZZZZ', ctx))!;
    const replica = createDexieReplica(db);
    await replica.applyPulledPage(pageOf([created], 'c:1'));
    // The same bytes are on this device already (attached to another incident), so this one can open them.
    const local = await seed({ title: 'Leak Ward 4' });
    const prepared = await prepareAttachment({ blob: await testFile(BYTES, 'plain.pdf', 'application/pdf'), name: 'plain.pdf' });
    if (!prepared.ok) throw new Error(prepared.error.message);
    expect((await createEntryRecorder(db).addNote(local.id, '', [prepared.value])).ok).toBe(true);
    const noted = remote.commit((ctx) => addNote(remote.incident(created.incidentId)!, 'Two files', ctx))!;
    const sha256 = await sha256Hex(await new Response(BYTES).blob());
    const atHq = { sha256: 'b'.repeat(64), name: 'notes\u0007\u2066\u2069.txt', type: 'text/plain', size: 12 };
    await replica.applyPulledPage(pageOf([{ ...noted, attachments: [{ sha256, name: DISGUISED, type: 'application/pdf', size: BYTES.length }, atHq] }], 'c:2'));

    await user.click(await screen.findByRole('button', { name: 'Suspicious mail' }));
    const article = await screen.findByRole('article', { name: 'Suspicious mail' });
    const list = await within(within(article).getByRole('region', { name: 'Attachments' })).findByRole('list', { name: 'Stored files' });
    const names = within(list).getAllByRole('listitem').map((li) => li.querySelector('.attachment-name')?.textContent);
    expect(names.sort()).toEqual([SHOWN, 'notes\uFFFD.txt']);
    expect(list.textContent).not.toMatch(BIDI_OR_CONTROL);
    expect(within(list).getByRole('button', { name: 'Download notes\uFFFD.txt from HQ' })).toBeInTheDocument();

    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await user.click(within(list).getByRole('button', { name: `Open ${SHOWN}` }));
    expect(clicked.at(-1)).toHaveAttribute('download', SHOWN);

    const evidence = within(article).getByRole('region', { name: /Evidence/ });
    await user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    const options = within(within(evidence).getByLabelText('File')).getAllByRole('option').map((o) => o.textContent ?? '');
    expect(options.some((text) => text.startsWith(`${SHOWN} · `))).toBe(true);
    expect(options.some((text) => BIDI_OR_CONTROL.test(text))).toBe(false);

    // Stored as it came: the name is marked on the way to the screen only, so sync keeps the other device's data.
    const stored = await listAttachments(db, created.incidentId);
    expect(stored.find((file) => file.sha256 === sha256)?.name).toBe(DISGUISED);
  });
});
