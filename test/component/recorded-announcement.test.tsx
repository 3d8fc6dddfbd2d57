// Saving a new incident says its number once ("Recorded K7QM-0001"): focus goes to its title, which does not hold the number.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

function announcer(): HTMLElement {
  const region = screen.getAllByRole('status').find((el) => el.classList.contains('announcer'));
  if (!region) throw new Error('no app announcer');
  return region;
}

describe('recording an incident', { timeout: 30_000 }, () => {
  it('announces the new number once, through the app announcer only', async () => {
    const { user, db } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New incident' }));
    await user.type(screen.getByLabelText('Title'), 'Lift 3 stuck');
    await user.click(screen.getByRole('button', { name: 'Save incident' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Lift 3 stuck' })).toHaveFocus();
    const [incident] = await db.incidents.toArray();
    expect(incident?.number).toMatch(/^[0-9A-Z]{4}-0001$/);
    await waitFor(() => expect(announcer()).toHaveTextContent(`Recorded ${incident!.number}`));
    // Said once: no other live region repeats the number.
    const saying = screen.getAllByRole('status').filter((el) => el.textContent?.includes(`Recorded ${incident!.number}`));
    expect(saying).toEqual([announcer()]);
  });
});
