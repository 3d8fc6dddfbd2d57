// The database taken away while a report is being typed: the form, its save and the banner say to copy the text first; Reload asks.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { reloadWindow } from '../../renderer/app/reload-window';
import { useDatabaseLossStore } from '../../renderer/store/database-loss-store';
import type { DatabaseLoss } from '../../renderer/db/database-lost';
import { renderDesk } from './support/render-desk';

vi.mock('../../renderer/app/reload-window', () => ({ reloadWindow: vi.fn() }));

/** What start.tsx's watcher does when another window upgrades the database or the browser removes it. */
function loseDatabase(desk: Awaited<ReturnType<typeof renderDesk>>, loss: DatabaseLoss): void {
  act(() => {
    desk.db.close({ disableAutoOpen: true });
    useDatabaseLossStore.getState().setLoss(loss);
  });
}

async function typeReport(desk: Awaited<ReturnType<typeof renderDesk>>) {
  await desk.user.click(screen.getByRole('button', { name: 'New incident' }));
  await desk.user.type(screen.getByLabelText('Title'), 'Lift 3 stuck');
  await desk.user.type(screen.getByLabelText('Description'), 'Two people inside, intercom works.');
  await screen.findByText('Draft kept on this computer.');
}

beforeEach(() => vi.mocked(reloadWindow).mockClear());
afterEach(() => useDatabaseLossStore.setState({ loss: null }));

describe('a report being typed when the database is taken away', { timeout: 20_000 }, () => {
  it('the capture form no longer says the draft is kept, and offers to copy what was typed as plain text', async () => {
    const desk = await renderDesk();
    await typeReport(desk);
    loseDatabase(desk, 'removed');
    expect(await screen.findByText(/This draft can no longer be kept/)).toBeInTheDocument();
    expect(screen.queryByText('Draft kept on this computer.')).not.toBeInTheDocument();
    // Start blank would clear the only copy of the text; discarding has nothing left to discard.
    expect(screen.queryByRole('button', { name: 'Start blank' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Discard draft' })).not.toBeInTheDocument();

    await desk.user.click(screen.getByRole('button', { name: 'Copy what I typed' }));
    expect(await screen.findByText(/Copied what you typed/)).toBeInTheDocument();
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('Title: Lift 3 stuck');
    expect(copied).toContain('Two people inside, intercom works.');
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck');
  });

  it('a save refused on the lost database says first to copy what was typed, and keeps the text in the form', async () => {
    const desk = await renderDesk();
    await typeReport(desk);
    loseDatabase(desk, 'removed');
    await desk.user.click(screen.getByRole('button', { name: 'Save incident' }));
    const refusal = await screen.findByText(/^Copy what you typed in this form/);
    expect(refusal).toHaveTextContent(/cannot be kept/);
    expect(refusal).not.toHaveTextContent(/Reload this window\.$/);
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck');
  });

  it('a draft the database closed under says so even before the banner does', async () => {
    const desk = await renderDesk();
    await typeReport(desk);
    act(() => desk.db.close({ disableAutoOpen: true }));
    await desk.user.type(screen.getByLabelText('Title'), ' at level 2');
    expect(await screen.findByText(/This draft can no longer be kept/)).toBeInTheDocument();
    expect(screen.queryByText('Draft kept on this computer.')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck at level 2');
  });

  it('a draft that could not be written for another reason no longer claims to be kept', async () => {
    const desk = await renderDesk();
    await typeReport(desk);
    const put = vi.spyOn(desk.db.drafts, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    onTestFinished(() => put.mockRestore());
    await desk.user.type(screen.getByLabelText('Title'), '!');
    expect(await screen.findByText(/The draft could not be saved/)).toBeInTheDocument();
    expect(screen.queryByText('Draft kept on this computer.')).not.toBeInTheDocument();
    expect(screen.getByText(/latest changes are not kept/i)).toBeInTheDocument();
  });
});

describe('the banner once the data is removed', { timeout: 20_000 }, () => {
  it('says first to copy what is typed in open forms, and Reload asks before it throws the text away (Escape keeps the window)', async () => {
    const desk = await renderDesk();
    await typeReport(desk);
    loseDatabase(desk, 'removed');
    const banner = await screen.findByText(/^Copy anything you typed in open forms/);
    expect(banner).toHaveTextContent(/cannot be kept here/);
    const reload = screen.getByRole('button', { name: 'Reload this window' });
    await desk.user.click(reload);
    const dialog = await screen.findByRole('alertdialog', { name: 'Reload and lose what you typed?' });
    expect(dialog).toHaveTextContent(/New incident/);
    expect(within(dialog).getByRole('button', { name: 'Keep this window' })).toHaveFocus();
    await desk.user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(reload).toHaveFocus();
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck');
    expect(reloadWindow).not.toHaveBeenCalled();

    await desk.user.click(reload);
    const asked = await screen.findByRole('alertdialog', { name: 'Reload and lose what you typed?' });
    await desk.user.click(within(asked).getByRole('button', { name: 'Copy typed text' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('Lift 3 stuck');
    expect(copied).toContain('Two people inside, intercom works.');
    expect(reloadWindow).not.toHaveBeenCalled();
    await desk.user.click(within(asked).getByRole('button', { name: 'Reload and lose it' }));
    expect(reloadWindow).toHaveBeenCalledTimes(1);
  });

  it('reloads at once when no form holds typed text', async () => {
    const desk = await renderDesk();
    loseDatabase(desk, 'removed');
    await desk.user.click(await screen.findByRole('button', { name: 'Reload this window' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(reloadWindow).toHaveBeenCalledTimes(1);
  });
});

describe('the banner once Lantern was updated in another window', { timeout: 20_000 }, () => {
  it('says what was kept as a draft and what was not, and does not promise that a reload is enough', async () => {
    const desk = await renderDesk();
    loseDatabase(desk, 'updated');
    const alert = await screen.findByText(/Lantern was updated in another window/);
    const banner = alert.closest('[role="alert"]');
    expect(banner).toHaveTextContent(/kept as a draft/);
    expect(banner).toHaveTextContent(/if this window then says a newer version of Lantern is needed/);
    expect(banner).not.toHaveTextContent(/Reload it to go on/);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reload this window' })).toBeEnabled());
  });
});

describe('copying from the banner', { timeout: 20_000 }, () => {
  it('copies the text of every open form at once, and says so when no form holds any', async () => {
    const desk = await renderDesk();
    loseDatabase(desk, 'removed');
    await desk.user.click(await screen.findByRole('button', { name: 'Copy typed text' }));
    expect(await screen.findByText('No open form holds typed text.')).toBeInTheDocument();

    await desk.user.click(screen.getByRole('button', { name: 'New incident' }));
    await desk.user.type(screen.getByLabelText('Title'), 'Smoke in corridor B');
    await desk.user.click(screen.getByRole('button', { name: 'Copy typed text' }));
    expect(await screen.findByText('Copied what was typed in open forms.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('New incident\nTitle: Smoke in corridor B');
  });
});
