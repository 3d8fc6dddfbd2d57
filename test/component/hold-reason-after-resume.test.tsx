// A hold reason left on an incident that is no longer on hold (a reason change merged after another laptop resumed work) is not shown as current.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toIncidentRow } from '../../renderer/db/incident-row';
import { renderDesk } from './support/render-desk';

describe('hold reason in the detail', { timeout: 20_000 }, () => {
  it('shows only while the incident is on hold', async () => {
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Chiller 2 tripped' });
    // What a merge can leave: laptop A resumed work, laptop B changed the reason with a later stamp.
    await desk.db.incidents.put(toIncidentRow({ ...incident, status: 'in_progress', team: 'Facilities', holdReason: 'Awaiting parts' }));
    await desk.user.click(await screen.findByRole('button', { name: 'Chiller 2 tripped' }));
    const article = await screen.findByRole('article', { name: 'Chiller 2 tripped' });
    await within(article).findByText('Team', { selector: 'dt' });
    expect(within(article).queryByText('Hold reason', { selector: 'dt' })).toBeNull();
    expect(within(article).queryByText('Awaiting parts')).toBeNull();

    await desk.db.incidents.put(toIncidentRow({ ...incident, status: 'on_hold', team: 'Facilities', holdReason: 'Awaiting parts' }));
    expect(await within(article).findByText('Awaiting parts', { selector: 'dd' })).toBeInTheDocument();
  });
});
