// The shortcut help as a reader sees it: one key per key box (a box never holds words that wrap inside it), then what the keys do.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ShortcutHelp } from '../../renderer/app/shortcut-help';

/** The row whose description matches `what`: its whole key text and the text of each key box. */
function keysOf(help: HTMLElement, what: RegExp) {
  const description = within(help).getAllByRole('definition').find((d) => what.test(d.textContent ?? ''));
  const term = description?.previousElementSibling;
  if (!term) throw new Error(`no shortcut row for ${what}`);
  return { text: term.textContent, boxes: Array.from(term.querySelectorAll('kbd'), (k) => k.textContent) };
}

describe('shortcut help', () => {
  it('gives every key its own box: "↓ / Enter in search", "Ctrl+Enter"', () => {
    render(<ShortcutHelp onClose={vi.fn()} />);
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(keysOf(help, /^Go to the first result/)).toEqual({ text: '↓ / Enter in search', boxes: ['↓', 'Enter'] });
    expect(keysOf(help, /^Save or apply/)).toEqual({ text: 'Ctrl+Enter', boxes: ['Ctrl', 'Enter'] });
    expect(keysOf(help, /^New incident$/)).toEqual({ text: 'N', boxes: ['N'] });
    // No box holds a space or a "+": words such as "in search" sit beside the keys, never inside a box that could wrap.
    const boxes = Array.from(help.querySelectorAll('kbd'), (k) => k.textContent ?? '');
    expect(boxes.length).toBeGreaterThan(10);
    expect(boxes.filter((box) => /\s|.\+./.test(box))).toEqual([]);
  });
});
