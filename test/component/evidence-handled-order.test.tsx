// Evidence in handled order: late paperwork lands where it happened in the row and the chain; a link another laptop handled after the end is marked.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, type TimelineEvent } from '../../shared/domain';
import { setCurrentUser } from '../../renderer/db/current-user';
import { createCustodyRepository } from '../../renderer/db/custody';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { ago, must, stubObjectUrls } from './support/evidence-kit';
import { renderDesk } from './support/render-desk';

stubObjectUrls();

describe('evidence in handled order', { timeout: 30_000 }, () => {
  it('a handover written after the storage it preceded lands before it: the item stays in the locker, held by nobody', async () => {
    const { user, seed, db } = await renderDesk();
    await setCurrentUser(db, { name: 'Ana Field', position: 'IT Security' });
    const incident = await seed({ title: 'Laptop stolen from finance' });
    const custody = createCustodyRepository(db);
    const collected = must(await custody.collect(incident.id, { item: 'Laptop, serial 5CG1234', to: 'Ana Field', location: 'IT office', handledAt: ago(50).time }));
    const itemId = collected.kind === 'custody' ? collected.itemId : '';
    // Ben stored it 20 minutes ago and wrote it down at once.
    must(await custody.record(incident.id, { itemId, action: 'stored', from: 'Ben Forensics', location: 'Evidence locker 2', handledAt: ago(20).time }));

    await user.click(await screen.findByRole('button', { name: 'Laptop stolen from finance' }));
    const article = await screen.findByRole('article', { name: 'Laptop stolen from finance' });
    const row = (await within(article).findByText('Laptop, serial 5CG1234')).closest('li')!;
    expect(row).toHaveTextContent('At Evidence locker 2 · Stored');

    // Now Ana writes down that she handed it to Ben 30 minutes ago, in the IT office.
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    const form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.type(within(form).getByLabelText('From'), 'Ana Field');
    await user.type(within(form).getByLabelText('Handed over to'), 'Ben Forensics');
    await user.clear(within(form).getByLabelText('Location'));
    await user.type(within(form).getByLabelText('Location'), 'IT office');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), toDateTimeLocalValue(ago(30).ms));
    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(() => expect(within(row).queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(await within(row).findByRole('button', { name: /Chain of custody \(3\)/ }));
    const links = within(within(row).getByRole('list', { name: /Chain of custody/ })).getAllByRole('listitem');
    expect(links.map((link) => link.querySelector('strong')?.textContent)).toEqual(['Collected', 'Handed over', 'Stored']);
    expect(links[1]).toHaveTextContent('Ana Field → Ben Forensics');
    // Written after the storage it preceded: labelled so; the entries recorded in handled order are not.
    expect(links[1]).toHaveTextContent(/Late entry \(recorded \d/);
    expect(links[2]).not.toHaveTextContent('Late entry');
    expect(row.querySelector('.evidence-state')).toHaveTextContent(/^At Evidence locker 2 · Stored/);
    expect(row).not.toHaveTextContent('Held by');
  });

  it('a link another laptop handled after the end is shown in its place and marked as changing nothing', async () => {
    const { user, seed, db } = await renderDesk();
    const incident = await seed({ title: 'USB stick at reception' });
    const custody = createCustodyRepository(db);
    const collected = must(await custody.collect(incident.id, { item: 'USB stick', to: 'Ana Field', location: 'Reception', handledAt: ago(40).time }));
    if (collected.kind !== 'custody') throw new Error('expected a custody entry');
    const disposed = must(await custody.record(incident.id, { itemId: collected.itemId, action: 'disposed', location: 'Shredder room', handledAt: ago(20).time }));
    // Laptop B, offline, did not know of the disposal and recorded a handover 10 minutes ago; the pull stores it as is.
    const stamp = parseHlc(disposed.hlc);
    const fromLaptopB: TimelineEvent = {
      ...collected,
      id: `${collected.id}-laptop-b`,
      hlc: formatHlc({ wallMs: stamp.wallMs + 1, counter: 0, node: 'laptop-b' }),
      deviceId: 'laptop-b',
      author: { name: 'Eve Security' },
      action: 'transferred',
      from: 'Ana Field',
      to: 'Eve Security',
      location: 'Security desk',
      handledAt: ago(10).time,
    };
    await db.timeline.add(fromLaptopB);

    await user.click(await screen.findByRole('button', { name: 'USB stick at reception' }));
    const article = await screen.findByRole('article', { name: 'USB stick at reception' });
    const row = (await within(article).findByText('USB stick')).closest('li')!;
    await waitFor(() => expect(within(row).getByRole('button', { name: /Chain of custody \(3\)/ })).toBeInTheDocument());
    expect(row).toHaveTextContent('At Shredder room · Disposed of');
    await user.click(within(row).getByRole('button', { name: /Chain of custody \(3\)/ }));
    const links = within(within(row).getByRole('list', { name: /Chain of custody/ })).getAllByRole('listitem');
    expect(links.map((link) => link.querySelector('strong')?.textContent)).toEqual(['Collected', 'Disposed of', 'Handed over']);
    expect(links[1]).not.toHaveTextContent('Handled after the chain ended');
    expect(links[2]).toHaveTextContent(/Handled after the chain ended \(disposed of .*, recorded by .*\): the two were recorded on devices that did not know of each other\. It does not change the item’s state\./);
  });
});
