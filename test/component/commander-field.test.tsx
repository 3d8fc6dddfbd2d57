// The incident commander in the detail: shown on a major incident (or one that has a commander), "None yet" until
// named, edited in place with the people list, written to the timeline and carried by the briefing and short update.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { renderDesk } from './support/render-desk';

afterEach(() => {
  vi.restoreAllMocks();
});

type Desk = Awaited<ReturnType<typeof renderDesk>>;

async function nameCommander(desk: Desk, text: string) {
  await desk.user.click(await screen.findByRole('button', { name: 'Edit Incident commander' }));
  const field = screen.getByRole('combobox', { name: 'Incident commander' });
  await desk.user.clear(field);
  if (text !== '') await desk.user.type(field, text);
  await desk.user.click(screen.getByRole('button', { name: 'Save Incident commander' }));
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Save Incident commander' })).toBeNull());
}

async function copied(desk: Desk, button: 'Copy briefing' | 'Copy update'): Promise<string> {
  const writeText = vi.fn((_text: string) => Promise.resolve());
  Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
  await desk.user.click(within(screen.getByRole('group', { name: 'Briefing' })).getByRole('button', { name: button }));
  await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
  return writeText.mock.calls[0]![0];
}

describe('the incident commander in the detail', { timeout: 30_000 }, () => {
  it('is not shown on an incident that is not major and has no commander; turning major on shows it empty, without asking for one', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Printer jam on floor 2' });
    const article = screen.getByRole('article', { name: 'Printer jam on floor 2' });
    expect(within(article).queryByText('Incident commander', { selector: 'dt' })).toBeNull();

    await desk.user.click(within(article).getByRole('checkbox', { name: 'Major incident' }));
    const value = (await within(article).findByText('Incident commander', { selector: 'dt' })).parentElement!.querySelector('dd')!;
    expect(value).toHaveTextContent('None yet — name one');
    // Nothing opens by itself and nothing is refused: the flag is saved on its own.
    expect(screen.queryByRole('combobox', { name: 'Incident commander' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names, hands over and clears the commander; each edit is on the timeline as version 6 and in the briefing', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Water outage, ward 3', major: true });
    const article = screen.getByRole('article', { name: 'Water outage, ward 3' });
    const value = () => within(article).getByText('Incident commander', { selector: 'dt' }).parentElement!.querySelector('dd')!;
    expect(value()).toHaveTextContent('None yet — name one');
    // The calm "none yet" mark: its own style (not the error colour), read from the component's CSS file.
    expect(value().querySelector('.commander-none')).not.toBeNull();
    const css = readFileSync('renderer/features/incidents/commander-field.css', 'utf8');
    expect(css).toMatch(/\.commander-none\s*\{[^}]*var\(--accent\)/);
    expect(css).not.toMatch(/--danger|--major/);

    // The people list is offered as suggestions.
    await desk.user.click(screen.getByRole('button', { name: 'Edit Incident commander' }));
    const field = screen.getByRole('combobox', { name: 'Incident commander' });
    expect(field).toHaveAttribute('maxlength', '200');
    expect(document.getElementById(field.getAttribute('list')!)?.tagName).toBe('DATALIST');
    await desk.user.click(screen.getByRole('button', { name: 'Stop editing Incident commander' }));

    await nameCommander(desk, 'Ana Diaz');
    await waitFor(() => expect(value()).toHaveTextContent('Ana Diaz'));
    expect(value().querySelector('.commander-none')).toBeNull();
    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/Incident commander: — → Ana Diaz/)).toBeInTheDocument();
    const ops = await desk.db.outbox.toArray();
    expect(ops.at(-1)).toMatchObject({ schemaVersion: 6, set: { commander: 'Ana Diaz' } });

    expect(await copied(desk, 'Copy briefing')).toMatch(/\nMajor incident: +Yes\nIncident commander: +Ana Diaz\n/);
    expect(await copied(desk, 'Copy update')).toContain(' - Commander: Ana Diaz - ');

    await nameCommander(desk, 'Lee Chan');
    expect(await within(timeline).findByText(/Incident commander: Ana Diaz → Lee Chan/)).toBeInTheDocument();

    // Emptied: cleared, the major incident says so again.
    await nameCommander(desk, '');
    await waitFor(() => expect(value()).toHaveTextContent('None yet — name one'));
    expect(await within(timeline).findByText(/Incident commander: Lee Chan → —/)).toBeInTheDocument();
    const stored = await desk.db.incidents.get(incident.id);
    expect(stored?.commander).toBeNull();
  });

  it('stays shown with its name when the major flag is turned off; a closed major incident says none was named', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Chiller 2 tripped', major: true });
    const article = screen.getByRole('article', { name: 'Chiller 2 tripped' });
    await nameCommander(desk, 'Ana Diaz');
    await desk.user.click(within(article).getByRole('checkbox', { name: 'Major incident' }));
    await waitFor(() => expect(within(article).getByRole('checkbox', { name: 'Major incident' })).not.toBeChecked());
    expect(within(article).getByText('Incident commander', { selector: 'dt' }).parentElement).toHaveTextContent('Ana Diaz');

    const other = await desk.openSeeded({ title: 'Lift stuck', major: true });
    for (const to of ['resolved', 'closed'] as const) {
      const result = await desk.services.incidents.changeStatus(other.id, to, { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Pump replaced' });
      if (!result.ok) throw new Error(result.error.message);
    }
    const closed = screen.getByRole('article', { name: 'Lift stuck' });
    await waitFor(() => expect(within(closed).getByText('Incident commander', { selector: 'dt' }).parentElement).toHaveTextContent('None named'));
    expect(within(closed).queryByRole('button', { name: 'Edit Incident commander' })).toBeNull();
    expect(incident.id).not.toBe(other.id);
  });
});
