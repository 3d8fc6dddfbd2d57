// A narrow window (200 % zoom): one pane at a time, the other out of sight and of the accessibility tree, focus never left on it.
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ONE_PANE_QUERY } from '../../renderer/app/use-one-pane';
import { renderApp } from './support/render-app';

type Rendered = Awaited<ReturnType<typeof renderApp>>;

/** A matchMedia whose one-pane query matches while `narrow.value` is true; `resize` tells the app it changed. */
function stubWindowWidth(initiallyNarrow: boolean) {
  const narrow = { value: initiallyNarrow };
  const listeners = new Set<() => void>();
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query === ONE_PANE_QUERY && narrow.value;
    },
    media: query,
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  }));
  return {
    resize(toNarrow: boolean) {
      narrow.value = toNarrow;
      act(() => listeners.forEach((listener) => listener()));
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

async function recordIncident({ user }: Rendered, title: string) {
  await user.click(screen.getByRole('button', { name: 'New incident' }));
  await user.type(screen.getByLabelText('Title'), title);
  await user.click(screen.getByRole('button', { name: 'Save incident' }));
  return screen.findByRole('article', { name: title });
}

const list = () => screen.queryByRole('region', { name: 'Incident list' });
const workPane = () => screen.queryByRole('region', { name: 'Working pane' });

describe('one pane at a time in a narrow window', () => {
  it('shows the list alone, then only the capture form or the incident, and the list again on Escape', { timeout: 20_000 }, async () => {
    stubWindowWidth(true);
    const app = await renderApp();
    expect(list()).toBeInTheDocument();
    expect(workPane()).toBeNull();

    await app.user.click(screen.getByRole('button', { name: 'New incident' }));
    expect(list()).toBeNull();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByLabelText('Title')).toHaveFocus();

    const detail = await recordIncident(app, 'Lift 3 stuck between floors');
    expect(list()).toBeNull();
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 })).toHaveFocus());

    await app.user.keyboard('{Escape}');
    expect(list()).toBeInTheDocument();
    expect(workPane()).toBeNull();
    expect(await within(list()!).findByRole('button', { name: 'Lift 3 stuck between floors' })).toBeInTheDocument();
  });

  it('moves focus from the row that opened the incident to its title, never leaving it on the hidden list', { timeout: 20_000 }, async () => {
    stubWindowWidth(true);
    const app = await renderApp();
    await recordIncident(app, 'Chiller 2 tripped');
    await app.user.keyboard('{Escape}');
    const row = await within(list()!).findByRole('button', { name: 'Chiller 2 tripped' });

    await app.user.click(row);
    expect(list()).toBeNull();
    const detail = await screen.findByRole('article', { name: 'Chiller 2 tripped' });
    await waitFor(() => expect(within(detail).getByRole('heading', { level: 2 })).toHaveFocus());
    expect(row).not.toHaveFocus();
  });

  it('goes back to the list for the search shortcut from an open incident', { timeout: 20_000 }, async () => {
    stubWindowWidth(true);
    const app = await renderApp();
    await recordIncident(app, 'Generator weekly test overdue');
    await app.user.click(document.body);
    await app.user.keyboard('/');
    expect(list()).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Generator weekly test overdue' })).toBeNull();
    expect(within(list()!).getByRole('searchbox')).toHaveFocus();
  });

  it('shows both panes side by side in a wide window, and hides the list when the window narrows with an incident open', { timeout: 20_000 }, async () => {
    const width = stubWindowWidth(false);
    const app = await renderApp();
    expect(list()).toBeInTheDocument();
    expect(workPane()).toBeInTheDocument();
    await recordIncident(app, 'Water leak in plant room');
    expect(list()).toBeInTheDocument();
    const row = await within(list()!).findByRole('button', { name: 'Water leak in plant room' });
    row.focus();

    width.resize(true);
    expect(list()).toBeNull();
    expect(row).not.toHaveFocus();
    expect(screen.getByRole('heading', { level: 2, name: 'Water leak in plant room' })).toHaveFocus();

    width.resize(false);
    expect(list()).toBeInTheDocument();
    expect(workPane()).toBeInTheDocument();
  });
  it('leaves the hidden list alone: J and Enter in an open incident neither move its cursor nor open another incident', { timeout: 30_000 }, async () => {
    stubWindowWidth(true);
    const app = await renderApp();
    await recordIncident(app, 'Alpha incident');
    await app.user.keyboard('{Escape}');
    const bravo = await recordIncident(app, 'Bravo incident');
    await waitFor(() => expect(within(bravo).getByRole('heading', { level: 2 })).toHaveFocus());
    await app.user.keyboard('j');
    expect(document.activeElement?.closest('[hidden]')).toBeNull();
    await app.user.keyboard('{Enter}');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.getByRole('article', { name: 'Bravo incident' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Alpha incident' })).toBeNull();
  });
});
