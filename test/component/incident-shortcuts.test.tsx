// Page keys for the open incident: C change status, E escalate, G go to it; documented, declared on the controls, quiet where letters are typed.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

function announcer(): HTMLElement {
  const region = screen.getAllByRole('status').find((el) => el.classList.contains('announcer'));
  if (!region) throw new Error('no app announcer');
  return region;
}

/** Two incidents, the first opened from the list; focus stays on its row (as after a click or Enter). */
async function openFromList() {
  const desk = await renderDesk();
  await desk.seed({ title: 'Printer jam' });
  await desk.openSeeded({ title: 'UPS alarm' });
  const row = screen.getByRole('button', { name: 'UPS alarm' });
  expect(row).toHaveFocus();
  return { ...desk, row };
}

describe('keys for the open incident', { timeout: 30_000 }, () => {
  it('C opens Change status and E opens Escalate from the list row, and each button declares its key', async () => {
    const { user } = await openFromList();
    const changeStatus = screen.getByRole('button', { name: 'Change status' });
    expect(changeStatus).toHaveAttribute('aria-keyshortcuts', 'C');
    expect(screen.getByRole('button', { name: 'Escalate' })).toHaveAttribute('aria-keyshortcuts', 'E');
    await user.keyboard('c');
    const statusPanel = await screen.findByRole('dialog', { name: /status/i });
    expect(statusPanel).toContainElement(document.activeElement as HTMLElement);
    // Inside the panel the letters are the panel's own: E does not open Escalate.
    await user.keyboard('e');
    expect(screen.queryByRole('dialog', { name: /escalat/i })).toBeNull();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(changeStatus).toHaveFocus());
    await user.keyboard('e');
    const escalatePanel = await screen.findByRole('dialog', { name: /escalat/i });
    expect(escalatePanel).toContainElement(document.activeElement as HTMLElement);
  });

  it('C with the status panel already open goes back into it rather than closing it', async () => {
    const { user, row } = await openFromList();
    await user.keyboard('c');
    const panel = await screen.findByRole('dialog', { name: /status/i });
    row.focus();
    await user.keyboard('c');
    expect(panel).toBeInTheDocument();
    expect(panel).toContainElement(document.activeElement as HTMLElement);
  });

  it('G moves focus to the open incident title', async () => {
    const { user } = await openFromList();
    const heading = screen.getByRole('heading', { level: 2, name: 'UPS alarm' });
    expect(heading).toHaveAttribute('aria-keyshortcuts', 'G');
    await user.keyboard('g');
    expect(heading).toHaveFocus();
  });

  it('says what to do when no incident is open, and changes nothing', async () => {
    const { user, seed } = await renderDesk();
    await seed({ title: 'UPS alarm' });
    await screen.findByRole('button', { name: 'UPS alarm' });
    const before = document.activeElement;
    await user.keyboard('c');
    await waitFor(() => expect(announcer()).toHaveTextContent(/No incident is open.*Enter/));
    await user.keyboard('g');
    expect(document.activeElement).toBe(before);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('stays quiet in a text field and behind the shortcut help', async () => {
    const { user } = await openFromList();
    const search = screen.getByRole('searchbox', { name: /Search/ });
    await user.click(search);
    await user.keyboard('ceg');
    expect(search).toHaveValue('ceg');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.clear(search);
    screen.getByRole('button', { name: 'UPS alarm' }).focus();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await user.keyboard('c');
    await user.keyboard('g');
    expect(screen.queryByRole('dialog', { name: /status/i })).toBeNull();
    expect(help).toContainElement(document.activeElement as HTMLElement);
  });

  it('lists the new keys in the shortcut help', async () => {
    const { user } = await renderDesk();
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rowOf = (what: RegExp) => within(help).getAllByRole('definition').find((d) => what.test(d.textContent ?? ''))?.previousElementSibling?.textContent;
    expect(rowOf(/^Change the status of the open incident/)).toBe('C');
    expect(rowOf(/^Escalate the open incident/)).toBe('E');
    expect(rowOf(/^Go to the open incident/)).toBe('G');
    expect(rowOf(/^Previous \/ next incident/)).toBe('↑ / ↓ in the list');
    expect(rowOf(/^First \/ last incident/)).toBe('Home / End in the list');
  });
});
