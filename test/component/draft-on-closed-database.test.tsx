// A draft write refused because this window's database closed for good: the form says first to copy the text, which lives only in it.
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useDatabaseLossStore } from '../../renderer/store/database-loss-store';
import { renderDesk } from './support/render-desk';

afterEach(() => useDatabaseLossStore.setState({ loss: null }));

describe('draft on a database closed for good', { timeout: 20_000 }, () => {
  it('a work note tells the person to copy what they typed before reloading', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Chiller 2 tripped' });
    await desk.user.type(await screen.findByLabelText('Work note'), 'Reset at 14:05');
    await screen.findByText('Draft kept');
    // What database-lost.ts does when another window upgrades the schema or the browser removes the data.
    act(() => desk.db.close({ disableAutoOpen: true }));
    await desk.user.type(screen.getByLabelText('Work note'), ', tripped again');
    const alert = await screen.findByText(/^Copy what you typed in this form/);
    expect(alert).toHaveTextContent("Copy what you typed in this form before you reload or close this window: it is only here, and cannot be kept as a draft because this window's database was closed.");
    expect(screen.queryByText('Draft kept')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Work note')).toHaveValue('Reset at 14:05, tripped again');
  });

  it('the capture form says the draft can no longer be kept, in place of its draft line', async () => {
    const desk = await renderDesk();
    await desk.user.click(screen.getByRole('button', { name: 'New incident' }));
    await desk.user.type(screen.getByLabelText('Title'), 'Lift 3');
    act(() => desk.db.close({ disableAutoOpen: true }));
    await desk.user.type(screen.getByLabelText('Title'), ' stuck');
    const alert = await screen.findByText(/^This draft can no longer be kept/);
    expect(alert).toHaveTextContent("This draft can no longer be kept: this window's database was closed. Copy what you typed before you reload or close this window.");
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck');
  });

  it('a work note kept as a draft no longer says so once the data is removed, before anything more is typed', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Boiler pressure low' });
    await desk.user.type(await screen.findByLabelText('Work note'), 'Valve checked');
    await screen.findByText('Draft kept');
    act(() => {
      desk.db.close({ disableAutoOpen: true });
      useDatabaseLossStore.getState().setLoss('removed');
    });
    expect(await screen.findByText(/^Copy what you typed in this form/)).toBeInTheDocument();
    expect(screen.queryByText('Draft kept')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Work note')).toHaveValue('Valve checked');
  });
});
