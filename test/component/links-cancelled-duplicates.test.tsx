// Cancelled as a duplicate: both incidents' Links sections name the other (a link that opens it), and so does the briefing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../renderer/store/ui-store';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

async function copiedBriefing(desk: Desk): Promise<string> {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  await desk.user.click(within(screen.getByRole('group', { name: 'Briefing' })).getByRole('button', { name: 'Copy briefing' }));
  await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
  return writeText.mock.calls[0]![0];
}

describe('links of a cancelled duplicate', { timeout: 30_000 }, () => {
  it('names the survivor on the duplicate and the duplicates on the survivor, each opened from the keyboard', async () => {
    const desk = await renderDesk();
    const { user, seed, services } = desk;
    const survivor = await seed({ title: 'Ransomware on ward PCs', major: true });
    const first = await seed({ title: 'EHR login fails on ward 4' });
    const second = await seed({ title: 'File server unreachable' });
    for (const duplicate of [first, second]) {
      expect((await services.incidents.changeStatus(duplicate.id, 'cancelled', { cancelReason: 'Duplicate', duplicateOf: survivor.id })).ok).toBe(true);
    }

    useUiStore.getState().openIncident(first.id);
    await screen.findByRole('article', { name: 'EHR login fails on ward 4' });
    let links = screen.getByRole('region', { name: 'Links' });
    const duplicateOf = await within(links).findByRole('list', { name: 'Duplicate of' });
    expect(within(links).queryByText('No linked incidents.')).toBeNull();
    const toSurvivor = within(duplicateOf).getByRole('button', { name: `${survivor.number} Ransomware on ward PCs` });
    toSurvivor.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('article', { name: 'Ransomware on ward PCs' });

    links = screen.getByRole('region', { name: 'Links' });
    const duplicates = await within(links).findByRole('list', { name: 'Duplicates' });
    expect(within(duplicates).getAllByRole('button').map((button) => button.textContent)).toEqual([
      `${first.number} EHR login fails on ward 4`,
      `${second.number} File server unreachable`,
    ]);
    expect(within(links).queryByText('No linked incidents.')).toBeNull();
    expect(await copiedBriefing(desk)).toMatch(new RegExp(`\\nDuplicates: +${first.number}, ${second.number}\\n`));

    await user.click(within(duplicates).getByRole('button', { name: `${second.number} File server unreachable` }));
    await screen.findByRole('article', { name: 'File server unreachable' });
  });

  it('says so when the incident it duplicates is not on this computer, with nothing to open', async () => {
    const { seed, services, db } = await renderDesk();
    const survivor = await seed({ title: 'Block A dark' });
    const duplicate = await seed({ title: 'Block A no lights' });
    expect((await services.incidents.changeStatus(duplicate.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: survivor.id })).ok).toBe(true);
    // As on a laptop that received the cancellation but never the incident it names.
    await db.incidents.delete(survivor.id);
    useUiStore.getState().openIncident(duplicate.id);
    await screen.findByRole('article', { name: 'Block A no lights' });
    const list = await within(screen.getByRole('region', { name: 'Links' })).findByRole('list', { name: 'Duplicate of' });
    expect(within(list).getByRole('button', { name: 'An incident not on this computer' })).toBeDisabled();
  });

  it('lists nothing of the kind for an incident nobody duplicates', async () => {
    const { openSeeded, seed } = await renderDesk();
    await seed({ title: 'Lift 2 stuck' });
    await openSeeded({ title: 'Pump 3 leaking' });
    const links = screen.getByRole('region', { name: 'Links' });
    expect(await within(links).findByText('No linked incidents.')).toBeInTheDocument();
    expect(within(links).queryByRole('list', { name: 'Duplicates' })).toBeNull();
    expect(within(links).queryByRole('list', { name: 'Duplicate of' })).toBeNull();
  });
});
