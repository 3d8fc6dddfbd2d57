// Find: list filters, full-text search, default and saved views, sorting and keyboard navigation.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { toIncidentRow } from '../../renderer/db';
import { formatIncidentNumber, newId } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

/** Titles of the listed incidents, in display order (the header row excluded). */
async function listed(): Promise<string[]> {
  const table = await screen.findByRole('table', { name: 'Incidents' });
  return within(table).getAllByRole('row').slice(1).map((row) => within(row).getByRole('button').textContent ?? '');
}

/** The next write gets a later updatedAt (the list sorts by it; ties would fall back to id order). */
const nextMs = () => new Promise((resolve) => setTimeout(resolve, 3));

async function seedThree(desk: Awaited<ReturnType<typeof renderDesk>>) {
  const generator = await desk.seed({ title: 'Generator failed', impact: 1, urgency: 1, category: ['Facility', 'Generator & UPS'], site: ['Main campus'] });
  await nextMs();
  const printer = await desk.seed({ title: 'Printer jam', category: ['IT', 'Hardware'] });
  await nextMs();
  const phishing = await desk.seed({ title: 'Phishing mail', major: true, category: ['Security', 'Phishing'] });
  await nextMs();
  await desk.services.incidents.changeStatus(printer.id, 'assigned', { team: 'Service desk' });
  await nextMs();
  await desk.services.incidents.changeStatus(phishing.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Purged' });
  await nextMs();
  await desk.services.incidents.addNote(generator.id, 'Injector replaced by vendor');
  await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Phishing mail', 'Printer jam']), { timeout: 4000 });
  return { generator, printer, phishing };
}

describe('list filters', { timeout: 15_000 }, () => {
  it('filters by status, priority, category, team and unassigned', async () => {
    const desk = await renderDesk();
    const { user } = desk;
    await seedThree(desk);
    await user.click(screen.getByRole('button', { name: 'Filters' }));
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Resolved');
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail']));
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Open (any open status)');
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Printer jam']));
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Filter by priority'), 'P1 Critical');
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed']));
    await user.selectOptions(screen.getByLabelText('Filter by priority'), 'Any priority');
    await user.selectOptions(screen.getByLabelText('Filter by team'), 'Service desk');
    await waitFor(async () => expect(await listed()).toEqual(['Printer jam']));
    await user.selectOptions(screen.getByLabelText('Filter by team'), 'Any team');
    await user.selectOptions(screen.getByLabelText('Filter by status'), 'Any status');
    await user.selectOptions(screen.getByLabelText('Filter by category'), 'Security › Phishing');
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail']));
    await user.selectOptions(screen.getByLabelText('Filter by category'), 'Any category');
    await user.click(screen.getByLabelText('Unassigned'));
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Phishing mail']));
  });

  it('says so when nothing matches', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    await desk.user.click(screen.getByRole('button', { name: 'Filters' }));
    await desk.user.click(screen.getByLabelText('Mine'));
    expect(await screen.findByText('No incidents match this view.')).toBeInTheDocument();
  });
});

describe('site and date filters', { timeout: 15_000 }, () => {
  it('offers sites typed at capture (not only reference sites) and filters by them', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Door forced', site: ['North Campus', 'Building A'] });
    await nextMs();
    await desk.seed({ title: 'Leak in lab', site: ['Main campus'] });
    await nextMs();
    await desk.seed({ title: 'Printer jam' });
    await waitFor(async () => expect(await listed()).toHaveLength(3));
    await desk.user.click(screen.getByRole('button', { name: 'Filters' }));
    const site = screen.getByLabelText('Filter by site');
    const typed = await within(site).findByRole('option', { name: 'North Campus › Building A' });
    expect(within(site).getByRole('group', { name: 'Other sites in use' })).toContainElement(typed);
    await desk.user.selectOptions(site, typed);
    await waitFor(async () => expect(await listed()).toEqual(['Door forced']));
    // The campus above it is offered too, and covers every place under it.
    await desk.seed({ title: 'Gate stuck', site: ['North Campus'] });
    await desk.user.click(site);
    await desk.user.selectOptions(site, await within(site).findByRole('option', { name: 'North Campus' }));
    await waitFor(async () => expect(await listed()).toEqual(['Gate stuck', 'Door forced']));
    // A site recorded later is offered the next time the list is used (read on focus, not on every write).
    await desk.seed({ title: 'Smoke alarm', site: ['South Annex'] });
    await desk.user.click(screen.getByLabelText('Filter by status'));
    await desk.user.click(site);
    expect(await within(site).findByRole('option', { name: 'South Annex' })).toBeInTheDocument();
  });

  it('does not scan the sites in use again on every save while the filters are open', async () => {
    const desk = await renderDesk();
    const seeded = await desk.seed({ title: 'Door forced', site: ['North Campus', 'Building A'] });
    await desk.user.click(screen.getByRole('button', { name: 'Filters' }));
    await within(screen.getByLabelText('Filter by site')).findByRole('option', { name: 'North Campus › Building A' });
    const where = vi.spyOn(desk.db.incidents, 'where');
    for (let i = 0; i < 5; i++) {
      const edited = await desk.services.incidents.edit(seeded.id, { title: `Door forced ${i}` });
      expect(edited.ok).toBe(true);
      await nextMs();
    }
    await waitFor(async () => expect(await listed()).toEqual(['Door forced 4']));
    expect(where.mock.calls.filter(([index]) => String(index) === '[siteKey+updatedAt]')).toEqual([]);
  });

  it('says at the date fields when "Recorded from" is after "Recorded to", and swaps them on request', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Generator failed' });
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed']));
    await desk.user.click(screen.getByRole('button', { name: 'Filters' }));
    const from = screen.getByLabelText('Recorded from');
    const to = screen.getByLabelText('Recorded to');
    const today = new Date();
    const day = (offset: number) => {
      const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await desk.user.type(from, day(1));
    await desk.user.type(to, day(-1));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/‘From’ is after ‘To’; swap them or change one/);
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(to).toHaveAccessibleDescription(/‘From’ is after ‘To’/);

    await desk.user.click(screen.getByRole('button', { name: 'Swap dates' }));
    expect(from).toHaveValue(day(-1));
    expect(to).toHaveValue(day(1));
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed']));
  });
});

describe('search', { timeout: 15_000 }, () => {
  it('finds incidents by a word of a note, by prefix, case-insensitively', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    await desk.user.type(screen.getByLabelText('Search incidents'), 'INJECT');
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed']));
    await desk.user.clear(screen.getByLabelText('Search incidents'));
    await desk.user.type(screen.getByLabelText('Search incidents'), 'jam printer');
    await waitFor(async () => expect(await listed()).toEqual(['Printer jam']));
  });

  it('shows markup in titles as text in the list', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: '<img src=x onerror="window.__listPwned=1"> boiler' });
    await desk.user.type(screen.getByLabelText('Search incidents'), 'boiler');
    await waitFor(async () => expect(await listed()).toEqual(['<img src=x onerror="window.__listPwned=1"> boiler']));
    expect(document.querySelector('table img')).toBeNull();
  });
});

describe('views', { timeout: 15_000 }, () => {
  it('offers the default views Open, My incidents, Major and Recently resolved', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    const view = screen.getByLabelText('View');
    expect(within(view).getAllByRole('option').map((o) => o.textContent)).toEqual(['All incidents', 'Open', 'My incidents', 'Major', 'Recently resolved']);
    await desk.user.selectOptions(view, 'Major');
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail']));
    await desk.user.selectOptions(view, 'Open');
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Printer jam']));
    await desk.user.selectOptions(view, 'Recently resolved');
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail']));
  });

  it('saves the current filter as a named view and applies it again', async () => {
    const desk = await renderDesk();
    const { user } = desk;
    await seedThree(desk);
    await user.type(screen.getByLabelText('Search incidents'), 'printer');
    await waitFor(async () => expect(await listed()).toEqual(['Printer jam']));
    await user.click(screen.getByRole('button', { name: 'Save view' }));
    await user.type(screen.getByLabelText('View name'), 'Printers');
    await user.click(screen.getByRole('button', { name: 'Save this view' }));
    await waitFor(() => expect(screen.getByLabelText('View')).toHaveDisplayValue('Printers'));
    expect(await desk.db.views.count()).toBe(1);
    await user.selectOptions(screen.getByLabelText('View'), 'All incidents');
    await waitFor(async () => expect(await listed()).toHaveLength(3));
    await user.selectOptions(screen.getByLabelText('View'), 'Printers');
    await waitFor(async () => expect(await listed()).toEqual(['Printer jam']));
    expect(screen.getByLabelText('Search incidents')).toHaveValue('printer');
  });
});

describe('sorting', { timeout: 15_000 }, () => {
  it('sorts by priority and number from the column headers', async () => {
    const desk = await renderDesk();
    await seedThree(desk);
    // The table is rebuilt for each new query, so it is looked up again after every change.
    const table = () => screen.getByRole('table', { name: 'Incidents' });
    await desk.user.click(within(table()).getByRole('button', { name: 'Priority' }));
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Phishing mail', 'Printer jam']));
    expect(within(table()).getByRole('columnheader', { name: 'Priority' })).toHaveAttribute('aria-sort', 'ascending');
    await desk.user.click(within(table()).getByRole('button', { name: 'Number' }));
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail', 'Printer jam', 'Generator failed']));
    await desk.user.click(within(table()).getByRole('button', { name: 'Number' }));
    await waitFor(async () => expect(await listed()).toEqual(['Generator failed', 'Printer jam', 'Phishing mail']));
  });
});

describe('keyboard', { timeout: 15_000 }, () => {
  it('/ focuses search, J/K move through rows, Enter opens, Escape goes back, ? shows the shortcuts', async () => {
    const desk = await renderDesk();
    const { user } = desk;
    await seedThree(desk);
    await user.keyboard('/');
    expect(screen.getByLabelText('Search incidents')).toHaveFocus();
    (document.activeElement as HTMLElement).blur();

    await user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Phishing mail' })).toHaveFocus());
    await user.keyboard('k');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generator failed' })).toHaveFocus());
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('article', { name: 'Generator failed' })).toBeInTheDocument();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    // Focus goes back to the incident's row, not to the page (where Tab would start again at the top bar).
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generator failed' })).toHaveFocus());

    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help).toHaveTextContent('Search incidents');
    expect(help).toHaveTextContent('Next incident in the list');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});

describe('the keyboard cursor follows the row a person went to', { timeout: 15_000 }, () => {
  it('after opening the third row with the mouse and going back, K moves to the second row, not from the first', async () => {
    const desk = await renderDesk();
    const { user } = desk;
    await seedThree(desk);
    await user.click(await screen.findByRole('button', { name: 'Printer jam' }));
    expect(await screen.findByRole('article', { name: 'Printer jam' })).toBeInTheDocument();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Printer jam' })).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Printer jam' }).closest('tr')).toHaveClass('cursor');
    await user.keyboard('k');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Phishing mail' })).toHaveFocus());
  });
});

describe('from the search to the results', { timeout: 15_000 }, () => {
  it('↓ moves to the first row and Enter opens it, its title taking focus; a number finds its incident', async () => {
    const desk = await renderDesk();
    const { user } = desk;
    const { phishing } = await seedThree(desk);
    await user.click(screen.getByLabelText('Search incidents'));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generator failed' })).toHaveFocus());

    await user.click(screen.getByLabelText('Search incidents'));
    await user.keyboard(phishing.number.toLowerCase());
    await waitFor(async () => expect(await listed()).toEqual(['Phishing mail']));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Phishing mail' })).toHaveFocus());
  });
});

describe('many incidents', { timeout: 15_000 }, () => {
  it('renders only a window of rows and counts every match through the index', async () => {
    const desk = await renderDesk();
    const base = await desk.seed({ title: 'Bulk incident 0' });
    const prefix = base.number.slice(0, 4);
    await desk.db.incidents.bulkAdd(
      Array.from({ length: 259 }, (_, i) => toIncidentRow({ ...base, id: newId(), number: formatIncidentNumber(prefix, i + 2), title: `Bulk incident ${i + 1}` })),
    );
    const table = await screen.findByRole('table', { name: 'Incidents' });
    await waitFor(() => expect(screen.getByText('260 incidents')).toBeInTheDocument());
    const rendered = within(table).getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(80);
  });
});
