// The incident list is one Tab stop (roving tabindex): Tab from the search reaches the open incident in the same presses however long the list.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFindStore } from '../../renderer/store/find-store';
import { renderDesk } from './support/render-desk';

/** Polled slowly: queries polled every 50 ms starve fake-indexeddb and the pages never arrive (see list-paging). */
const SLOW = { timeout: 10_000, interval: 400 };

type Desk = Awaited<ReturnType<typeof renderDesk>>;

/** `count` incidents recorded one after another, newest first in the list: row 0 is "Bulk incident <count - 1>". */
async function seedMany(desk: Desk, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await desk.seed({ title: `Bulk incident ${i}` });
    // The next write gets a later updatedAt (the list sorts by it; ties would fall back to id order).
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await waitFor(() => expect(screen.getByText(`${count} incidents`)).toBeInTheDocument(), SLOW);
}

const table = () => screen.getByRole('table', { name: 'Incidents' });
const rowButtons = () => within(table()).getAllByRole('button').filter((b) => b.closest('tbody'));

/** Opens the newest incident from the list, then counts Tab presses from the search box to "Change status". */
async function tabsFromSearchToChangeStatus(desk: Desk, count: number): Promise<number> {
  await seedMany(desk, count);
  const newest = `Bulk incident ${count - 1}`;
  await desk.user.click(await screen.findByRole('button', { name: newest }));
  await screen.findByRole('article', { name: newest });
  const changeStatus = screen.getByRole('button', { name: 'Change status' });
  await desk.user.click(screen.getByRole('searchbox', { name: /Search/ }));
  for (let presses = 1; presses <= 120; presses += 1) {
    await desk.user.tab();
    if (document.activeElement === changeStatus) return presses;
  }
  return Number.POSITIVE_INFINITY;
}

describe('the incident list as one Tab stop', { timeout: 60_000 }, () => {
  it('takes the same Tab presses from the search to Change status with 3 incidents as with 30', async () => {
    const few = await tabsFromSearchToChangeStatus(await renderDesk(), 3);
    document.body.innerHTML = '';
    const many = await tabsFromSearchToChangeStatus(await renderDesk(), 30);
    expect(few).toBeLessThan(20);
    expect(many).toBe(few);
  });

  it('makes only the cursor row tabbable and keeps the table semantics', async () => {
    const desk = await renderDesk();
    await seedMany(desk, 12);
    await waitFor(() => expect(rowButtons().length).toBe(12));
    const tabbable = rowButtons().filter((b) => b.tabIndex === 0);
    expect(tabbable.map((b) => b.textContent)).toEqual(['Bulk incident 11']);
    await desk.user.keyboard('jj');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 9' })).toHaveFocus());
    expect(rowButtons().filter((b) => b.tabIndex === 0).map((b) => b.textContent)).toEqual(['Bulk incident 9']);
    expect(within(table()).getAllByRole('row')).toHaveLength(13);
    await desk.user.keyboard('{Enter}');
    await screen.findByRole('article', { name: 'Bulk incident 9' });
    expect(screen.getByRole('button', { name: 'Bulk incident 9' })).toHaveAttribute('aria-current', 'true');
  });

  it('moves between rows with the arrow keys, Home and End while a row has focus', async () => {
    const desk = await renderDesk();
    await seedMany(desk, 12);
    const first = await screen.findByRole('button', { name: 'Bulk incident 11' });
    first.focus();
    await desk.user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 9' })).toHaveFocus());
    await desk.user.keyboard('{ArrowUp}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 10' })).toHaveFocus());
    await desk.user.keyboard('{End}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 0' })).toHaveFocus());
    await desk.user.keyboard('{Home}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 11' })).toHaveFocus());
    // Arrows belong to the list only while a row has focus: in the page they still scroll it.
    (document.activeElement as HTMLElement).blur();
    await desk.user.keyboard('{ArrowDown}');
    expect(useFindStore.getState().cursor).toBe(0);
  });

  it('keeps the cursor row rendered when it is scrolled far away, so its focus is not lost to the page', async () => {
    const desk = await renderDesk();
    await seedMany(desk, 80);
    const first = await screen.findByRole('button', { name: 'Bulk incident 79' });
    first.focus();
    const list = document.querySelector<HTMLElement>('.list-scroll')!;
    Object.defineProperty(list, 'scrollTop', { configurable: true, value: 60 * 32 });
    list.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(within(table()).queryByRole('button', { name: 'Bulk incident 15' })).not.toBeNull(), SLOW);
    expect(first).toBeInTheDocument();
    expect(first).toHaveFocus();
    // And J steps on from it, not from the rows now on screen.
    await desk.user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 78' })).toHaveFocus());
  });
});
