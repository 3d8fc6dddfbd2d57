// Finished actions are said through the app's one polite status region: a screen reader hears that a save happened.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Announcer } from '../../renderer/app/announcer';
import { announce } from '../../renderer/store/announce-store';
import { renderDesk } from './support/render-desk';

/** The app-level live region (the other status regions belong to single controls). */
function announcer(): HTMLElement {
  const region = screen.getAllByRole('status').find((el) => el.classList.contains('announcer'));
  if (!region) throw new Error('no app announcer');
  return region;
}

async function expectSaid(text: string) {
  await waitFor(() => expect(announcer()).toHaveTextContent(text));
}

describe('announcements', { timeout: 30_000 }, () => {
  it('says the same words again as a new node, so they are read twice', () => {
    render(<Announcer />);
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('role', 'status');
    act(() => announce('Note added'));
    const first = region.firstElementChild;
    act(() => announce('Note added'));
    expect(region).toHaveTextContent('Note added');
    expect(region.firstElementChild).not.toBe(first);
  });

  it('says the new status after a status change, with focus back on Change status', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'UPS alarm' });
    await user.click(screen.getByRole('button', { name: 'Change status' }));
    const dialog = screen.getByRole('dialog', { name: 'Change status' });
    await user.selectOptions(within(dialog).getByLabelText('New status'), 'in_progress');
    await user.type(within(dialog).getByLabelText('Assignee'), 'Ana Field');
    await user.click(within(dialog).getByRole('button', { name: 'Start work' }));
    await expectSaid('Status changed to In progress');
    expect(screen.getByRole('button', { name: 'Change status' })).toHaveFocus();
  });

  it('says a note was added', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Lift stuck' });
    await user.type(screen.getByLabelText('Work note'), 'Engineer called');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    await expectSaid('Note added');
  });

  it('says who the incident was escalated to', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Theatre generator failed' });
    await user.click(screen.getByRole('button', { name: 'Escalate' }));
    const dialog = screen.getByRole('dialog', { name: 'Escalate' });
    await user.selectOptions(within(dialog).getByLabelText('Manager level'), 'Duty manager');
    await user.type(within(dialog).getByLabelText('Escalation reason'), 'Patient safety risk');
    await user.click(within(dialog).getByRole('button', { name: 'Escalate incident' }));
    await expectSaid('Escalated to Duty manager');
  });

  it('says a communication was logged and a reply recorded', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Water main burst' });
    await user.click(screen.getByRole('button', { name: 'Log communication' }));
    const form = screen.getByRole('form', { name: 'Communication' });
    await user.type(within(form).getByLabelText('From'), 'Facility desk');
    await user.type(within(form).getByLabelText('To'), 'Ward 3');
    await user.type(within(form).getByLabelText('Message'), 'Water off at 14:00');
    await user.click(within(form).getByRole('button', { name: 'Save communication' }));
    await expectSaid('Communication logged');

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Water off at 14:00/)).closest('li')!;
    await user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    const reply = within(entry).getByRole('form', { name: 'Reply to the message' });
    await user.type(within(reply).getByLabelText('Reply'), 'Tanks filled');
    await user.click(within(reply).getByRole('button', { name: 'Save reply' }));
    await expectSaid('Reply recorded');
  });

  it('says a link and a checklist step were added (focus stays in the emptied box)', async () => {
    const { user, seed, openSeeded } = await renderDesk();
    const major = await seed({ title: 'Campus power outage' });
    await openSeeded({ title: 'Ward 3 lights out' });
    const links = screen.getByRole('region', { name: 'Links' });
    await user.type(within(links).getByLabelText('Incident number to link'), major.number);
    await user.click(within(links).getByRole('button', { name: 'Link incident' }));
    await expectSaid('Incident linked');

    const checklist = screen.getByRole('region', { name: /Checklist/ });
    await user.click(within(checklist).getByRole('button', { name: 'Add checklist step' }));
    const form = within(checklist).getByRole('form', { name: 'Add checklist step' });
    await user.type(within(form).getByLabelText('Step'), 'Check the emergency lights');
    await user.click(within(form).getByRole('button', { name: 'Add step' }));
    await expectSaid('Checklist step added');
  });

  it('says evidence was collected', async () => {
    const { user, openSeeded } = await renderDesk();
    await openSeeded({ title: 'Laptop stolen' });
    const evidence = screen.getByRole('region', { name: /^Evidence/ });
    await user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    const collect = within(evidence).getByRole('dialog', { name: 'Collect evidence' });
    await user.type(within(collect).getByLabelText('Item'), 'Laptop bag');
    await user.type(within(collect).getByLabelText('Collected by'), 'Ana Field');
    await user.type(within(collect).getByLabelText('Location'), 'Mail room');
    await user.click(within(collect).getByRole('button', { name: 'Collect item' }));
    await expectSaid('Evidence collected');
  });
});
