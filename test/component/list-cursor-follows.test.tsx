// The list cursor stays on its incident when the list re-sorts, follows the opened incident, and Escape in the search goes back to it.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

/** The next write gets a later updatedAt (the list sorts by it, newest first). */
const nextMs = () => new Promise((resolve) => setTimeout(resolve, 3));

const table = () => screen.getByRole('table', { name: 'Incidents' });
/** Titles in display order (the header row excluded). */
const listed = () => within(table()).getAllByRole('row').slice(1).map((row) => within(row).getByRole('button').textContent ?? '');
/** The row buttons a Tab press can reach: the list is one Tab stop. */
const tabStops = () => within(table()).getAllByRole('button').filter((b) => b.closest('tbody') && b.tabIndex === 0).map((b) => b.textContent);
const rowOf = (title: string) => screen.getByRole('button', { name: title }).closest('tr')!;

/** Three incidents, newest first in the list: Third, Second, First. */
async function seedThree(desk: Desk) {
  const first = await desk.seed({ title: 'First' });
  await nextMs();
  const second = await desk.seed({ title: 'Second' });
  await nextMs();
  const third = await desk.seed({ title: 'Third' });
  await waitFor(() => expect(listed()).toEqual(['Third', 'Second', 'First']));
  return { first, second, third };
}

describe('the list cursor follows its incident', { timeout: 20_000 }, () => {
  it('stays on the opened incident when a status change moves it to the top', async () => {
    const desk = await renderDesk();
    const { first } = await seedThree(desk);
    screen.getByRole('button', { name: 'Third' }).focus();
    await desk.user.keyboard('{End}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'First' })).toHaveFocus());
    await desk.user.keyboard('{Enter}');
    await screen.findByRole('article', { name: 'First' });

    const changed = await desk.services.incidents.changeStatus(first.id, 'assigned', { team: 'Service desk' });
    expect(changed.ok).toBe(true);
    await waitFor(() => expect(listed()).toEqual(['First', 'Third', 'Second']));
    // The stripe and the Tab stop moved with it; the incident now in its old place is not the cursor.
    await waitFor(() => expect(tabStops()).toEqual(['First']));
    expect(rowOf('First')).toHaveClass('cursor');
    expect(rowOf('Second')).not.toHaveClass('cursor');
    // And J goes on from where the incident is now.
    (document.activeElement as HTMLElement).blur();
    await desk.user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Third' })).toHaveFocus());
  });

  it('goes to an incident opened by other means than the list keys', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    await waitFor(() => expect(tabStops()).toEqual(['Third']));
    // Opened with the mouse without focusing its row (as Safari does, or from a notification).
    const second = rowOf('Second');
    await desk.user.click(within(second).getAllByRole('cell')[0]!);
    await screen.findByRole('article', { name: 'Second' });
    await waitFor(() => expect(tabStops()).toEqual(['Second']));
    expect(rowOf('Second')).toHaveClass('cursor');
  });

  it('keeps its place, without claiming the next incident, when its incident leaves the view', async () => {
    const desk = await renderDesk();
    const { second } = await seedThree(desk);
    await desk.user.selectOptions(screen.getByLabelText('View'), 'Open');
    await waitFor(() => expect(listed()).toEqual(['Third', 'Second', 'First']));
    screen.getByRole('button', { name: 'Third' }).focus();
    await desk.user.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Second' })).toHaveFocus());
    (document.activeElement as HTMLElement).blur();

    const resolved = await desk.services.incidents.changeStatus(second.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Done' });
    expect(resolved.ok).toBe(true);
    await waitFor(() => expect(listed()).toEqual(['Third', 'First']));
    // The list is still one Tab stop, in the same place, but First is not shown as the cursor incident.
    expect(tabStops()).toEqual(['First']);
    expect(rowOf('First')).not.toHaveClass('cursor');
    // K steps from that place.
    await desk.user.keyboard('k');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Third' })).toHaveFocus());
    expect(rowOf('Third')).toHaveClass('cursor');
  });

  it('Escape in an empty search moves focus to the cursor row, not to the page', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    screen.getByRole('button', { name: 'Third' }).focus();
    await desk.user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Second' })).toHaveFocus());
    await desk.user.click(screen.getByRole('searchbox', { name: 'Search incidents' }));
    await desk.user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Second' })).toHaveFocus();
    // J and K go on from there.
    await desk.user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'First' })).toHaveFocus());
  });
});
