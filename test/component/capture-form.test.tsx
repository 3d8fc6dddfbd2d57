// The capture form as a user meets it: required title, live priority, clear messages, safe text.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatZoned, toDateTimeLocalValue } from '../../renderer/features/format';
import { renderApp } from './support/render-app';

describe('capture form', () => {
  it('refuses an empty title with a clear message and records nothing', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByText(/Enter a title/)).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(await db.incidents.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it("saves with Ctrl+Enter from the description, and focus then starts at the new incident's title", async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Lift 3 stuck');
    await user.type(screen.getByLabelText('Description'), 'Two people inside.{Enter}Alarm answered.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByRole('heading', { level: 2, name: 'Lift 3 stuck' })).toHaveFocus();
    const [row] = await db.incidents.toArray();
    expect(row?.description).toBe('Two people inside.\nAlarm answered.');
  });

  it("after saving, focus starts at the new incident's title, not on the page", async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Lift 3 stuck');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    const heading = await screen.findByRole('heading', { level: 2, name: 'Lift 3 stuck' });
    expect(heading).toHaveFocus();
  });

  it('shows the priority live from impact × urgency', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    const priority = screen.getByRole('status', { name: 'Priority' });
    expect(priority).toHaveTextContent('P4 Low');
    await user.selectOptions(screen.getByLabelText('Impact'), '1 — High');
    expect(priority).toHaveTextContent('P3 Moderate');
    await user.selectOptions(screen.getByLabelText('Urgency'), '1 — High');
    expect(priority).toHaveTextContent('P1 Critical');
    await user.selectOptions(screen.getByLabelText('Impact'), '2 — Medium');
    expect(priority).toHaveTextContent('P2 High');
  });

  it('records an incident with every field and opens it with its timeline', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Chiller 2 tripped');
    await user.type(screen.getByLabelText('Description'), 'Alarm on BMS at plant room.');
    await user.selectOptions(screen.getByLabelText('Category'), 'Facility › HVAC');
    await user.type(screen.getByLabelText('Site'), 'Main campus / Block A / Plant room');
    await user.selectOptions(screen.getByLabelText('Impact'), '2 — Medium');
    await user.selectOptions(screen.getByLabelText('Urgency'), '1 — High');
    const occurredMs = Date.now() - 60 * 60_000;
    const detectedMs = Date.now() - 20 * 60_000;
    await user.clear(screen.getByLabelText('Occurred at'));
    await user.type(screen.getByLabelText('Occurred at'), toDateTimeLocalValue(occurredMs));
    await user.type(screen.getByLabelText('Detected at'), toDateTimeLocalValue(detectedMs));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));

    const detail = await screen.findByRole('article', { name: 'Chiller 2 tripped' });
    expect(within(detail).getByText('Facility › HVAC')).toBeInTheDocument();
    expect(within(detail).getByText('Main campus › Block A › Plant room')).toBeInTheDocument();
    const timeline = await within(detail).findByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/Incident recorded: Chiller 2 tripped/)).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'Incidents' });
    expect(within(table).getByRole('button', { name: 'Chiller 2 tripped' })).toBeInTheDocument();
    const stored = await db.incidents.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ title: 'Chiller 2 tripped', category: ['Facility', 'HVAC'], impact: 2, urgency: 1, priority: 2 });
    // Both times as typed (to the minute, local time), each with this computer's offset at that moment.
    const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
    expect(stored[0]?.occurredAt).toEqual({ utc: minute(occurredMs).toISOString(), offsetMinutes: -minute(occurredMs).getTimezoneOffset() || 0 });
    expect(stored[0]?.detectedAt).toEqual({ utc: minute(detectedMs).toISOString(), offsetMinutes: -minute(detectedMs).getTimezoneOffset() || 0 });
    const detected = within(detail).getByText('Detected').closest('div');
    expect(detected).toHaveTextContent(formatZoned(stored[0]!.detectedAt!));
    expect(await db.outbox.count()).toBe(1);
  });

  it('shows markup typed by a user as text, never as HTML', async () => {
    const { user, container } = await renderApp();
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), hostile.replace(/[{[]/g, '$&$&'));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await screen.findByRole('article', { name: hostile });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('refuses an absurd occurred-at year with a message and records nothing', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Typo in the date');
    const occurred = screen.getByLabelText('Occurred at');
    await user.clear(occurred);
    await user.type(occurred, '1900-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByText(/Year must be between/)).toBeInTheDocument();
    expect(await db.incidents.count()).toBe(0);
  });

  it('opens with N and closes with Escape, keeping focus on the title', async () => {
    const { user } = await renderApp();
    await user.keyboard('n');
    const title = await screen.findByLabelText('Title');
    expect(title).toHaveFocus();
    await user.type(title, 'n');
    expect(title).toHaveValue('n');
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
  });
});
