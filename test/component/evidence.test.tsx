// Evidence on the incident detail: collect an item, hand it over, store it, dispose of it; the chain shows every link; refusals save nothing.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareAttachment } from '../../renderer/db/attachments';
import { setCurrentUser } from '../../renderer/db/current-user';
import { createEntryRecorder } from '../../renderer/db/entry-record';
import { testFile } from './support/render-capture';
import { renderDesk } from './support/render-desk';

// The attachments list asks for object URLs; Node's URL.createObjectURL refuses jsdom's Blobs, so the tests hand out fake ones.
beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:thumb');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('evidence chain of custody', { timeout: 30_000 }, () => {
  it('collects an item, hands it over and stores it; the chain shows 3 links; disposing ends it and only a link handled before the end is taken', async () => {
    const { user, seed, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'IT Security' });
    const incident = await seed({ title: 'Ransomware on finance laptops' });
    const file = await prepareAttachment({ blob: await testFile('imaging log', 'imaging-log.txt', 'text/plain'), name: 'imaging-log.txt' });
    if (!file.ok) throw new Error(file.error.message);
    expect((await createEntryRecorder(db).addNote(incident.id, 'Imaging log', [file.value])).ok).toBe(true);
    await user.click(await screen.findByRole('button', { name: 'Ransomware on finance laptops' }));
    const article = await screen.findByRole('article', { name: 'Ransomware on finance laptops' });
    const evidence = within(article).getByRole('region', { name: /Evidence/ });
    expect(within(evidence).getByText(/No evidence recorded/)).toBeInTheDocument();

    // Collect: the collector is the person at the keyboard; the file is picked by name and short hash.
    const collectButton = within(evidence).getByRole('button', { name: 'Collect evidence' });
    await user.click(collectButton);
    const collect = within(evidence).getByRole('dialog', { name: 'Collect evidence' });
    await waitFor(() => expect(within(collect).getByLabelText('Item')).toHaveFocus());
    expect(within(collect).getByLabelText('Collected by')).toHaveValue('Ana Field');
    await user.type(within(collect).getByLabelText('Item'), 'Laptop, serial 5CG1234');
    await user.type(within(collect).getByLabelText('From (optional)'), 'Carla Finance');
    await user.type(within(collect).getByLabelText('Location'), 'Finance office, desk 4');
    await user.selectOptions(within(collect).getByLabelText('File'), `imaging-log.txt · ${file.value.sha256.slice(0, 12)}…`);
    await user.click(within(collect).getByRole('button', { name: 'Collect item' }));
    await waitFor(() => expect(within(evidence).queryByRole('dialog')).not.toBeInTheDocument());
    expect(collectButton).toHaveFocus();

    const items = await within(evidence).findByRole('list', { name: 'Evidence items' });
    const row = within(items).getByText('Laptop, serial 5CG1234').closest('li')!;
    expect(row).toHaveTextContent('Held by Ana Field · at Finance office, desk 4 · Collected');

    // Hand over: "From" is the holder, "Handed over to" is needed.
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    let form = within(row).getByRole('dialog', { name: /Record custody/ });
    await waitFor(() => expect(within(form).getByLabelText('Action')).toHaveFocus());
    expect(within(form).getByLabelText('From')).toHaveValue('Ana Field');
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Say who the item was handed over to.');
    await waitFor(() => expect(within(form).getByLabelText('Handed over to')).toHaveFocus());
    await user.type(within(form).getByLabelText('Handed over to'), 'Ben Forensics');
    await user.clear(within(form).getByLabelText('Location'));
    await user.type(within(form).getByLabelText('Location'), 'Forensics van');
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(() => expect(row).toHaveTextContent('Held by Ben Forensics · at Forensics van · Handed over'));

    // Store it; Escape first shows that the form can be left without saving.
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.keyboard('{Escape}');
    expect(within(row).queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(row).getByRole('button', { name: /Record custody/ })).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Ransomware on finance laptops' })).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.selectOptions(within(form).getByLabelText('Action'), 'Stored');
    await user.clear(within(form).getByLabelText('Location'));
    await user.type(within(form).getByLabelText('Location'), 'Evidence locker 2, IT office');
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(() => expect(row).toHaveTextContent('At Evidence locker 2, IT office · Stored'));

    const disclosure = within(row).getByRole('button', { name: /Chain of custody \(3\)/ });
    expect(disclosure).toHaveAttribute('aria-expanded', 'false');
    await user.click(disclosure);
    expect(disclosure).toHaveAttribute('aria-expanded', 'true');
    const chain = within(row).getByRole('list', { name: 'Chain of custody: Laptop, serial 5CG1234' });
    const links = within(chain).getAllByRole('listitem');
    expect(links).toHaveLength(3);
    expect(links[0]).toHaveTextContent('Collected');
    expect(links[0]).toHaveTextContent('Carla Finance → Ana Field');
    expect(links[0]).toHaveTextContent('at Finance office, desk 4');
    expect(links[0]).toHaveTextContent(`File: imaging-log.txt SHA-256 ${file.value.sha256.slice(0, 12)}…`);
    expect(links[0]).toHaveTextContent('Recorded by Ana Field · IT Security at');
    expect(links[1]).toHaveTextContent('Handed over');
    expect(links[1]).toHaveTextContent('Ana Field → Ben Forensics');
    expect(links[1]).toHaveTextContent('at Forensics van');
    expect(links[2]).toHaveTextContent('Stored');
    expect(links[2]).toHaveTextContent('Ben Forensics → —');
    expect(links[2]).toHaveTextContent('at Evidence locker 2, IT office');

    // Dispose of it: the chain ends.
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.selectOptions(within(form).getByLabelText('Action'), 'Disposed of');
    expect(within(form).queryByLabelText(/to$/)).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(() => expect(within(row).getByText('Chain ended')).toBeInTheDocument());
    expect(within(chain).getAllByRole('listitem')).toHaveLength(4);
    expect(within(evidence).getByText('1 item, 0 in custody')).toBeInTheDocument();

    // An ended chain still takes late paperwork (a link handled before the end), but nothing handled after it and no second end.
    const opsBefore = await db.outbox.count();
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    form = within(row).getByRole('dialog', { name: /Record custody/ });
    expect(within(form).getByText(/This chain ended: disposed of/)).toHaveTextContent('Only what happened before then can be recorded.');
    expect(within(form).getByLabelText('Handled at')).toHaveAccessibleDescription(/This chain ended: disposed of/);
    expect(within(within(form).getByLabelText('Action')).getAllByRole('option').map((option) => option.textContent)).toEqual(['Handed over', 'Stored', 'Examined']);
    await user.selectOptions(within(form).getByLabelText('Action'), 'Examined');
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/has ended: disposed of on .*, recorded by Ana Field\. Nothing can be handled after that/);
    await waitFor(() => expect(within(form).getByLabelText('Handled at')).toHaveFocus());
    expect(await db.outbox.count()).toBe(opsBefore);
    await user.click(within(form).getByRole('button', { name: 'Back' }));

    const ops = await db.outbox.toArray();
    expect(ops.filter((op) => op.event.kind === 'custody').map((op) => op.event.kind === 'custody' && op.event.action)).toEqual(['collected', 'transferred', 'stored', 'disposed']);
    // The timeline shows the custody entries too.
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(within(timeline).getByText(/Disposed of: Laptop, serial 5CG1234/)).toBeInTheDocument();
  });

  it('a missing description is refused with focus on the field and nothing is saved', async () => {
    const { user, openSeeded, db } = await renderDesk();
    await openSeeded({ title: 'Phishing: payroll mailbox' });
    const evidence = within(screen.getByRole('article', { name: 'Phishing: payroll mailbox' })).getByRole('region', { name: /Evidence/ });
    const before = await db.outbox.count();
    await user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    const collect = within(evidence).getByRole('dialog', { name: 'Collect evidence' });
    // Nobody has said who is at the keyboard: "Collected by" is left for them to fill in, not "Unknown user".
    expect(within(collect).getByLabelText('Collected by')).toHaveValue('');
    await user.type(within(collect).getByLabelText('Location'), 'Mail room');
    // A double click saves at most once (here: refuses once).
    await user.dblClick(within(collect).getByRole('button', { name: 'Collect item' }));
    expect(await within(collect).findByRole('alert')).toHaveTextContent('Describe the item');
    await waitFor(() => expect(within(collect).getByLabelText('Item')).toHaveFocus());
    expect(within(collect).getByLabelText('Item')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.outbox.count()).toBe(before);
    expect(await db.timeline.filter((event) => event.kind === 'custody').count()).toBe(0);
  });
});
