// Capture drafts at the edges: typing while the form saves must not bring the saved draft back; a refused draft write is tried again.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { freshCaptureDb, renderCapture } from './support/render-capture';

/** The save's answer reaches the form only when the test opens this gate (its transaction has committed by then). */
const gate = vi.hoisted(() => {
  let open: () => void = () => {};
  let wait: Promise<void> = Promise.resolve();
  return {
    close: () => {
      wait = new Promise<void>((resolve) => (open = resolve));
    },
    open: () => open(),
    wait: () => wait,
  };
});

vi.mock('../../renderer/db/attachments-record', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../renderer/db/attachments-record')>();
  return {
    ...real,
    createCaptureRecorder: (...args: Parameters<typeof real.createCaptureRecorder>) => {
      const record = real.createCaptureRecorder(...args);
      return async (...call: Parameters<typeof record>) => {
        const result = await record(...call);
        await gate.wait();
        return result;
      };
    },
  };
});

describe('typing while the capture form saves', () => {
  it('takes no typing and leaves no draft behind once the incident is saved', async () => {
    const db = await freshCaptureDb();
    const { user, onSaved } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Lift stuck at level 3');
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));
    gate.close();
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    await waitFor(async () => expect(await db.incidents.count()).toBe(1));
    expect(await db.drafts.count()).toBe(0);
    // The save has committed (and deleted the draft) but has not answered the form yet: typing now is refused, and
    // nothing is written when the autosave delay passes.
    const description = screen.getByLabelText('Description');
    // Said as read-only (a screen reader announces it), not keystrokes vanishing.
    expect(description).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Title')).toHaveAttribute('readonly');
    await user.type(description, 'Two people inside');
    expect(description).toHaveValue('');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.drafts.count()).toBe(0);
    gate.open();
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.drafts.count()).toBe(0);
  });
});

describe('a draft write the database refuses', () => {
  it('says so and writes the same text when the field is left, once storage takes it again', async () => {
    const db = await freshCaptureDb();
    const refuse = () => {
      throw new DOMException('The disk is full', 'QuotaExceededError');
    };
    db.drafts.hook('creating', refuse);
    const { user } = renderCapture(db);
    await user.type(screen.getByLabelText('Title'), 'Boiler pressure low');
    expect(await screen.findByRole('alert')).toHaveTextContent(/The draft could not be saved/);
    expect(await db.drafts.count()).toBe(0);
    db.drafts.hook('creating').unsubscribe(refuse);
    // Nothing was typed since: leaving the field writes the text the refused write held.
    await user.tab();
    await waitFor(async () => expect((await db.drafts.toArray())[0]?.values.title).toBe('Boiler pressure low'));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
