// The start screen during a schema upgrade: says what runs and how far it is, as a progress bar and a status line.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UpgradeScreen } from '../../renderer/app/upgrade-screen';

describe('upgrade screen', () => {
  it('shows the phase and the count as the upgrade reports them, with a labelled progress bar', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const upgrading = new UpgradeScreen(container);
    upgrading.update({ phase: 'Reading incident history (step 1 of 2)', step: 1, steps: 2, done: 5_000, total: 80_000 });
    upgrading.show();
    expect(screen.getByText(/Keep this window open/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Reading incident history (step 1 of 2): 5,000 of 80,000');
    upgrading.update({ phase: 'Placing incidents in SLA order (step 2 of 2)', step: 2, steps: 2, done: 40_000, total: 100_000 });
    const bar = screen.getByRole('progressbar', { name: 'Database update progress' });
    expect(bar).toHaveAttribute('value', '40000');
    expect(bar).toHaveAttribute('max', '100000');
    expect(screen.getByRole('status')).toHaveTextContent('Placing incidents in SLA order (step 2 of 2): 40,000 of 100,000');
    container.remove();
  });
});
