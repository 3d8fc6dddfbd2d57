// Capture limits a person can hit by accident: an occurred-at in the future, and a pasted title longer than 200 characters.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/domain';
import { toDateTimeLocalValue } from '../../renderer/features/format';
import { freshCaptureDb, renderCapture } from './support/render-capture';

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
