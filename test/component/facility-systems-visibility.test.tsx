// Facility systems (HICS 251) shows on Facility incidents and wherever a snapshot exists; elsewhere it waits behind "Record facility system status".
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSystemStatusRepository } from '../../renderer/db/system-status';
import { renderDesk } from './support/render-desk';

const OFFER = 'Record facility system status';

const jumpTargets = () => within(screen.getByRole('navigation', { name: 'Incident sections' })).queryAllByRole('button').map((b) => b.textContent);

describe('facility systems section visibility', { timeout: 20_000 }, () => {
  it('shows on a Facility incident, with its own Record button and no extra offer', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Main breaker tripped', category: ['Facility', 'Power & utility failure'] });
    const article = screen.getByRole('article', { name: 'Main breaker tripped' });
    const section = within(article).getByRole('region', { name: 'Facility systems' });
    expect(within(section).getByRole('button', { name: 'Record system status' })).toBeInTheDocument();
    expect(within(article).queryByRole('button', { name: OFFER })).toBeNull();
    await waitFor(() => expect(jumpTargets()).toContain('Systems'));
  });

  it('waits behind a button on an IT incident; the button opens the form, Cancel puts it back and focus returns to it', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Email server down', category: ['IT', 'Software'] });
    const article = screen.getByRole('article', { name: 'Email server down' });
    expect(within(article).queryByRole('region', { name: 'Facility systems' })).toBeNull();
    await waitFor(() => expect(jumpTargets()).not.toContain('Systems'));

    const offer = within(article).getByRole('button', { name: OFFER });
    await desk.user.click(offer);
    const section = within(article).getByRole('region', { name: 'Facility systems' });
    const form = within(section).getByRole('form', { name: 'Record system status' });
    await waitFor(() => expect(within(form).getByLabelText('Normal power state')).toHaveFocus());

    await desk.user.click(within(form).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(article).queryByRole('region', { name: 'Facility systems' })).toBeNull());
    await waitFor(() => expect(within(article).getByRole('button', { name: OFFER })).toHaveFocus());
  });

  it('an uncategorised incident offers it too, and a saved snapshot keeps the section on screen', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Strange smell in corridor' });
    const article = screen.getByRole('article', { name: 'Strange smell in corridor' });
    await desk.user.click(within(article).getByRole('button', { name: OFFER }));
    const section = within(article).getByRole('region', { name: 'Facility systems' });
    const form = within(section).getByRole('form', { name: 'Record system status' });
    await desk.user.selectOptions(within(form).getByLabelText('Ventilation and air conditioning state'), 'Partially functional');
    await desk.user.type(within(form).getByLabelText('Ventilation and air conditioning reason'), 'Fan belt worn');
    await desk.user.click(within(form).getByRole('button', { name: 'Save snapshot' }));
    expect(await within(section).findByText(/1 partial/)).toBeInTheDocument();
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Record system status' })).toHaveFocus());
    expect(within(article).queryByRole('button', { name: OFFER })).toBeNull();
  });

  it('shows on an IT incident that already has a snapshot: recorded data is never hidden', async () => {
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Server room too warm', category: ['IT', 'Hardware'] });
    const recorded = await createSystemStatusRepository(desk.services.db).record(incident.id, [{ system: 'HVAC', state: 'non_functional', reason: 'Chiller off' }]);
    expect(recorded.ok).toBe(true);
    await desk.user.click(await screen.findByRole('button', { name: 'Server room too warm' }));
    const article = await screen.findByRole('article', { name: 'Server room too warm' });
    const section = await within(article).findByRole('region', { name: 'Facility systems' });
    expect(within(section).getByText(/1 non-functional/)).toBeInTheDocument();
    expect(within(article).queryByRole('button', { name: OFFER })).toBeNull();
  });

  it('an unsaved draft from that form is said next to the button, and the button brings it back', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'UPS alarm in data centre', category: ['IT', 'Hardware'] });
    const article = screen.getByRole('article', { name: 'UPS alarm in data centre' });
    await desk.user.click(within(article).getByRole('button', { name: OFFER }));
    const form = within(article).getByRole('form', { name: 'Record system status' });
    await desk.user.type(within(form).getByLabelText('Normal power reason'), 'Mains flickering');
    await desk.user.click(within(form).getByRole('button', { name: 'Cancel' }));
    const offer = await within(article).findByRole('button', { name: OFFER });
    await waitFor(() => expect(offer).toHaveAccessibleDescription('Unsaved draft kept'));
    await desk.user.click(offer);
    const section = within(article).getByRole('region', { name: 'Facility systems' });
    expect(await within(section).findByText(/Draft restored/)).toBeInTheDocument();
    expect(within(section).getByLabelText('Normal power reason')).toHaveValue('Mains flickering');
  });

  it('offers nothing to record on a closed IT incident without a snapshot', async () => {
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Wi-Fi slow', category: ['IT', 'Network'] });
    const resolved = await desk.services.incidents.changeStatus(incident.id, 'resolved', { resolutionCode: 'Fixed', resolutionNotes: 'Access point rebooted.' });
    expect(resolved.ok).toBe(true);
    expect((await desk.services.incidents.changeStatus(incident.id, 'closed')).ok).toBe(true);
    await desk.user.click(await screen.findByRole('button', { name: 'Wi-Fi slow' }));
    const article = await screen.findByRole('article', { name: 'Wi-Fi slow' });
    expect(within(article).queryByRole('region', { name: 'Facility systems' })).toBeNull();
    expect(within(article).queryByRole('button', { name: OFFER })).toBeNull();
  });
});
