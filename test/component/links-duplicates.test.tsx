// Duplicates: possible ones on the capture form (same site + category within 2 h), and a cancelled one naming the incident it duplicates.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { zonedTimeFromEpoch } from '../../shared/domain';
import { useUiStore } from '../../renderer/store/ui-store';
import { renderDesk } from './support/render-desk';

const CATEGORY = ['Facility', 'Power & utility failure'];

describe('possible duplicates', { timeout: 15_000 }, () => {
  it('shows open matches on site + category within the window, not others, and opens one', async () => {
    const { user, seed } = await renderDesk();
    const now = Date.now();
    const at = (ms: number) => zonedTimeFromEpoch(ms, 0);
    const match = await seed({ title: 'Block A dark', site: ['Main campus', 'Block A'], category: CATEGORY, occurredAt: at(now - 30 * 60 * 1000) });
    await seed({ title: 'Block A dark yesterday', site: ['Main campus', 'Block A'], category: CATEGORY, occurredAt: at(now - 26 * 60 * 60 * 1000) });
    await seed({ title: 'Block B dark', site: ['Main campus', 'Block B'], category: CATEGORY, occurredAt: at(now) });
    await seed({ title: 'Block A network down', site: ['Main campus', 'Block A'], category: ['IT', 'Network'], occurredAt: at(now) });

    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.selectOptions(await screen.findByLabelText('Category'), 'Facility › Power & utility failure');
    expect(screen.queryByRole('region', { name: 'Possible duplicates' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Site'), 'Main campus / Block A');

    const region = await screen.findByRole('region', { name: 'Possible duplicates' });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(match.number);
    expect(items[0]).toHaveTextContent('Block A dark');

    expect(within(items[0]!).queryByText('Exercise')).toBeNull();

    await user.click(within(region).getByRole('button', { name: `Open ${match.number}` }));
    expect(useUiStore.getState().pane).toEqual({ kind: 'incident', id: match.id });
    await screen.findByRole('article', { name: 'Block A dark' });
  });

  it('marks a drill among the matches, so a real incident is not dropped as a duplicate of an exercise', async () => {
    const { user, seed } = await renderDesk();
    const drill = await seed({ title: 'Drill: Block A dark', site: ['Main campus', 'Block A'], category: CATEGORY, occurredAt: zonedTimeFromEpoch(Date.now() - 10 * 60 * 1000, 0), exercise: true });
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.selectOptions(await screen.findByLabelText('Category'), 'Facility › Power & utility failure');
    await user.type(screen.getByLabelText('Site'), 'Main campus / Block A');
    const region = await screen.findByRole('region', { name: 'Possible duplicates' });
    const [item] = within(region).getAllByRole('listitem');
    expect(item).toHaveTextContent(drill.number);
    expect(within(item!).getByText('Exercise')).toBeInTheDocument();
  });

  it('a cancelled duplicate names the incident it duplicates by number, which opens it; never by its id', async () => {
    const { user, seed, services } = await renderDesk();
    const survivor = await seed({ title: 'Block A dark' });
    const duplicate = await seed({ title: 'Block A no lights' });
    const cancelled = await services.incidents.changeStatus(duplicate.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: survivor.id });
    expect(cancelled.ok).toBe(true);
    useUiStore.getState().openIncident(duplicate.id);
    const article = await screen.findByRole('article', { name: 'Block A no lights' });

    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(`New → Cancelled · Cancel reason: Recorded twice · Duplicate of: ${survivor.number}`)).toBeInTheDocument();
    expect(article).not.toHaveTextContent(survivor.id);
    const field = within(article).getByText('Duplicate of', { selector: 'dt' }).closest('div')!;
    await user.click(await within(field).findByRole('button', { name: survivor.number }));
    expect(useUiStore.getState().pane).toEqual({ kind: 'incident', id: survivor.id });
    await screen.findByRole('article', { name: 'Block A dark' });
  });

  it('says so when the incident it duplicates is not on this computer', async () => {
    const { seed, services, db } = await renderDesk();
    const survivor = await seed({ title: 'Block A dark' });
    const duplicate = await seed({ title: 'Block A no lights' });
    expect((await services.incidents.changeStatus(duplicate.id, 'cancelled', { cancelReason: 'Recorded twice', duplicateOf: survivor.id })).ok).toBe(true);
    // As on a laptop that received the cancellation but never the incident it names.
    await db.incidents.delete(survivor.id);
    useUiStore.getState().openIncident(duplicate.id);
    const article = await screen.findByRole('article', { name: 'Block A no lights' });
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/Duplicate of: an incident not on this computer$/)).toBeInTheDocument();
    const field = within(article).getByText('Duplicate of', { selector: 'dt' }).closest('div')!;
    expect(await within(field).findByText('An incident not on this computer')).toBeInTheDocument();
    expect(article).not.toHaveTextContent(survivor.id);
  });
});
