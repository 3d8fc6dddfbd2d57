// An automatic alert in the timeline reads as one: its own label and filter choice, no Record reply, still correctable.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../renderer/db/clock';
import { applyDueEscalation } from '../../renderer/db/system-changes';
import { dueEscalations, SEED_ESCALATION_RULES, SEED_SLA_POLICIES } from '../../shared/domain';
import { renderDesk } from './support/render-desk';

const MIN = 60_000;

/** A P1 incident with a message a person logged and the alert the seed rule records for the commander at 75 %. */
async function withAlert() {
  const desk = await renderDesk();
  const incident = await desk.openSeeded({ title: 'Generator B failed', impact: 1, urgency: 1 });
  const logged = await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' });
  if (!logged.ok) throw new Error(logged.error.message);
  const events = await desk.db.timeline.where('incidentId').equals(incident.id).toArray();
  const due = dueEscalations(incident, events, SEED_SLA_POLICIES[0]!, SEED_ESCALATION_RULES, Date.now() + 50 * MIN).find((d) => d.rule.action.kind === 'notify_role');
  if (!due) throw new Error('expected the commander alert to be due');
  const written = await applyDueEscalation(desk.db, systemClock, due);
  if (!written.ok || !written.value.applied) throw new Error('the alert was not written');
  const timeline = await screen.findByRole('list', { name: 'Timeline' });
  const alert = (await within(timeline).findByText(/^Automatic alert for Incident commander \(none named yet\)/)).closest('li')!;
  const message = (await within(timeline).findByText(/Water off at 14:00/)).closest('li')!;
  return { ...desk, timeline, alert, message };
}

describe('automatic alert in the timeline', { timeout: 20_000 }, () => {
  it('is labelled an automatic alert, offers no Record reply, and keeps Correct', async () => {
    const { alert, message } = await withAlert();
    expect(within(alert).getByText('Automatic alert', { exact: true })).toBeInTheDocument();
    expect(within(alert).queryByText('Communication', { exact: true })).toBeNull();
    expect(alert).toHaveTextContent('Lantern (automatic)');
    expect(within(alert).queryByRole('button', { name: /^Record reply/ })).toBeNull();
    expect(within(alert).getByRole('button', { name: /^Correct entry: Automatic alert for Incident commander \(none named yet\)/ })).toBeInTheDocument();
    // A message a person logged is still a communication one can answer.
    expect(within(message).getByText('Communication', { exact: true })).toBeInTheDocument();
    expect(within(message).getByRole('button', { name: /^Record reply to: .*Water off at 14:00/ })).toBeInTheDocument();
  });

  it('has a filter choice of its own: Communication lists the messages people logged, Automatic alert the alerts', async () => {
    const { user, timeline } = await withAlert();
    const filter = screen.getByLabelText('Filter timeline');
    expect(within(filter).getByRole('option', { name: 'Communication (1)' })).toBeInTheDocument();
    expect(within(filter).getByRole('option', { name: 'Automatic alert (1)' })).toBeInTheDocument();

    await user.selectOptions(filter, 'Communication (1)');
    await waitFor(() => expect(within(timeline).getAllByRole('listitem')).toHaveLength(1));
    expect(within(timeline).getByRole('listitem')).toHaveTextContent('Water off at 14:00');

    await user.selectOptions(filter, 'Automatic alert (1)');
    await waitFor(() => expect(within(timeline).getByRole('listitem')).toHaveTextContent(/Automatic alert for Incident commander/));
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(1);
  });

  it('a correction of it names it as an automatic alert, and the alert itself stays', async () => {
    const { user, timeline, alert } = await withAlert();
    await user.click(within(alert).getByRole('button', { name: /^Correct entry:/ }));
    await user.type(within(alert).getByLabelText('Correction'), 'Priority was P1 by mistake; it is P3.');
    await user.click(within(alert).getByRole('button', { name: 'Save correction' }));
    const correction = (await within(timeline).findByText('Priority was P1 by mistake; it is P3.', { selector: '.timeline-body' })).closest('li')!;
    expect(correction).toHaveTextContent(/Corrects: Automatic alert of .* — Automatic alert for Incident commander/);
    await waitFor(() => expect(within(timeline).getByText(/^Automatic alert for Incident commander/).closest('li')).toHaveTextContent('Corrected'));
  });
});
