// Possible duplicates on the capture form: an open incident on the same site + category within 2 h is shown and can be opened.
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
});
