// Settings → Lists warns before a rename or removal that something else names the value by its text (SLA site mapping, saved view, escalation rule), and rewrites none of them.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { saveView } from '../../renderer/db';
import { readReferenceList } from '../../renderer/db/reference';
import { editSlaPolicies, readSlaPolicySet } from '../../renderer/db/sla-policies';
import { setSitePolicy } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

async function openList(desk: Desk, tab: string) {
  await desk.user.click(screen.getByRole('button', { name: 'Lists' }));
  const dialog = screen.getByRole('dialog', { name: 'Lists and categories' });
  await desk.user.click(await within(dialog).findByRole('tab', { name: new RegExp(`^${tab}`) }));
  const panel = within(dialog).getByRole('tabpanel', { name: new RegExp(`^${tab}`) });
  await within(panel).findAllByLabelText(/^Rename /, { selector: 'button' });
  return panel;
}

const button = (panel: HTMLElement, name: string) => within(panel).getByLabelText(name, { selector: 'button' });

describe('lists editor: what else names a value', { timeout: 20_000 }, () => {
  it('renaming a site mapped to an SLA policy says the mapping keeps the old name, and leaves it', async () => {
    const desk = await renderDesk();
    const mapped = await editSlaPolicies(desk.services.db, (set) => setSitePolicy(set, 'Main campus › Block A', 'silver'));
    expect(mapped.ok).toBe(true);
    const panel = await openList(desk, 'Sites');
    await desk.user.click(button(panel, 'Rename Main campus'));
    const field = within(panel).getByRole('textbox', { name: 'New name for Main campus' });
    await desk.user.clear(field);
    await desk.user.type(field, 'North campus{Enter}');
    const confirm = within(panel).getByRole('group', { name: 'Rename Main campus?' });
    expect(confirm).toHaveTextContent('Rename “Main campus” to “North campus”?');
    expect(confirm).toHaveTextContent('SLA policies map “Main campus › Block A → Silver” by the old name');
    await desk.user.click(within(confirm).getByRole('button', { name: 'Yes, rename' }));
    await waitFor(async () => expect(await readReferenceList(desk.services.db, 'site')).toContain('North campus › Block A'));
    expect((await readSlaPolicySet(desk.services.db)).assignment.sitePolicies).toEqual([{ site: 'Main campus › Block A', policyId: 'silver' }]);
  });

  it('removing a team a saved view filters on names the view; Cancel keeps the team', async () => {
    const desk = await renderDesk();
    expect((await saveView(desk.services.db, 'Electrical queue', { team: 'Electrical' })).ok).toBe(true);
    const panel = await openList(desk, 'Teams');
    await desk.user.click(button(panel, 'Remove Electrical'));
    const confirm = within(panel).getByRole('group', { name: 'Remove Electrical?' });
    expect(confirm).toHaveTextContent('The saved view “Electrical queue” filters on it and is not changed.');
    await desk.user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(button(panel, 'Remove Electrical')).toHaveFocus();
    expect(await readReferenceList(desk.services.db, 'team')).toContain('Electrical');
  });

  it('renaming a manager level an escalation rule targets says the rule keeps the old name', async () => {
    const desk = await renderDesk();
    const panel = await openList(desk, 'Manager levels');
    await desk.user.click(button(panel, 'Rename Duty manager'));
    await desk.user.type(within(panel).getByRole('textbox', { name: 'New name for Duty manager' }), ' (on call){Enter}');
    const confirm = within(panel).getByRole('group', { name: 'Rename Duty manager?' });
    expect(confirm).toHaveTextContent('Automatic escalation still names “Duty manager” as its manager level and keeps using the old name.');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await desk.user.keyboard('{Escape}');
    // Back in the field with the typed name, nothing saved.
    expect(within(panel).getByRole('textbox', { name: 'New name for Duty manager' })).toHaveValue('Duty manager (on call)');
    expect(await readReferenceList(desk.services.db, 'managerLevel')).toContain('Duty manager');
  });
});
