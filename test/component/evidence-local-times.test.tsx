// Evidence "Handled at" across the clocks' changes (Europe/Berlin): the repeated hour's pass, the skipped hour, a draft finished in New York.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getTimeline } from '../../renderer/db';
import { setCurrentUser } from '../../renderer/db/current-user';
import { stubObjectUrls } from './support/evidence-kit';
import { moveClockTo, nowIs, onClock, realTimeAfterEach } from './support/on-clock';
import { renderDesk } from './support/render-desk';

stubObjectUrls();
onClock('Europe/Berlin');
realTimeAfterEach();

async function collecting() {
  const desk = await renderDesk();
  await setCurrentUser(desk.db, { name: 'Ana Field', position: 'IT Security' });
  const incident = await desk.seed({ title: 'Ransomware on finance laptops', occurredAt: { utc: '2026-03-01T08:00:00.000Z', offsetMinutes: 60 } });
  await desk.user.click(await screen.findByRole('button', { name: 'Ransomware on finance laptops' }));
  const article = await screen.findByRole('article', { name: 'Ransomware on finance laptops' });
  const open = async () => {
    const evidence = within(article).getByRole('region', { name: /Evidence/ });
    await desk.user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    return within(evidence).getByRole('dialog', { name: 'Collect evidence' });
  };
  const custody = async () => (await getTimeline(desk.db, incident.id)).filter((event) => event.kind === 'custody');
  return { ...desk, open, custody };
}

describe('handled at on a clock that changes', { timeout: 40_000 }, () => {
  it('keeps the untouched "now" in the second pass of the repeated hour, and shows the pass', async () => {
    nowIs('2026-10-25T01:10:30Z');
    const { user, open, custody } = await collecting();
    const form = await open();
    expect(within(form).getByLabelText('Handled at')).toHaveValue('2026-10-25T02:10');
    expect(within(form).getByRole('radio', { name: 'second (UTC+01:00)' })).toBeChecked();
    expect(within(form).getByLabelText('Handled at')).toHaveAccessibleDescription('This computer’s time (UTC+01:00)');
    await user.type(within(form).getByLabelText('Item'), 'Laptop');
    await user.click(within(form).getByRole('button', { name: 'Collect item' }));
    await waitFor(async () => expect((await custody())[0]).toMatchObject({ handledAt: { utc: '2026-10-25T01:10:00.000Z', offsetMinutes: 60 } }));
  });

  it('refuses a skipped time, saying what to enter, and records nothing', async () => {
    nowIs('2026-03-29T10:00:00Z');
    const { user, open, custody } = await collecting();
    const form = await open();
    await user.type(within(form).getByLabelText('Item'), 'Laptop');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), '2026-03-29T02:30');
    await user.click(within(form).getByRole('button', { name: 'Collect item' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00.');
    expect(await custody()).toEqual([]);
  });

  it('says a draft time was typed on another clock, and keeps its moment and offset', async () => {
    nowIs('2026-11-26T09:00:00Z');
    const { user, open, custody } = await collecting();
    let form = await open();
    await user.type(within(form).getByLabelText('Item'), 'Laptop');
    await user.clear(within(form).getByLabelText('Handled at'));
    await user.type(within(form).getByLabelText('Handled at'), '2026-11-26T09:45');
    await user.keyboard('{Escape}');
    moveClockTo('America/New_York');
    nowIs('2026-11-26T15:00:00Z');
    form = await open();
    await waitFor(() => expect(within(form).getByLabelText('Handled at')).toHaveValue('2026-11-26T03:45'));
    expect(within(form).getByLabelText('Handled at')).toHaveAccessibleDescription(/^This computer’s time \(UTC−05:00\) Typed at UTC\+01:00 \(09:45 there\); shown in this computer’s time$/);
    await user.click(within(form).getByRole('button', { name: 'Collect item' }));
    await waitFor(async () => expect((await custody())[0]).toMatchObject({ handledAt: { utc: '2026-11-26T08:45:00.000Z', offsetMinutes: 60 } }));
  });
});
