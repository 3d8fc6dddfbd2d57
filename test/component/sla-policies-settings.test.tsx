// Settings → SLA policies: edit a target by its label and the header clock follows; bad input shows a message and saves nothing.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readSlaPolicySet } from '../../renderer/db/sla-policies';
import { SEED_SLA_POLICY_SET } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

type Desk = Awaited<ReturnType<typeof renderDesk>>;

const resolveClock = () => within(screen.getByRole('group', { name: 'SLA clocks' })).getByText(/Time to resolve/).closest('p')!;

async function openSettings(desk: Desk) {
  await desk.user.click(screen.getByRole('button', { name: 'SLA policies' }));
  const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
  await within(dialog).findByRole('form', { name: 'Edit Gold' });
  return dialog;
}

async function setValue(desk: Desk, field: HTMLElement, value: string) {
  await desk.user.clear(field);
  if (value !== '') await desk.user.type(field, value);
}

describe('SLA policy settings', { timeout: 20_000 }, () => {
  it('edits the P1 time to resolve by label; the open incident’s header clock uses it at once', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Core switch down', impact: 1, urgency: 1 });
    await waitFor(() => expect(resolveClock()).toHaveTextContent(/of 1h \(/));

    const dialog = await openSettings(desk);
    await setValue(desk, within(dialog).getByLabelText('P1 time to resolve hours'), '3');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Save policy' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Saved Gold');
    expect((await readSlaPolicySet(desk.services.db)).policies[0]!.targets.P1.resolveMinutes).toBe(180);
    await desk.user.click(within(dialog).getByRole('button', { name: 'Close SLA policy settings' }));
    await waitFor(() => expect(resolveClock()).toHaveTextContent(/of 3h \(/));
  });

  it.each([
    ['an empty target', 'P2 time to own hours', '', 'Enter the P2 time to own.'],
    ['a negative target', 'P3 time to resolve hours', '-4', 'The P3 time to resolve cannot be negative.'],
    ['a target over a year', 'P3 time to resolve hours', '9000', 'The P3 time to resolve is at most a year (8784 hours).'],
    ['a warning at 100 %', 'Second warning (%)', '100', 'Warnings must be below 100 % (the breach is always at 100 %)'],
    ['warnings out of order', 'First warning (%)', '80', 'The second warning must come after the first'],
  ])('refuses %s with a message and saves nothing', async (_label, field, value, message) => {
    const desk = await renderDesk();
    const dialog = await openSettings(desk);
    const form = within(dialog).getByRole('form', { name: 'Edit Gold' });
    await setValue(desk, within(form).getByLabelText(field), value);
    if (field === 'P2 time to own hours') await setValue(desk, within(form).getByLabelText('P2 time to own minutes'), '');
    await desk.user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(message);
    expect(await readSlaPolicySet(desk.services.db)).toEqual(SEED_SLA_POLICY_SET);
  });

  it('refuses business hours that end before they start', async () => {
    const desk = await renderDesk();
    const dialog = await openSettings(desk);
    const form = within(dialog).getByRole('form', { name: 'Edit Gold' });
    await desk.user.click(within(form).getByRole('radio', { name: 'Business hours only' }));
    await setValue(desk, within(form).getByLabelText('From'), '18:00');
    await setValue(desk, within(form).getByLabelText('To'), '08:00');
    await desk.user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Business hours must end after they start');
    expect(await readSlaPolicySet(desk.services.db)).toEqual(SEED_SLA_POLICY_SET);
  });

  it('adds a policy, makes it the default, refuses to delete the default, maps a site', async () => {
    const desk = await renderDesk();
    const dialog = await openSettings(desk);
    await desk.user.type(within(dialog).getByLabelText('New policy name'), 'Night shift');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Add policy' }));
    await within(dialog).findByRole('form', { name: 'Edit Night shift' });
    await desk.user.selectOptions(within(dialog).getByLabelText('Default policy'), 'Night shift');
    await waitFor(async () => expect((await readSlaPolicySet(desk.services.db)).assignment.defaultPolicyId).toBe('night-shift'));
    // The default is not offered for deletion: the button says why it is unavailable, and a click changes nothing.
    const deleteDefault = await within(dialog).findByRole('button', { name: 'Delete Night shift' });
    await waitFor(() => expect(deleteDefault).toHaveAttribute('aria-disabled', 'true'));
    expect(deleteDefault).toHaveAccessibleDescription('Night shift is the default policy. Make another policy the default first.');
    await desk.user.click(deleteDefault);
    expect(within(dialog).queryByRole('alert')).toBeNull();
    await desk.user.selectOptions(within(dialog).getByLabelText('Policy for Field office'), 'Bronze');
    await waitFor(async () => expect((await readSlaPolicySet(desk.services.db)).assignment.sitePolicies).toEqual([{ site: 'Field office', policyId: 'bronze' }]));
    expect((await readSlaPolicySet(desk.services.db)).policies.map((p) => p.id)).toEqual(['gold', 'silver', 'bronze', 'night-shift']);
  });

  it('names the target columns as the clocks are named: Time to own, Time to resolve', async () => {
    const desk = await renderDesk();
    const dialog = await openSettings(desk);
    const targets = within(within(dialog).getByRole('form', { name: 'Edit Gold' })).getByRole('table');
    expect(within(targets).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Priority', 'Time to own', 'Time to resolve']);
  });

  it('offers no Delete for the default policy (it says why); another policy can be deleted', async () => {
    const desk = await renderDesk();
    const dialog = await openSettings(desk);
    const deleteGold = within(dialog).getByRole('button', { name: 'Delete Gold' });
    expect(deleteGold).toHaveAttribute('aria-disabled', 'true');
    expect(deleteGold).toHaveAccessibleDescription('Gold is the default policy. Make another policy the default first.');
    await desk.user.click(deleteGold);
    expect((await readSlaPolicySet(desk.services.db)).policies.map((p) => p.id)).toEqual(['gold', 'silver', 'bronze']);

    await desk.user.click(within(within(dialog).getByRole('list', { name: 'Policies' })).getByRole('button', { name: 'Bronze' }));
    const deleteBronze = within(dialog).getByRole('button', { name: 'Delete Bronze' });
    expect(deleteBronze).not.toHaveAttribute('aria-disabled');
    expect(deleteBronze).not.toHaveAccessibleDescription();
    await desk.user.click(deleteBronze);
    expect(await within(dialog).findByRole('status')).toHaveTextContent('Deleted Bronze.');
    expect((await readSlaPolicySet(desk.services.db)).policies.map((p) => p.id)).toEqual(['gold', 'silver']);
  });

  it('sets an incident’s own policy from its detail view: one synced edit, and the header clock follows', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Chiller tripped', impact: 1, urgency: 1 });
    expect(screen.getByText('Gold (default)')).toBeInTheDocument();
    await desk.user.click(screen.getByRole('button', { name: 'Edit SLA policy' }));
    await desk.user.selectOptions(screen.getByLabelText('SLA policy'), 'Bronze');
    await desk.user.click(screen.getByRole('button', { name: 'Save SLA policy' }));
    expect(await screen.findByText('Bronze (set for this incident)')).toBeInTheDocument();
    await waitFor(() => expect(resolveClock()).toHaveTextContent(/of 4h \(/));
    expect((await desk.services.db.incidents.get(incident.id))?.slaPolicyId).toBe('bronze');
    expect((await desk.services.db.outbox.orderBy('deviceSeq').last())?.set).toEqual({ slaPolicyId: 'bronze' });
  });
});
