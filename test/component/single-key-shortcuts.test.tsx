// Single-key shortcuts can be turned off (WCAG 2.1.4): a switch in the shortcut help, kept on this computer; off, letters do nothing, Escape still works.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SINGLE_KEY_SHORTCUTS_KEY, useKeyboardSettings } from '../../renderer/store/keyboard-settings-store';
import { renderDesk } from './support/render-desk';

beforeEach(() => {
  window.localStorage.removeItem(SINGLE_KEY_SHORTCUTS_KEY);
  useKeyboardSettings.setState({ singleKeys: true });
});
afterEach(() => {
  window.localStorage.removeItem(SINGLE_KEY_SHORTCUTS_KEY);
  useKeyboardSettings.setState({ singleKeys: true });
});

type Desk = Awaited<ReturnType<typeof renderDesk>>;

/** Opens the help with the top-bar button (it works whatever the setting) and turns the single keys off. */
async function turnOff(desk: Desk) {
  await desk.user.click(screen.getByRole('button', { name: /^Shortcuts/ }));
  const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const toggle = within(help).getByRole('checkbox', { name: 'Single-key shortcuts' });
  expect(toggle).toBeChecked();
  await desk.user.click(toggle);
  expect(toggle).not.toBeChecked();
  await desk.user.click(within(help).getByRole('button', { name: 'Close shortcuts' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull());
}

describe('single-key shortcuts on and off', { timeout: 30_000 }, () => {
  it('are on by default, and the help says so and how to turn them off', async () => {
    const desk = await renderDesk();
    await desk.user.click(screen.getByRole('button', { name: /^Shortcuts/ }));
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const toggle = within(help).getByRole('checkbox', { name: 'Single-key shortcuts' });
    expect(toggle).toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/^On: a letter or symbol pressed alone acts .*Turn them off/);
    // No row is marked off while they are on.
    expect(within(help).queryByText('(off)')).toBeNull();
  });

  it('turned off: N, S and ? do nothing, Escape still closes the open incident, and the choice is kept on this computer', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Boiler pressure low' });
    await turnOff(desk);
    expect(window.localStorage.getItem(SINGLE_KEY_SHORTCUTS_KEY)).toBe('off');

    document.body.focus();
    await desk.user.keyboard('n');
    expect(screen.queryByRole('heading', { name: 'New incident' })).toBeNull();
    await desk.user.keyboard('s');
    expect(screen.queryByRole('button', { name: 'Statistics', pressed: true })).toBeNull();
    await desk.user.keyboard('?');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    expect(screen.getByRole('article', { name: 'Boiler pressure low' })).toBeInTheDocument();
    // A key that is not a character still works.
    await desk.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Boiler pressure low' })).toBeNull());
  });

  it('turned off, the help says so and marks the single keys off; turned on again, N works', async () => {
    const desk = await renderDesk();
    await turnOff(desk);
    await desk.user.click(screen.getByRole('button', { name: /^Shortcuts/ }));
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const toggle = within(help).getByRole('checkbox', { name: 'Single-key shortcuts' });
    expect(toggle).toHaveAccessibleDescription(/^Off: letters and symbols pressed alone do nothing\. Esc, Ctrl\+Enter/);
    const newIncident = within(help).getByText('New incident', { selector: 'dd' });
    expect(newIncident).toHaveTextContent('New incident (off)');
    // Keys with Ctrl are not single keys: that row is not marked.
    expect(within(help).getByText(/^Save or apply what you are writing/, { selector: 'dd' })).not.toHaveTextContent('(off)');
    // "?" pressed in the help does not close it while single keys are off; Escape does.
    await desk.user.keyboard('?');
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
    await desk.user.click(toggle);
    expect(window.localStorage.getItem(SINGLE_KEY_SHORTCUTS_KEY)).toBeNull();
    await desk.user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull());
    document.body.focus();
    await desk.user.keyboard('n');
    expect(await screen.findByRole('heading', { name: 'New incident' })).toBeInTheDocument();
  });

  it('follows a change made in another window of the app', async () => {
    await renderDesk();
    window.localStorage.setItem(SINGLE_KEY_SHORTCUTS_KEY, 'off');
    window.dispatchEvent(new StorageEvent('storage', { key: SINGLE_KEY_SHORTCUTS_KEY, newValue: 'off' }));
    expect(useKeyboardSettings.getState().singleKeys).toBe(false);
  });
  it('turned off: J and K leave the list cursor where it is, and the arrow keys still move it', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Chiller 2 tripped' });
    await new Promise((resolve) => setTimeout(resolve, 3));
    await desk.seed({ title: 'Generator transfer fault' });
    const table = await screen.findByRole('table', { name: 'Incidents' });
    await within(table).findByRole('button', { name: 'Chiller 2 tripped' });
    await turnOff(desk);
    within(table).getByRole('button', { name: 'Generator transfer fault' }).focus();
    await desk.user.keyboard('j');
    expect(within(table).getByRole('button', { name: 'Generator transfer fault' })).toHaveFocus();
    await desk.user.keyboard('{ArrowDown}');
    await waitFor(() => expect(within(table).getByRole('button', { name: 'Chiller 2 tripped' })).toHaveFocus());
  });
});
