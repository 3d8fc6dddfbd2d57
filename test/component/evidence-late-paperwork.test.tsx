// Late paperwork in the evidence form and chain: the form starts from the item's state at the chosen Handled at (keeping what was typed), late entries are labelled, nobody named shows no "— → —".
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCurrentUser } from '../../renderer/db/current-user';
import { createCustodyRepository } from '../../renderer/db/custody';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { ago, must, stubObjectUrls } from './support/evidence-kit';
import { renderDesk } from './support/render-desk';

stubObjectUrls();

/** Dana collected the stick 50 minutes ago (desk drawer), handed it to Sam 40 minutes ago, Sam stored it 38 minutes ago. */
async function lockedUpStick() {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, { name: 'Dana Ortiz', position: 'Facility Unit Leader' });
  const incident = await desk.seed({ title: 'Total mains power loss, East Wing' });
  const custody = createCustodyRepository(desk.db);
  const collected = must(await custody.collect(incident.id, { item: 'ATS-2 event log, USB stick', from: 'Gen room', to: 'Dana Ortiz', location: 'Facilities office, desk drawer', handledAt: ago(50).time }));
  const itemId = collected.kind === 'custody' ? collected.itemId : '';
  must(await custody.record(incident.id, { itemId, action: 'transferred', from: 'Dana Ortiz', to: 'Sam Reyes', location: 'Security office', handledAt: ago(40).time }));
  must(await custody.record(incident.id, { itemId, action: 'stored', from: 'Sam Reyes', location: 'Security office, evidence locker 3', handledAt: ago(38).time }));
  await desk.user.click(await screen.findByRole('button', { name: 'Total mains power loss, East Wing' }));
  const article = await screen.findByRole('article', { name: 'Total mains power loss, East Wing' });
  const row = (await within(article).findByText('ATS-2 event log, USB stick')).closest('li')!;
  return { ...desk, incident, itemId, custody, row };
}

describe('late paperwork in the chain of custody', { timeout: 30_000 }, () => {
  it('an examination handled before the handover starts from where the item was then, and is labelled a late entry', async () => {
    const { user, row } = await lockedUpStick();
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    const form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.selectOptions(within(form).getByLabelText('Action'), 'Examined');
    // Now: in the locker, held by nobody.
    expect(within(form).getByLabelText('From')).toHaveValue('');
    expect(within(form).getByLabelText('Location')).toHaveValue('Security office, evidence locker 3');
    expect(within(form).getByLabelText('Handled at')).toHaveAccessibleDescription(/At that time: not held by anyone, at Security office, evidence locker 3/);

    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), toDateTimeLocalValue(ago(45).ms));
    expect(within(form).getByLabelText('From')).toHaveValue('Dana Ortiz');
    expect(within(form).getByLabelText('Held by afterwards')).toHaveValue('Dana Ortiz');
    expect(within(form).getByLabelText('Location')).toHaveValue('Facilities office, desk drawer');
    expect(within(form).getByText('At that time: held by Dana Ortiz at Facilities office, desk drawer')).toBeInTheDocument();
    expect(within(form).getByLabelText('Handled at')).toHaveAccessibleDescription(/At that time: held by Dana Ortiz at Facilities office, desk drawer/);

    await user.click(within(form).getByRole('button', { name: 'Record custody' }));
    await waitFor(() => expect(within(row).queryByRole('dialog')).not.toBeInTheDocument());
    // The item is still in the locker; the examination sits where it happened, in the drawer, marked as written late.
    expect(row.querySelector('.evidence-state')).toHaveTextContent(/^At Security office, evidence locker 3 · Stored/);
    await user.click(await within(row).findByRole('button', { name: /Chain of custody \(4\)/ }));
    const links = within(within(row).getByRole('list', { name: /Chain of custody/ })).getAllByRole('listitem');
    expect(links.map((link) => link.querySelector('strong')?.textContent)).toEqual(['Collected', 'Examined', 'Handed over', 'Stored']);
    expect(links[1]).toHaveTextContent('Dana Ortiz → Dana Ortiz');
    expect(links[1]).toHaveTextContent('at Facilities office, desk drawer');
    expect(links[1]).not.toHaveTextContent('locker');
    expect(links[1]).toHaveTextContent(/Late entry \(recorded \d/);
    for (const index of [0, 2, 3]) expect(links[index]).not.toHaveTextContent('Late entry');
  });

  it('keeps what the person typed into From, Held by and Location when Handled at changes; the rest follows the time', async () => {
    const { user, row } = await lockedUpStick();
    await user.click(within(row).getByRole('button', { name: /Record custody/ }));
    const form = within(row).getByRole('dialog', { name: /Record custody/ });
    await user.selectOptions(within(form).getByLabelText('Action'), 'Examined');
    await user.type(within(form).getByLabelText('Held by afterwards'), 'Pat Photo');
    await user.clear(within(form).getByLabelText('Location'));
    await user.type(within(form).getByLabelText('Location'), 'Photo desk');

    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), toDateTimeLocalValue(ago(45).ms));
    expect(within(form).getByLabelText('From')).toHaveValue('Dana Ortiz');
    expect(within(form).getByLabelText('Held by afterwards')).toHaveValue('Pat Photo');
    expect(within(form).getByLabelText('Location')).toHaveValue('Photo desk');

    // Typed From is kept too, whatever time is chosen next.
    await user.clear(within(form).getByLabelText('From'));
    await user.type(within(form).getByLabelText('From'), 'Front desk');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), toDateTimeLocalValue(ago(39).ms));
    expect(within(form).getByLabelText('From')).toHaveValue('Front desk');
    expect(within(form).getByLabelText('Location')).toHaveValue('Photo desk');
    expect(within(form).getByText('At that time: held by Sam Reyes at Security office')).toBeInTheDocument();
  });

  it('a link naming nobody shows no "— → —"; one naming only who handed it shows "Sam Reyes → —"', async () => {
    const { user, row, custody, incident, itemId } = await lockedUpStick();
    must(await custody.record(incident.id, { itemId, action: 'examined', from: '', to: '', location: '', handledAt: ago(30).time }));
    await user.click(await within(row).findByRole('button', { name: /Chain of custody \(4\)/ }));
    const links = within(within(row).getByRole('list', { name: /Chain of custody/ })).getAllByRole('listitem');
    expect(links[3]!.querySelector('strong')?.textContent).toBe('Examined');
    expect(links[3]).not.toHaveTextContent('—');
    expect(links[3]).not.toHaveTextContent('→');
    expect(links[2]).toHaveTextContent('Sam Reyes → —');
  });
});
