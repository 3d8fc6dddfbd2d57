// A year typed too long (202610) or out of 1990–2200 in any date-time field: the field is bounded, the message says what to type, nothing is saved.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { getTimeline } from '../../renderer/db';
import { editSlaPolicies } from '../../renderer/db/sla-policies';
import { replacePolicy, SEED_SLA_POLICIES } from '../../shared/domain';
import { stubObjectUrls } from './support/evidence-kit';
import { nowIs, onClock, realTimeAfterEach } from './support/on-clock';
import { freshCaptureDb, renderCapture } from './support/render-capture';
import { renderDesk } from './support/render-desk';

stubObjectUrls();
onClock('Europe/Berlin');
realTimeAfterEach();

const SIX_DIGITS = 'Year must be between 1990 and 2200 (got 202610): type the year with four digits, such as 2026.';
const DEVELOPER_WORDS = /ISO|8601|UTC instant|T\d\d:\d\d:\d\dZ/;

function expectBounded(field: HTMLElement) {
  expect(field).toHaveAttribute('min', '1990-01-01T00:00');
  expect(field).toHaveAttribute('max', '2200-12-31T23:59');
}

async function retype(user: ReturnType<typeof renderCapture>['user'], field: HTMLElement, text: string) {
  await user.clear(field);
  await user.type(field, text);
}

describe('date-time fields and a year that is not one', { timeout: 40_000 }, () => {
  it('capture: bounds all three times, says at once that a six-digit year is wrong, and saves nothing', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    for (const label of ['Occurred at', 'Detected at', 'Reported at']) expectBounded(screen.getByLabelText(label));
    await user.type(screen.getByLabelText('Title'), 'Chiller alarm');
    const occurred = screen.getByLabelText('Occurred at');
    await retype(user, occurred, '202610-11-28T05:48');
    // Said while typing, before any save.
    expect(await screen.findByRole('alert')).toHaveTextContent(SIX_DIGITS);
    expect(occurred).toHaveAttribute('aria-invalid', 'true');
    expect(occurred).toHaveAccessibleDescription(SIX_DIGITS);
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(SIX_DIGITS);
    expect(document.body).not.toHaveTextContent(DEVELOPER_WORDS);
    expect(await db.incidents.count()).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();

    // The same for an optional time.
    await retype(user, screen.getByLabelText('Detected at'), '202610-11-28T10:05');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(screen.getByLabelText('Detected at')).toHaveAccessibleDescription(SIX_DIGITS);
    expect(await db.incidents.count()).toBe(0);
  });

  it('incident view: Edit Detected with a six-digit year says so (not "finish the date"), and changes nothing', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Lift stuck', occurredAt: { utc: '2026-11-28T08:00:00.000Z', offsetMinutes: 60 } });
    await user.click(screen.getByRole('button', { name: 'Edit Detected' }));
    const field = screen.getByLabelText('Detected');
    expectBounded(field);
    await user.type(field, '202610-11-28T10:05');
    await user.click(screen.getByRole('button', { name: 'Save Detected' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(SIX_DIGITS);
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(document.body).not.toHaveTextContent(DEVELOPER_WORDS);
    expect((await db.incidents.get(incident.id))?.detectedAt ?? null).toBeNull();
  });

  it('incident view: a required time with an early year gets the year message with what to do', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const { user, openSeeded, db } = await renderDesk();
    const incident = await openSeeded({ title: 'Door forced', occurredAt: { utc: '2026-11-28T08:00:00.000Z', offsetMinutes: 60 } });
    await user.click(screen.getByRole('button', { name: 'Edit Occurred' }));
    const field = screen.getByLabelText('Occurred');
    await retype(user, field, '1900-11-28T10:05');
    await user.click(screen.getByRole('button', { name: 'Save Occurred' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Year must be between 1990 and 2200 (got 1900): correct the year.');
    expect((await db.incidents.get(incident.id))?.occurredAt.utc).toBe('2026-11-28T08:00:00.000Z');
  });

  it('reply received: bounded, the year message on save, no reply recorded', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Water main burst', occurredAt: { utc: '2026-11-28T08:00:00.000Z', offsetMinutes: 60 } });
    await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3', channel: 'Radio', message: 'Water off at 14:00' });
    await desk.user.click(await screen.findByRole('button', { name: 'Water main burst' }));
    const article = await screen.findByRole('article', { name: 'Water main burst' });
    const entry = (await within(within(article).getByRole('list', { name: 'Timeline' })).findByText(/Water off at 14:00/)).closest('li')!;
    await desk.user.click(within(entry).getByRole('button', { name: /^Record reply to:/ }));
    const form = within(entry).getByRole('form', { name: 'Reply to the message' });
    await desk.user.type(within(form).getByLabelText('Reply'), 'Tanks filled');
    const received = within(form).getByLabelText('Reply received');
    expectBounded(received);
    await retype(desk.user, received, '202610-11-28T10:05');
    await desk.user.click(within(form).getByRole('button', { name: 'Save reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(SIX_DIGITS);
    expect((await getTimeline(desk.db, incident.id)).some((event) => event.kind === 'communication_reply')).toBe(false);
  });

  it('evidence handled at: bounded, the year message on save, no custody recorded', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const desk = await renderDesk();
    const incident = await desk.seed({ title: 'Ransomware on finance laptops', occurredAt: { utc: '2026-11-28T08:00:00.000Z', offsetMinutes: 60 } });
    await desk.user.click(await screen.findByRole('button', { name: 'Ransomware on finance laptops' }));
    const article = await screen.findByRole('article', { name: 'Ransomware on finance laptops' });
    const evidence = within(article).getByRole('region', { name: /Evidence/ });
    await desk.user.click(within(evidence).getByRole('button', { name: 'Collect evidence' }));
    const form = within(evidence).getByRole('dialog', { name: 'Collect evidence' });
    await desk.user.type(within(form).getByLabelText('Item'), 'Laptop');
    const handled = within(form).getByLabelText('Handled at');
    expectBounded(handled);
    await retype(desk.user, handled, '202610-11-28T10:05');
    await desk.user.click(within(form).getByRole('button', { name: 'Collect item' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(SIX_DIGITS);
    expect((await getTimeline(desk.db, incident.id)).some((event) => event.kind === 'custody')).toBe(false);
  });

  it('activity log period: both ends bounded, a six-digit year refused with what to type, nothing copied', async () => {
    nowIs('2026-11-28T09:48:00Z');
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Generator B failed' });
    await desk.services.incidents.addNote(incident.id, 'Fuel level read at 40 %');
    await within(await screen.findByRole('list', { name: 'Timeline' })).findByText('Fuel level read at 40 %');
    await desk.user.click(screen.getByRole('button', { name: 'Activity log' }));
    const dialog = screen.getByRole('dialog', { name: 'Activity log (HICS 214)' });
    await desk.user.click(within(dialog).getByRole('checkbox', { name: 'Up to now' }));
    expectBounded(within(dialog).getByLabelText('From'));
    expectBounded(within(dialog).getByLabelText('To'));
    await retype(desk.user, within(dialog).getByLabelText('From'), '202610-11-28T05:00');
    await desk.user.click(within(dialog).getByRole('button', { name: 'Copy activity log' }));
    await waitFor(() => expect(within(dialog).getAllByRole('alert').map((alert) => alert.textContent).join(' ')).toContain(SIX_DIGITS));
    expect(writeText).not.toHaveBeenCalled();
  });

  it('find filters: the recorded dates are bounded, and a year out of range is said at the field, not an empty list to puzzle over', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Generator failed' });
    await desk.user.click(screen.getByRole('button', { name: 'Filters' }));
    const from = screen.getByLabelText('Recorded from');
    const to = screen.getByLabelText('Recorded to');
    for (const field of [from, to]) {
      expect(field).toHaveAttribute('min', '1990-01-01');
      expect(field).toHaveAttribute('max', '2200-12-31');
    }
    await desk.user.type(to, '2999-01-01');
    expect(await screen.findByRole('alert')).toHaveTextContent('Year must be between 1990 and 2200 (got 2999) in ‘To’: correct the year.');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    // Swapping would not help: it is not offered.
    expect(screen.queryByRole('button', { name: 'Swap dates' })).toBeNull();
  });

  it('SLA holidays: the holiday date field is bounded to the same years', async () => {
    const desk = await renderDesk();
    const calendar = { timeZone: 'Europe/Berlin', windows: [{ days: ['mon' as const], from: '08:00', to: '17:00' }], holidays: [] };
    const edited = await editSlaPolicies(desk.services.db, (set) => replacePolicy(set, { ...SEED_SLA_POLICIES[0]!, calendar }));
    expect(edited.ok).toBe(true);
    await desk.user.click(screen.getByRole('button', { name: 'SLA policies' }));
    const dialog = screen.getByRole('dialog', { name: 'SLA policy settings' });
    const form = await within(dialog).findByRole('form', { name: 'Edit Gold' });
    const date = within(form).getByLabelText('Holiday date');
    expect(date).toHaveAttribute('min', '1990-01-01');
    expect(date).toHaveAttribute('max', '2200-12-31');
  });
});
