// Capture limits a person can hit by accident: a time in the future, detected before occurred, and a pasted title over 200 characters.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/domain';
import { formatLocal, toDateTimeLocalValue } from '../../renderer/features/format';
import { freshCaptureDb, renderCapture, unmountAsReload } from './support/render-capture';

describe('capture: occurred-at in the future', { timeout: 15_000 }, () => {
  it('refuses a time years ahead with a message next to the field, and stores nothing', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Clock says 2031');
    const occurred = screen.getByLabelText('Occurred at');
    await user.clear(occurred);
    await user.type(occurred, '2031-06-01T10:00');
    // Said as soon as it is entered…
    expect(occurred).toHaveAttribute('aria-invalid', 'true');
    expect(occurred).toHaveAccessibleDescription(/in the future.*at most 5 minutes ahead/);
    // …and saving is refused.
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/This is in the future/);
    expect(occurred).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);

    // Back to a real time: the message goes and the incident saves.
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() - 10 * 60_000));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('accepts a time a couple of minutes ahead (clock differences between devices)', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Watch is a bit fast');
    const occurred = screen.getByLabelText('Occurred at');
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() + 2 * 60_000));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });
});

describe('capture: detected-at (optional)', { timeout: 15_000 }, () => {
  it('saves with no detected-at as "not recorded" (null)', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Noticed at once');
    expect(screen.getByLabelText('Detected at')).toHaveValue('');
    expect(screen.getByLabelText('Detected at')).toHaveAccessibleDescription(/Optional/);
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect((await db.incidents.toArray())[0]?.detectedAt).toBeNull();
  });

  it('refuses a detected-at in the future like an occurred-at, at its own field, and stores nothing', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Clock says 2031');
    const detected = screen.getByLabelText('Detected at');
    await user.type(detected, '2031-06-01T10:00');
    expect(detected).toHaveAttribute('aria-invalid', 'true');
    expect(detected).toHaveAccessibleDescription(/in the future.*Enter when it was actually detected.*at most 5 minutes ahead/);
    expect(screen.getByLabelText('Occurred at')).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(detected).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);

    // Clearing it (not known) is always fine.
    await user.clear(detected);
    expect(detected).not.toHaveAttribute('aria-invalid');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });

  it('refuses a detected-at before the occurred-at, naming both times and what to do; correcting either time clears it', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Chiller alarm');
    const occurred = screen.getByLabelText('Occurred at');
    const detected = screen.getByLabelText('Detected at');
    await user.clear(occurred);
    const occurredMs = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;
    await user.type(occurred, toDateTimeLocalValue(occurredMs));
    await user.type(detected, toDateTimeLocalValue(Date.now() - 90 * 60_000));
    expect(detected).toHaveAttribute('aria-invalid', 'true');
    expect(detected).toHaveAccessibleDescription(
      `Detected at is before Occurred at (${formatLocal(new Date(occurredMs).toISOString())}). Enter a later time, correct Occurred at, or leave Detected at empty if not known.`,
    );
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/^Detected at is before Occurred at/);
    expect(detected).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);

    // The mistake was the occurred-at: moving it earlier clears the message at Detected at.
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() - 120 * 60_000));
    expect(detected).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
    // …and moving it after the detected-at again says so again.
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() - 10 * 60_000));
    expect(detected).toHaveAttribute('aria-invalid', 'true');
    await user.clear(occurred);
    await user.type(occurred, toDateTimeLocalValue(Date.now() - 120 * 60_000));
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    const [stored] = await db.incidents.toArray();
    expect(Date.parse(stored!.detectedAt!.utc) - Date.parse(stored!.occurredAt.utc)).toBeGreaterThan(0);
  });

  it('keeps a typed detected-at in the draft', async () => {
    const db = await freshCaptureDb();
    const { user, unmount } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Power dip');
    const typed = toDateTimeLocalValue(Date.now());
    await user.type(screen.getByLabelText('Detected at'), typed);
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.detectedAt).toBe(typed));
    await unmountAsReload({ unmount }, db);
    renderCapture(db);
    expect(await screen.findByDisplayValue('Power dip')).toBe(screen.getByLabelText('Title'));
    expect(screen.getByLabelText('Detected at')).toHaveValue(typed);
  });
});

describe('capture: several problems at once', { timeout: 15_000 }, () => {
  it('keeps every problem at its own field after Save (a long title does not hide a future time)', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.click(screen.getByLabelText('Title'));
    await user.paste('y'.repeat(201));
    const occurred = screen.getByLabelText('Occurred at');
    await user.clear(occurred);
    await user.type(occurred, '2031-06-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(screen.getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
    expect(occurred).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getAllByRole('alert')).toHaveLength(2);
    expect(screen.getByLabelText('Title')).toHaveFocus();
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe('capture: title length', { timeout: 15_000 }, () => {
  it('shows a live counter near the limit', async () => {
    const db = await freshCaptureDb();
    const { user } = renderCapture(db);
    const title = screen.getByLabelText('Title');
    await user.type(title, 'Short title');
    expect(screen.queryByText(/\/ 200 characters/)).toBeNull();
    await user.clear(title);
    await user.click(title);
    await user.paste('x'.repeat(170));
    expect(title).toHaveAccessibleDescription('170 / 200 characters');
    await user.type(title, 'yz');
    expect(screen.getByText('172 / 200 characters')).toBeInTheDocument();
    expect(title).not.toHaveAttribute('aria-invalid');
  });

  it('keeps a pasted 636-character title whole, says it is too long, refuses to save, and offers to move the rest', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    const words = Array.from({ length: 106 }, (_, i) => `word${String(i).padStart(2, '0')}`).join(' ').slice(0, 636);
    expect(words).toHaveLength(636);
    const title = screen.getByLabelText('Title');
    await user.click(title);
    await user.paste(words);
    // Not silently cut to 200.
    expect(title).toHaveValue(words);
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('636 / 200 characters')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The title is 636 characters; titles are limited to 200. Shorten it by 436');

    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(onSaved).not.toHaveBeenCalled();
    expect(await db.incidents.count()).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Move the extra text to Description' }));
    const kept = (title as HTMLInputElement).value;
    expect(kept.length).toBeLessThanOrEqual(LIMITS.title);
    expect(words.startsWith(kept)).toBe(true);
    expect(`${kept} ${(screen.getByLabelText('Description') as HTMLTextAreaElement).value}`).toBe(words);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
  });
});
