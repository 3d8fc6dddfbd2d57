// The Find bar shows and changes the list order whatever columns are hidden, and saving a view keeps focus and says so.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

const nextMs = () => new Promise((resolve) => setTimeout(resolve, 3));
const table = () => screen.getByRole('table', { name: 'Incidents' });
const listed = () => within(table()).getAllByRole('row').slice(1).map((row) => within(row).getByRole('button').textContent ?? '');
const announcer = () => screen.getAllByRole('status').find((el) => el.classList.contains('announcer'))!;

/** Newest first: Printer jam (P4-ish), Generator failed (P1), Leak (P3). */
async function seedThree(desk: Desk) {
  await desk.seed({ title: 'Leak in lab' });
  await nextMs();
  await desk.seed({ title: 'Generator failed', impact: 1, urgency: 1 });
  await nextMs();
  await desk.seed({ title: 'Printer jam', impact: 3, urgency: 3 });
  await waitFor(() => expect(listed()).toEqual(['Printer jam', 'Generator failed', 'Leak in lab']));
}

describe('the sort control', { timeout: 20_000 }, () => {
  it('shows the active order, changes it, and follows the column headers', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    const sort = screen.getByRole('combobox', { name: 'Sort' });
    expect(sort).toHaveDisplayValue('Updated, newest first');

    await desk.user.selectOptions(sort, 'Updated, oldest first');
    await waitFor(() => expect(listed()).toEqual(['Leak in lab', 'Generator failed', 'Printer jam']));
    expect(within(table()).getByRole('columnheader', { name: 'Updated' })).toHaveAttribute('aria-sort', 'ascending');

    await desk.user.selectOptions(sort, 'Priority, highest first');
    await waitFor(() => expect(listed()[0]).toBe('Generator failed'));
    expect(within(table()).getByRole('columnheader', { name: 'Priority' })).toHaveAttribute('aria-sort', 'ascending');

    // A column header sort shows in the control too.
    await desk.user.click(within(table()).getByRole('button', { name: 'Number' }));
    await waitFor(() => expect(sort).toHaveDisplayValue('Number, highest first'));

    // Back to the default order: the view is "All incidents" again, not a custom filter.
    await desk.user.selectOptions(sort, 'Updated, newest first');
    await waitFor(() => expect(listed()).toEqual(['Printer jam', 'Generator failed', 'Leak in lab']));
    expect(screen.getByLabelText('View')).toHaveDisplayValue('All incidents');
  });

  it('names the Pri column Priority for screen readers and in its tooltip', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    const button = within(table()).getByRole('button', { name: 'Priority' });
    expect(button).toHaveTextContent('Pri');
    expect(button).toHaveAttribute('title', 'Sort by priority');
  });
});

describe('saving a view', { timeout: 20_000 }, () => {
  it('puts focus on the View picker showing the new view and says it was saved', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    await desk.user.type(screen.getByLabelText('Search incidents'), 'lab');
    await waitFor(() => expect(listed()).toEqual(['Leak in lab']));
    await desk.user.click(screen.getByRole('button', { name: 'Save view' }));
    await desk.user.type(screen.getByLabelText('View name'), 'Lift 4{Enter}');
    await waitFor(() => expect(screen.getByLabelText('View')).toHaveDisplayValue('Lift 4'));
    expect(screen.getByLabelText('View')).toHaveFocus();
    expect(screen.queryByLabelText('View name')).toBeNull();
    await waitFor(() => expect(announcer()).toHaveTextContent('View "Lift 4" saved'));
  });

  it('gives focus back to Save view when naming is cancelled with Escape', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    const saveView = screen.getByRole('button', { name: 'Save view' });
    await desk.user.click(saveView);
    expect(screen.getByLabelText('View name')).toHaveFocus();
    await desk.user.keyboard('{Escape}');
    expect(screen.queryByLabelText('View name')).toBeNull();
    expect(saveView).toHaveFocus();
    expect(saveView).toHaveAttribute('aria-expanded', 'false');
    expect(await desk.db.views.count()).toBe(0);
  });
});
