// The shortcut help names the reply form among the forms where Ctrl+Enter saves.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ShortcutHelp } from '../../renderer/app/shortcut-help';

describe('shortcut help and the reply form', () => {
  it('lists a reply among what Ctrl+Enter saves', () => {
    render(<ShortcutHelp onClose={vi.fn()} />);
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const saves = within(help).getAllByRole('definition').find((d) => /^Save or apply/.test(d.textContent ?? ''));
    expect(saves).toHaveTextContent(/a communication, a reply to a communication,/);
  });
});
