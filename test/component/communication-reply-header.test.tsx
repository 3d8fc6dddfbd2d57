// An entry header at narrow widths: its buttons wrap together, to the right, never one word per line, and keep their names.
import { readFileSync } from 'node:fs';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

// vitest hands `?raw`/CSS imports to tests as empty strings: the stylesheet is read from disk.
const css = readFileSync('renderer/features/incidents/timeline.css', 'utf8');

describe('timeline entry header', { timeout: 20_000 }, () => {
  it('keeps Correct and Record reply together as one wrapping unit, with their accessible names', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Water main burst' });
    await desk.services.incidents.logCommunication(incident.id, { direction: 'outgoing', from: 'Facility desk', to: 'Ward 3 charge nurse', channel: 'Radio', message: 'Water off at 14:00' });
    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    const entry = (await within(timeline).findByText(/Water off at 14:00/)).closest('li')!;
    const reply = within(entry).getByRole('button', { name: /^Record reply to: .*Water off at 14:00/ });
    const correct = within(entry).getByRole('button', { name: /^Correct entry: .*Water off at 14:00/ });
    expect(reply.parentElement).toBe(correct.parentElement);
    expect(reply.parentElement).toHaveClass('timeline-actions');
    expect(css).toMatch(/\.timeline-actions\s*\{[^}]*margin-left:\s*auto/);
    expect(css).toMatch(/\.timeline-actions[^{]*\{[^}]*white-space:\s*nowrap/);
  });
});
