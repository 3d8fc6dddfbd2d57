// The top-bar storage chip: a full label for screen readers and wide bars, a short form (hidden from assistive tech) for narrow ones.
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageStatus } from '../../renderer/features/status/storage-status';

function stubStorage(storage: Partial<StorageManager> | undefined) {
  vi.stubGlobal('navigator', { ...navigator, storage });
}

afterEach(() => vi.unstubAllGlobals());

describe('StorageStatus', () => {
  it('reads as the full words; the short form is for the eye only', async () => {
    stubStorage({ persisted: async () => false, persist: async () => false });
    render(<StorageStatus />);
    const chip = await screen.findByRole('status');
    await vi.waitFor(() => expect(chip).toHaveTextContent('Storage: not guaranteed'));
    expect(screen.getByText('Storage: not guaranteed')).toHaveClass('pill-long');
    expect(screen.getByText('Storage ⚠')).toHaveAttribute('aria-hidden', 'true');
    // The tooltip names the state too, since a narrow bar shows only the short form.
    expect(chip.getAttribute('title')).toMatch(/^Storage not guaranteed\./);
  });

  it('shows a short form for every state', async () => {
    stubStorage({ persisted: async () => true, persist: async () => true });
    render(<StorageStatus />);
    expect(await screen.findByText('Storage: persistent')).toBeInTheDocument();
    expect(screen.getByText('Storage ✓')).toHaveAttribute('aria-hidden', 'true');
  });

  it('says unknown when the browser cannot promise anything', async () => {
    stubStorage(undefined);
    render(<StorageStatus />);
    expect(await screen.findByText('Storage: unknown')).toBeInTheDocument();
    expect(screen.getByText('Storage ?')).toHaveAttribute('aria-hidden', 'true');
  });
});
