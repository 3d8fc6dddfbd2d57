// Reported at in the capture form: given when the report came in earlier than the typing, else the moment of saving; checked; kept in the draft.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatLocal, formatZoned, toDateTimeLocalValue } from '../../renderer/features/format';
import { renderApp } from './support/render-app';
import { freshCaptureDb, renderCapture } from './support/render-capture';

const MINUTE = 60_000;
/** The zoned time a datetime-local value of `ms` is stored as: to the minute, with this computer's offset then. */
const zonedMinute = (ms: number) => {
  const minute = new Date(Math.floor(ms / MINUTE) * MINUTE);
  return { utc: minute.toISOString(), offsetMinutes: -minute.getTimezoneOffset() || 0 };
};

/** jsdom never reports a partly typed date-time; Chromium does (validity.badInput, value ''). */
function markPartlyTyped(input: HTMLElement) {
  Object.defineProperty(input, 'validity', { configurable: true, value: { ...(input as HTMLInputElement).validity, badInput: true, valid: false } });
}

describe('capture: reported at', { timeout: 20_000 }, () => {
  it('keeps a typed reported-at and shows it in the detail, next to an unchanged recorded time', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Call about water in plant room');
    const occurredMs = Date.now() - 40 * MINUTE;
    const reportedMs = Date.now() - 15 * MINUTE;
    await user.clear(screen.getByLabelText('Occurred at'));
    await user.type(screen.getByLabelText('Occurred at'), toDateTimeLocalValue(occurredMs));
    await user.type(screen.getByLabelText('Reported at'), toDateTimeLocalValue(reportedMs));
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));

    const detail = await screen.findByRole('article', { name: 'Call about water in plant room' });
    const [stored] = await db.incidents.toArray();
    expect(stored?.reportedAt).toEqual(zonedMinute(reportedMs));
    // Recorded-at stays the clock's.
    expect(Date.parse(stored!.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    const row = within(detail).getByText('Reported', { selector: 'dt, dt *' }).closest('div');
    expect(row).toHaveTextContent(formatZoned(zonedMinute(reportedMs)));
  });

  it('says empty means now, and then records the moment of saving', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Reported as I type');
    const reported = screen.getByLabelText('Reported at');
    expect(reported).toHaveValue('');
    expect(reported).toHaveAccessibleDescription('Optional: empty means now, when you save');
    const before = Date.now();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(Date.parse(stored!.reportedAt.utc)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stored!.reportedAt.utc)).toBeLessThanOrEqual(Date.now());
    expect(stored!.reportedAt.utc).toBe(stored!.createdAt);
  });

  it('refuses a partly typed reported-at at its field, with the keyboard there, and stores nothing', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Half a date');
    const reported = screen.getByLabelText('Reported at');
    markPartlyTyped(reported);
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Finish the date and time it was reported, or clear every part of it.');
    expect(reported).toHaveAttribute('aria-invalid', 'true');
    expect(reported).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);
  });

  it('refuses a reported-at in the future as soon as it is typed and on save, then saves once it is cleared', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Clock says 2031');
    const reported = screen.getByLabelText('Reported at');
    await user.type(reported, '2031-06-01T10:00');
    expect(reported).toHaveAttribute('aria-invalid', 'true');
    expect(reported).toHaveAccessibleDescription(/^This is in the future \(.+\)\. Enter when it was actually reported; at most 5 minutes ahead/);
    expect(screen.getByLabelText('Occurred at')).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByLabelText('Title'));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(reported).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);

    await user.clear(reported);
    expect(reported).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('refuses a reported-at before the occurred-at, naming it; moving the occurred-at earlier clears the message', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Alarm panel fault');
    const occurred = screen.getByLabelText('Occurred at');
    const reported = screen.getByLabelText('Reported at');
    const occurredMs = Math.floor((Date.now() - 30 * MINUTE) / MINUTE) * MINUTE;
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(occurredMs));
    await user.type(reported, toDateTimeLocalValue(Date.now() - 60 * MINUTE));
    expect(reported).toHaveAccessibleDescription(
      `Reported at is before Occurred at (${formatLocal(new Date(occurredMs).toISOString())}). Enter a later time, correct Occurred at, or leave Reported at empty for the time you save.`,
    );
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(reported).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();

    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() - 90 * MINUTE));
    expect(reported).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('accepts a reported-at before the detected-at (reported first, then detected by the organisation)', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Neighbour phoned about smoke');
    await user.clear(screen.getByLabelText('Occurred at'));
    await user.type(screen.getByLabelText('Occurred at'), toDateTimeLocalValue(Date.now() - 60 * MINUTE));
    const reportedMs = Date.now() - 50 * MINUTE;
    await user.type(screen.getByLabelText('Reported at'), toDateTimeLocalValue(reportedMs));
    await user.type(screen.getByLabelText('Detected at'), toDateTimeLocalValue(Date.now() - 20 * MINUTE));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect((await db.incidents.toArray())[0]?.reportedAt).toEqual(zonedMinute(reportedMs));
  });

  it('keeps a typed reported-at in the draft across a reload', async () => {
    const db = await freshCaptureDb();
    const { user, unmount } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Phone call 02:10');
    const typed = toDateTimeLocalValue(Date.now() - 15 * MINUTE);
    await user.type(screen.getByLabelText('Reported at'), typed);
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.reportedAt).toBe(typed));
    unmount();
    renderCapture(db);
    expect(await screen.findByDisplayValue('Phone call 02:10')).toBe(screen.getByLabelText('Title'));
    expect(screen.getByLabelText('Reported at')).toHaveValue(typed);
  });

  it('makes a draft of a form where only the reported-at was typed', async () => {
    const db = await freshCaptureDb();
    const { user, unmount } = renderCapture(db);
    const typed = toDateTimeLocalValue(Date.now() - 5 * MINUTE);
    await user.type(screen.getByLabelText('Reported at'), typed);
    unmount();
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.reportedAt).toBe(typed));
  });
});
