// Settings → Lists: pick a list, add, rename (a category parent renames its children), reorder by button and Alt+Arrow, remove and reset with confirmation, refusals in words; the forms offer the edits at once.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE, readReferenceList, removeListValue } from '../../renderer/db/reference';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

// Row buttons are found by their label (aria-label), as a screen-reader user names them: a role query computes the
// accessible name of each of ~120 buttons with getComputedStyle in jsdom (1.5 s a query), and polling that starved
// the fake IndexedDB the live list waits on.
const button = (panel: HTMLElement, name: string) => within(panel).getByLabelText(name, { selector: 'button' });
const findButton = (panel: HTMLElement, name: string) => within(panel).findByLabelText(name, { selector: 'button' });
const queryButton = (panel: HTMLElement, name: string) => within(panel).queryByLabelText(name, { selector: 'button' });

async function openLists(desk: Desk, tab = 'Categories') {
  await desk.user.click(screen.getByRole('button', { name: 'Lists' }));
  const dialog = screen.getByRole('dialog', { name: 'Lists and categories' });
  const chosen = await within(dialog).findByRole('tab', { name: new RegExp(`^${tab}`) });
  await desk.user.click(chosen);
  const panel = within(dialog).getByRole('tabpanel', { name: new RegExp(`^${tab}`) });
  await within(panel).findAllByLabelText(/^Rename /, { selector: 'button' });
  return { dialog, panel };
}

/** The values shown in the panel, in order, by their Rename buttons. */
const shown = (panel: HTMLElement) => within(panel).getAllByLabelText(/^Rename /, { selector: 'button' }).map((b) => b.getAttribute('aria-label')!.slice('Rename '.length));

describe('lists editor', { timeout: 20_000 }, () => {
  it('lists the eight lists with their counts and shows categories as a tree', async () => {
    const desk = await renderDesk();
    const { dialog, panel } = await openLists(desk);
    const tabs = within(dialog).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual([
      `Categories ${DEFAULT_REFERENCE.category.length}`,
      'Sites 5',
      'Teams 7',
      'People 0',
      'Manager levels 4',
      'Hold reasons 6',
      'Resolution codes 11',
      'Channels 6',
    ]);
    expect(within(dialog).getByText(/Incidents keep the values they were recorded with/)).toBeInTheDocument();
    expect(shown(panel)).toEqual(DEFAULT_REFERENCE.category);
    // The tree: HVAC is an item of the list nested in Facility's item.
    const facility = button(panel, 'Rename Facility').closest('li')!;
    expect(button(facility, 'Rename Facility › HVAC')).toBeInTheDocument();
  });

  it('adds a category under a parent and one at the top level; focus stays in the field for the next one', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk);
    await desk.user.selectOptions(within(panel).getByLabelText('Add under'), 'Facility');
    const name = within(panel).getByLabelText('New category name');
    await desk.user.type(name, 'Lifts{Enter}');
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Added “Lifts” under Facility.'));
    expect(name).toHaveValue('');
    expect(name).toHaveFocus();
    const list = await readReferenceList(desk.services.db, 'category');
    expect(list.indexOf('Facility › Lifts')).toBe(list.indexOf('Facility › Structural') + 1);
    await desk.user.selectOptions(within(panel).getByLabelText('Add under'), 'Top level');
    await desk.user.type(name, 'Clinical');
    await desk.user.click(within(panel).getByRole('button', { name: 'Add category' }));
    await waitFor(() => expect(shown(panel).at(-1)).toBe('Clinical'));
    expect(shown(panel)).toContain('Facility › Lifts');
  });

  it('renames a category parent: its children follow, the confirmation names the templates that keep the old name', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk);
    await desk.user.click(button(panel, 'Rename Facility'));
    const field = within(panel).getByRole('textbox', { name: 'New name for Facility' });
    expect(field).toHaveFocus();
    await desk.user.clear(field);
    await desk.user.type(field, 'Estates{Enter}');
    const confirm = within(panel).getByRole('group', { name: 'Rename Facility?' });
    expect(confirm).toHaveTextContent('Power outage');
    expect(await readReferenceList(desk.services.db, 'category')).toEqual(DEFAULT_REFERENCE.category);
    await desk.user.click(within(confirm).getByRole('button', { name: 'Yes, rename' }));
    await waitFor(() => expect(button(panel, 'Rename Estates')).toHaveFocus());
    expect(button(panel, 'Rename Estates › HVAC')).toBeInTheDocument();
    expect(shown(panel).filter((v) => v.startsWith('Facility'))).toEqual([]);
    expect(await readReferenceList(desk.services.db, 'category')).toEqual(DEFAULT_REFERENCE.category.map((v) => v.replace(/^Facility/, 'Estates')));
  });

  it('renames a team with Enter; Escape cancels a rename and keeps the dialog open', async () => {
    const desk = await renderDesk();
    const { dialog, panel } = await openLists(desk, 'Teams');
    await desk.user.click(button(panel, 'Rename Electrical'));
    await desk.user.type(within(panel).getByRole('textbox', { name: 'New name for Electrical' }), ' & power{Enter}');
    await waitFor(() => expect(button(panel, 'Rename Electrical & power')).toHaveFocus());
    await desk.user.click(button(panel, 'Rename Service desk'));
    await desk.user.type(within(panel).getByRole('textbox', { name: 'New name for Service desk' }), ' typo{Escape}');
    expect(dialog).toBeInTheDocument();
    expect(within(panel).queryByRole('textbox', { name: /New name/ })).not.toBeInTheDocument();
    expect(button(panel, 'Rename Service desk')).toHaveFocus();
    expect(await readReferenceList(desk.services.db, 'team')).toEqual(DEFAULT_REFERENCE.team.map((t) => (t === 'Electrical' ? 'Electrical & power' : t)));
  });

  it('refuses a duplicate, an empty name and a path mark next to the field, and changes nothing', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk, 'Teams');
    const add = within(panel).getByLabelText('New team name');
    await desk.user.click(within(panel).getByRole('button', { name: 'Add team' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Type a name for the team first.');
    expect(add).toHaveAccessibleDescription('Type a name for the team first.');
    await desk.user.type(add, 'service DESK{Enter}');
    await waitFor(() => expect(within(panel).getByRole('alert')).toHaveTextContent('There is already a team “Service desk”.'));
    expect(add).toHaveValue('service DESK');
    await desk.user.click(button(panel, 'Rename Electrical'));
    const field = within(panel).getByRole('textbox', { name: 'New name for Electrical' });
    await desk.user.clear(field);
    await desk.user.type(field, 'Network operations{Enter}');
    expect(await within(panel).findByText('There is already a team “Network operations”. Pick another name (capitals do not count as a difference).')).toBeInTheDocument();
    expect(field).toHaveAccessibleDescription(/already a team/);
    expect(field).toHaveFocus();
    expect(await readReferenceList(desk.services.db, 'team')).toEqual(DEFAULT_REFERENCE.team);

    const sites = await openTab(desk, 'Sites');
    await desk.user.type(within(sites).getByLabelText('New site name'), 'Block C / D{Enter}');
    expect(await within(sites).findByRole('alert')).toHaveTextContent('A site name cannot contain “/” or “›”');
    expect(await readReferenceList(desk.services.db, 'site')).toEqual(DEFAULT_REFERENCE.site);
  });

  it('reorders by button and by Alt+Arrow on a focused row; focus stays with the moved value', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk, 'Channels');
    const first = button(panel, 'Move Phone up');
    expect(first).toHaveAttribute('aria-disabled', 'true');
    await desk.user.click(button(panel, 'Move Radio up'));
    await waitFor(() => expect(shown(panel)).toEqual(['Radio', 'Phone', 'Email', 'SMS', 'In person', 'Chat']));
    expect(button(panel, 'Move Radio up')).toHaveFocus();
    button(panel, 'Rename Email').focus();
    await desk.user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await waitFor(() => expect(shown(panel)).toEqual(['Radio', 'Phone', 'SMS', 'Email', 'In person', 'Chat']));
    await waitFor(() => expect(button(panel, 'Rename Email')).toHaveFocus());
    await desk.user.keyboard('{Alt>}{ArrowUp}{ArrowUp}{/Alt}');
    await waitFor(() => expect(shown(panel)).toEqual(['Radio', 'Email', 'Phone', 'SMS', 'In person', 'Chat']));
    expect(await readReferenceList(desk.services.db, 'channel')).toEqual(['Radio', 'Email', 'Phone', 'SMS', 'In person', 'Chat']);
  });

  it('moves a category with its children by Alt+ArrowUp', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk);
    button(panel, 'Move Safety up').focus();
    await desk.user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    await waitFor(() => expect(shown(panel).indexOf('Safety')).toBe(shown(panel).indexOf('Facility') - 4));
    expect(shown(panel).slice(shown(panel).indexOf('Safety'), shown(panel).indexOf('Safety') + 4)).toEqual(['Safety', 'Safety › Near miss', 'Safety › Hazard', 'Safety › Accident']);
  });

  it('removes a category and those below it after a confirmation that counts them; focus goes to the neighbour', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk);
    await desk.user.click(button(panel, 'Remove Facility'));
    let confirm = within(panel).getByRole('group', { name: 'Remove Facility?' });
    expect(confirm).toHaveTextContent('Remove “Facility” and the 8 categories below it?');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await desk.user.keyboard('{Escape}');
    expect(within(panel).queryByRole('group', { name: 'Remove Facility?' })).not.toBeInTheDocument();
    expect(button(panel, 'Remove Facility')).toHaveFocus();
    await desk.user.click(button(panel, 'Remove Facility'));
    confirm = within(panel).getByRole('group', { name: 'Remove Facility?' });
    await desk.user.click(within(confirm).getByRole('button', { name: 'Yes, remove all 9' }));
    await waitFor(() => expect(queryButton(panel, 'Rename Facility')).not.toBeInTheDocument());
    expect(queryButton(panel, 'Rename Facility › HVAC')).not.toBeInTheDocument();
    expect(button(panel, 'Remove Safety')).toHaveFocus();
    expect(await readReferenceList(desk.services.db, 'category')).toHaveLength(DEFAULT_REFERENCE.category.length - 9);
  });

  it('refuses to remove the last channel, saying why', async () => {
    const desk = await renderDesk();
    for (const channel of DEFAULT_REFERENCE.channel.slice(1)) await removeListValue(desk.services.db, 'channel', channel);
    const { panel } = await openLists(desk, 'Channels');
    await desk.user.click(button(panel, 'Remove Phone'));
    await desk.user.click(within(within(panel).getByRole('group', { name: 'Remove Phone?' })).getByRole('button', { name: 'Yes, remove' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('Removing “Phone” would leave no channel at all. Add another channel first');
    expect(await readReferenceList(desk.services.db, 'channel')).toEqual(['Phone']);
  });

  it('resets a list to its defaults after a confirmation', async () => {
    const desk = await renderDesk();
    const { panel } = await openLists(desk, 'Teams');
    await desk.user.type(within(panel).getByLabelText('New team name'), 'Night shift{Enter}');
    await waitFor(() => expect(shown(panel)).toContain('Night shift'));
    await desk.user.click(within(panel).getByRole('button', { name: 'Reset teams to defaults' }));
    const confirm = within(panel).getByRole('group', { name: 'Reset teams?' });
    expect(confirm).toHaveTextContent('Put back the 7 default teams?');
    await desk.user.click(within(confirm).getByRole('button', { name: 'Yes, reset' }));
    await waitFor(() => expect(shown(panel)).toEqual(DEFAULT_REFERENCE.team));
    expect(await readReferenceList(desk.services.db, 'team')).toEqual(DEFAULT_REFERENCE.team);
  });

  it('the capture form offers a category added here, at once', async () => {
    const desk = await renderDesk();
    const { dialog, panel } = await openLists(desk);
    await desk.user.selectOptions(within(panel).getByLabelText('Add under'), 'Facility');
    await desk.user.type(within(panel).getByLabelText('New category name'), 'Lifts{Enter}');
    await findButton(panel, 'Rename Facility › Lifts');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Close lists' }));
    await desk.user.click(screen.getByRole('button', { name: 'New incident' }));
    const category = screen.getByLabelText('Category');
    // The form reads the lists live: the option is there as soon as that read lands (a moment under load).
    expect(await within(category).findByRole('option', { name: 'Facility › Lifts' })).toBeInTheDocument();
    await desk.user.selectOptions(category, 'Facility › Lifts');
    expect(category).toHaveValue('Facility › Lifts');
  });
});

async function openTab(desk: Desk, tab: string) {
  const dialog = screen.getByRole('dialog', { name: 'Lists and categories' });
  await desk.user.click(within(dialog).getByRole('tab', { name: new RegExp(`^${tab}`) }));
  return within(dialog).getByRole('tabpanel', { name: new RegExp(`^${tab}`) });
}
