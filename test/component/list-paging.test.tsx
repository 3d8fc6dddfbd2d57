// The incident list past its first pages: scrolling far down reads the pages there, saves refresh them in place, J/K cross pages.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toIncidentRow } from '../../renderer/db';
import { ROW_HEIGHT } from '../../renderer/features/incidents/find/virtual-rows';
import { useFindStore } from '../../renderer/store/find-store';
import { formatIncidentNumber, newId, type Incident } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

const BULK = 649;

/** 650 incidents; "Bulk incident N" was updated N ms after the first, so the list (newest first) shows 649 … 0. */
async function seedBulk(desk: Awaited<ReturnType<typeof renderDesk>>): Promise<Incident[]> {
  const base = await desk.seed({ title: 'Bulk incident 0' });
  const prefix = base.number.slice(0, 4);
  const rows = Array.from({ length: BULK }, (_, i): Incident => ({
    ...base,
    id: newId(),
    number: formatIncidentNumber(prefix, i + 2),
    title: `Bulk incident ${i + 1}`,
    updatedAt: new Date(Date.parse(base.updatedAt) + i + 1).toISOString(),
  }));
  await desk.db.incidents.bulkAdd(rows.map((row) => toIncidentRow(row)));
  return [base, ...rows];
}

/** jsdom does no layout: the test sets the list's scroll offset and tells the virtualizer, as a scroll would. */
function scrollListTo(row: number) {
  const list = document.querySelector<HTMLElement>('.list-scroll')!;
  Object.defineProperty(list, 'scrollTop', { configurable: true, value: row * ROW_HEIGHT });
  fireEvent.scroll(list);
}

/**
 * Role queries over a few dozen rows are slow in jsdom; polled every 50 ms they starve fake-indexeddb (one macrotask
 * per cursor step) and the pages never arrive. Polling less often lets the reads run.
 */
const SLOW = { timeout: 10_000, interval: 400 };

const table = () => screen.getByRole('table', { name: 'Incidents' });
/** The title button of the row at list position `index` (aria-rowindex counts the header as 1). */
function rowTitle(index: number): string | null {
  const row = within(table()).getAllByRole('row').find((r) => r.getAttribute('aria-rowindex') === String(index + 2));
  return row ? (within(row).queryByRole('button')?.textContent ?? null) : null;
}

describe('list paging', { timeout: 30_000 }, () => {
  it('knows the total at once and reads the pages far down the list when scrolled there', async () => {
    const desk = await renderDesk();
    await seedBulk(desk);
    await waitFor(() => expect(rowTitle(0)).toBe('Bulk incident 649'));
    // The count is its own live query (an index count): it may land just after the first rows, never after paging.
    await waitFor(() => expect(screen.getByText('650 incidents')).toBeInTheDocument());
    expect(table()).toHaveAttribute('aria-rowcount', '651');
    // Rows 500.. lie in the third page (200 rows each): pages are read from the last key, one after another.
    scrollListTo(500);
    await waitFor(() => expect(rowTitle(505)).toBe('Bulk incident 144'), SLOW);
    const rendered = within(table()).getAllByRole('row').length;
    expect(rendered).toBeLessThan(80);
    scrollListTo(640);
    await waitFor(() => expect(rowTitle(649)).toBe('Bulk incident 0'), SLOW);
  });

  it('a save refreshes the rows on screen without moving the list', async () => {
    const desk = await renderDesk();
    const rows = await seedBulk(desk);
    await waitFor(() => expect(rowTitle(0)).toBe('Bulk incident 649'));
    scrollListTo(420);
    await waitFor(() => expect(rowTitle(425)).toBe('Bulk incident 224'), SLOW);
    const target = rows.find((row) => row.title === 'Bulk incident 224')!;
    await desk.db.incidents.put(toIncidentRow({ ...target, title: 'Renamed far down' }));
    await waitFor(() => expect(rowTitle(425)).toBe('Renamed far down'), SLOW);
    expect(document.querySelector<HTMLElement>('.list-scroll')!.scrollTop).toBe(420 * ROW_HEIGHT);
  });

  it('J moves the cursor from the last row of a page to the first row of the next', async () => {
    const desk = await renderDesk();
    await seedBulk(desk);
    await waitFor(() => expect(rowTitle(0)).toBe('Bulk incident 649'));
    scrollListTo(190);
    await waitFor(() => expect(rowTitle(200)).toBe('Bulk incident 449'), SLOW);
    useFindStore.setState({ cursor: 199 });
    await desk.user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 449' })).toHaveFocus());
    await desk.user.keyboard('k');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bulk incident 450' })).toHaveFocus());
  });

  it('sorts by SLA over every incident, not page by page: the one due first leads though it was updated longest ago', async () => {
    const desk = await renderDesk();
    const [oldest, ...rest] = await seedBulk(desk);
    // The least recently updated incident (the very bottom of the default order, three pages down) becomes a P1, due
    // within the hour; the others stay P5, due in 8 hours.
    await desk.db.incidents.bulkPut([
      toIncidentRow({ ...oldest!, impact: 1, urgency: 1, priority: 1 }),
      ...rest.map((row) => toIncidentRow({ ...row, impact: 3, urgency: 3, priority: 5 })),
    ]);
    await waitFor(() => expect(rowTitle(0)).toBe('Bulk incident 649'));
    await desk.user.click(within(table()).getByRole('button', { name: /^SLA/ }));
    await waitFor(() => expect(rowTitle(0)).toBe('Bulk incident 0'), SLOW);
    // Then the P5s, all due at the same instant (recorded together): by id, the order they were made in.
    expect(rowTitle(1)).toBe('Bulk incident 1');
  });
});
