// The incident list as a screen reader meets it: the open incident is marked, opening one is said, an empty result is said, a major row says so in words.
import { screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDesk } from './support/render-desk';

function announcer(): HTMLElement {
  const region = screen.getAllByRole('status').find((el) => el.classList.contains('announcer'));
  if (!region) throw new Error('no app announcer');
  return region;
}

/** The list status (count, loading, nothing matching): the one in the list pane. */
function listStatus(): HTMLElement {
  const pane = screen.getByRole('region', { name: 'Incident list' });
  return within(pane).getByRole('status');
}

describe('incident list accessibility', { timeout: 30_000 }, () => {
  it('marks the open incident as current on its title button, and says which one was opened', async () => {
    const { user, seed } = await renderDesk();
    const first = await seed({ title: 'UPS alarm' });
    await seed({ title: 'Printer jam' });
    const table = await screen.findByRole('table', { name: 'Incidents' });
    const ups = await within(table).findByRole('button', { name: 'UPS alarm' });
    await user.click(ups);
    await screen.findByRole('article', { name: 'UPS alarm' });
    expect(ups).toHaveAttribute('aria-current', 'true');
    expect(within(table).getByRole('button', { name: 'Printer jam' })).not.toHaveAttribute('aria-current');
    await waitFor(() => expect(announcer()).toHaveTextContent(`Opened ${first.number} UPS alarm`));
    // Enter on the focused row's button opens it too, and says so.
    const jam = within(table).getByRole('button', { name: 'Printer jam' });
    jam.focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('article', { name: 'Printer jam' });
    await waitFor(() => expect(announcer()).toHaveTextContent(/^Opened .* Printer jam$/));
    expect(jam).toHaveFocus();
  });

  it('keeps one status mounted from the count to "nothing matches", so the empty result is said', async () => {
    const { user, seed } = await renderDesk();
    await seed({ title: 'UPS alarm' });
    await waitFor(() => expect(listStatus()).toHaveTextContent('1 incident'));
    const status = listStatus();
    await user.type(screen.getByRole('searchbox', { name: /Search/ }), 'zzzz');
    await waitFor(() => expect(status).toHaveTextContent('No incidents match this view'));
    expect(status).toBeInTheDocument();
    expect(listStatus()).toBe(status);
  });

  it('tells an empty device from a view that matches nothing, and follows the first incident recorded', async () => {
    const { user, seed } = await renderDesk();
    await waitFor(() => expect(listStatus()).toHaveTextContent('No incidents on this device yet.'));
    // On an empty device a search is not what hides the rows: it still says nothing is here, and how to record one.
    await user.type(screen.getByRole('searchbox', { name: /Search/ }), 'zzzz');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(listStatus()).toHaveTextContent('No incidents on this device yet.');
    await user.clear(screen.getByRole('searchbox', { name: /Search/ }));
    await seed({ title: 'UPS alarm' });
    await waitFor(() => expect(listStatus()).toHaveTextContent('1 incident'));
    await user.type(screen.getByRole('searchbox', { name: /Search/ }), 'zzzz');
    await waitFor(() => expect(listStatus()).toHaveTextContent('No incidents match this view'));
  });

  it('says a major incident in words in its row, not only by colour', async () => {
    const { seed } = await renderDesk();
    await seed({ title: 'Campus power outage', major: true });
    await seed({ title: 'Printer jam' });
    const table = await screen.findByRole('table', { name: 'Incidents' });
    const majorRow = (await within(table).findByRole('button', { name: 'Campus power outage' })).closest('[role="row"]') as HTMLElement;
    expect(within(majorRow).getByText('Major')).toBeVisible();
    const plainRow = within(table).getByRole('button', { name: 'Printer jam' }).closest('[role="row"]') as HTMLElement;
    expect(within(plainRow).queryByText('Major')).toBeNull();
  });

  it('draws the cursor mark with another property than the major stripe, so both show', () => {
    const css = ['renderer/styles/app.css', 'renderer/features/incidents/incident-row.css']
      .map((file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } }).join('\n');
    const rulesFor = (selector: RegExp) => [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].filter(([, sel]) => selector.test(sel!)).map(([, , body]) => body!);
    const cursorProps = rulesFor(/tr\.cursor/).flatMap((body) => body.split(';').map((decl) => decl.split(':')[0]!.trim()).filter(Boolean));
    const majorProps = rulesFor(/tr\.major td:first-child/).flatMap((body) => body.split(';').map((decl) => decl.split(':')[0]!.trim()).filter(Boolean));
    expect(majorProps).toContain('box-shadow');
    expect(cursorProps).not.toContain('box-shadow');
  });
});
