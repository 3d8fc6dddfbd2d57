// A draft write refused because this window's database closed for good: the form says the text lives only in it, and to copy it before reloading.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

describe('draft on a database closed for good', { timeout: 20_000 }, () => {
  it('tells the person to copy what they typed before reloading', async () => {
    const desk = await renderDesk();
    await desk.user.click(screen.getByRole('button', { name: 'New incident' }));
    await desk.user.type(screen.getByLabelText('Title'), 'Lift 3');
    // What database-lost.ts does when another window upgrades the schema or the browser removes the data.
    desk.db.close({ disableAutoOpen: true });
    await desk.user.type(screen.getByLabelText('Title'), ' stuck');
    const alert = await screen.findByText(/only in this form/);
    expect(alert).toHaveTextContent("What you typed is only in this form: this window's database was closed. Copy your text before you reload this window.");
    expect(screen.getByLabelText('Title')).toHaveValue('Lift 3 stuck');
  });
});
