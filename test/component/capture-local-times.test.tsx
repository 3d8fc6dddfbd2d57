// Capture times across the clocks' changes (Europe/Berlin): the repeated hour, the skipped hour, and a draft finished in another zone.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshCaptureDb, renderCapture, unmountAsReload } from './support/render-capture';
import { moveClockTo, nowIs, onClock, realTimeAfterEach } from './support/on-clock';

onClock('Europe/Berlin');
realTimeAfterEach();

describe('capture times on a clock that changes', { timeout: 30_000 }, () => {
  it('stores an untouched default time in the second pass of the repeated hour as that moment, and shows which pass it is', async () => {
    nowIs('2026-10-25T01:10:20Z'); // 02:10 CET, the second 02:10 of the night
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    expect(screen.getByLabelText('Occurred at')).toHaveValue('2026-10-25T02:10');
    const passes = screen.getByRole('group', { name: '02:10 happened twice:' });
    expect(within(passes).getByRole('radio', { name: 'second (UTC+01:00)' })).toBeChecked();
    await user.type(screen.getByLabelText('Title'), 'Fall-back night leak');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(stored!.occurredAt).toEqual({ utc: '2026-10-25T01:10:00.000Z', offsetMinutes: 60 });
  });

  it('asks which pass a typed repeated time means, saves nothing until chosen, then stores the chosen one', async () => {
    nowIs('2026-10-25T09:00:00Z');
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Pump noise');
    const occurred = screen.getByLabelText('Occurred at');
    await user.clear(occurred);
    await user.type(occurred, '2026-10-25T02:45');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('02:45 happened twice on 25 Oct 2026 (the clocks went back): choose the first (UTC+02:00) or the second (UTC+01:00) under the field.');
    expect(occurred).toHaveAttribute('aria-invalid', 'true');
    expect(await db.incidents.count()).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: 'first (UTC+02:00)' }));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(stored!.occurredAt).toEqual({ utc: '2026-10-25T00:45:00.000Z', offsetMinutes: 120 });
  });

  it('refuses a time the clocks skipped, saying what to enter, and saves nothing', async () => {
    nowIs('2026-03-29T10:00:00Z');
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Gap time');
    const detected = screen.getByLabelText('Detected at');
    await user.type(detected, '2026-03-29T02:30');
    const message = '02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00. Enter 03:00 or later, or 01:59 or earlier.';
    expect(detected).toHaveAccessibleDescription(message);
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(detected).toHaveAttribute('aria-invalid', 'true');
    expect(detected).toHaveFocus();
    expect(await db.incidents.count()).toBe(0);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('keeps the moments of a draft typed in Berlin when it is finished in New York, and says so at the fields', async () => {
    nowIs('2026-11-26T09:00:00Z');
    const db = await freshCaptureDb();
    const first = renderCapture(db);
    await first.user.type(screen.getByLabelText('Title'), 'Boiler pressure drop');
    await first.user.clear(screen.getByLabelText('Occurred at'));
    await first.user.type(screen.getByLabelText('Occurred at'), '2026-11-25T22:15');
    await first.user.type(screen.getByLabelText('Detected at'), '2026-11-25T22:40');
    await unmountAsReload(first, db);
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.detectedAt).toBe('2026-11-25T22:40'));

    moveClockTo('America/New_York');
    nowIs('2026-11-26T15:00:00Z');
    const second = renderCapture(db);
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Boiler pressure drop'));
    expect(screen.getByLabelText('Occurred at')).toHaveValue('2026-11-25T16:15');
    expect(screen.getByLabelText('Detected at')).toHaveValue('2026-11-25T16:40');
    expect(screen.getByLabelText('Occurred at')).toHaveAccessibleDescription('Typed at UTC+01:00 (22:15 there); shown in this computer’s time');
    await second.user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(second.onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(stored!.occurredAt).toEqual({ utc: '2026-11-25T21:15:00.000Z', offsetMinutes: 60 });
    expect(stored!.detectedAt).toEqual({ utc: '2026-11-25T21:40:00.000Z', offsetMinutes: 60 });
  });

  it('restores a draft kept before drafts held the moment as its text, as before', async () => {
    nowIs('2026-11-26T15:00:00Z');
    const db = await freshCaptureDb();
    await db.drafts.put({ id: 'old-draft', updatedAt: '2026-11-26T09:00:00.000Z', values: { title: 'Old draft', description: '', category: '', site: '', impact: 3, urgency: 3, occurredAt: '2026-11-25T22:15', detectedAt: '', reportedAt: '', templateId: '', exercise: null } });
    const { user, onSaved } = renderCapture(db);
    await waitFor(() => expect(screen.getByLabelText('Title')).toHaveValue('Old draft'));
    expect(screen.getByLabelText('Occurred at')).toHaveValue('2026-11-25T22:15');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(stored!.occurredAt).toEqual({ utc: '2026-11-25T21:15:00.000Z', offsetMinutes: 60 });
  });
});
