// Briefing actions in the detail view: copy the short update / full briefing, the hand-copy fallback, and printing.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDesk } from './support/render-desk';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Replaces the clipboard user-event installs with one the test controls (or none at all). */
function mockClipboard(writeText: ((text: string) => Promise<void>) | null) {
  const mock = writeText ? vi.fn(writeText) : null;
  Object.defineProperty(window.navigator, 'clipboard', { value: mock ? { writeText: mock } : undefined, configurable: true });
  return mock;
}

const briefingGroup = () => screen.getByRole('group', { name: 'Briefing' });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('briefing actions', { timeout: 30_000 }, () => {
  it('"Copy update" puts the short plain-text update on the clipboard and says "Copied" (keyboard works)', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Main campus power failure', impact: 1, urgency: 1, major: true, site: ['Main campus', 'Block A'] });
    // The header's clocks are read by then, so the update names the SLA too.
    await screen.findByRole('group', { name: 'SLA clocks' });
    const writeText = mockClipboard(() => Promise.resolve())!;

    const button = within(briefingGroup()).getByRole('button', { name: 'Copy update' });
    button.focus();
    await desk.user.keyboard('{Enter}');

    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const text = writeText.mock.calls[0]![0];
    expect(text).toMatch(
      new RegExp(
        `^${incident.number} P1 MAJOR New - Main campus power failure - Site: Main campus > Block A - Owner: none yet - Commander: none yet - ` +
          // The next update names its day too when it falls after midnight (this test may run at 23:31).
          'SLA own: \\d+m left - Next update (\\d{1,2} \\w{3} \\d{4} )?\\d\\d:\\d\\d - As of \\d\\d:\\d\\d UTC[+-]\\d\\d:\\d\\d$',
      ),
    );
    expect(text.length).toBeLessThanOrEqual(300);
    expect(within(briefingGroup()).getByRole('status')).toHaveTextContent(`Copied the update (${text.length} characters).`);
    expect(screen.queryByRole('textbox', { name: 'Update text' })).toBeNull();
  });

  it('"Copy briefing" copies the full plain-text briefing, hostile text as literal text', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: HOSTILE, description: 'Smoke in plant room 4.', impact: 2, urgency: 2, reporter: 'Night porter' });
    const writeText = mockClipboard(() => Promise.resolve())!;

    await desk.user.click(within(briefingGroup()).getByRole('button', { name: 'Copy briefing' }));

    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const text = writeText.mock.calls[0]![0];
    expect(text).toMatch(/^INCIDENT BRIEFING\n[A-Z0-9]{4}-\d{4} — <img src=x onerror=alert\(1\)>\n\n/);
    expect(text).toMatch(/\nPriority: +P3 Moderate \(impact 2 — Medium, urgency 2 — Medium\)\n/);
    expect(text).toMatch(/\nReporter: +Night porter\n/);
    expect(text).toContain('DESCRIPTION\nSmoke in plant room 4.\n');
    expect(text).toMatch(/LATEST TIMELINE ENTRIES \(1, newest first\)\n- .* · Recorded · .*\n {2}Incident recorded: <img src=x onerror=alert\(1\)>\n/);
    expect(text).toMatch(/\nCopied \d{1,2} \w{3} \d{4} \d\d:\d\d UTC[+−]\d\d:\d\d from Lantern on this device\n$/);
    expect(within(briefingGroup()).getByRole('status')).toHaveTextContent('Copied the briefing.');
    // Nothing in the page became an element from the title.
    expect(document.querySelector('img')).toBeNull();
  });

  it('when the clipboard refuses, says so and keeps the text selected in a read-only box to copy by hand', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Lift 3 stuck', impact: 2, urgency: 1 });
    const writeText = mockClipboard(() => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')))!;

    const copyUpdate = within(briefingGroup()).getByRole('button', { name: 'Copy update' });
    await desk.user.click(copyUpdate);

    expect(await within(briefingGroup()).findByRole('alert')).toHaveTextContent(
      'Could not copy the update: The clipboard refused the text (the window may not have focus or permission). It is selected below — press Ctrl+C (⌘C on a Mac) to copy it.',
    );
    const box = within(briefingGroup()).getByRole('textbox', { name: 'Update text' });
    expect(box).toHaveAttribute('readonly');
    expect(box).toHaveValue(writeText.mock.calls[0]![0]);
    expect((box as HTMLTextAreaElement).value).toMatch(new RegExp(`^${incident.number} P2 New - Lift 3 stuck - `));
    await waitFor(() => expect(box).toHaveFocus());
    expect([(box as HTMLTextAreaElement).selectionStart, (box as HTMLTextAreaElement).selectionEnd]).toEqual([0, (box as HTMLTextAreaElement).value.length]);
    expect(within(briefingGroup()).getByRole('status')).toHaveTextContent('');

    // "Done" puts the box away and the cursor back on the button that opened it.
    await desk.user.click(within(briefingGroup()).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Update text' })).toBeNull();
    expect(copyUpdate).toHaveFocus();
  });

  it('without any clipboard API, the briefing is offered for copying by hand', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Water main burst', impact: 1, urgency: 2 });
    mockClipboard(null);

    await desk.user.click(within(briefingGroup()).getByRole('button', { name: 'Copy briefing' }));

    expect(await within(briefingGroup()).findByRole('alert')).toHaveTextContent('Could not copy the briefing: This window has no access to the clipboard.');
    const box = within(briefingGroup()).getByRole('textbox', { name: 'Briefing text' });
    expect((box as HTMLTextAreaElement).value).toMatch(/^INCIDENT BRIEFING\n.* — Water main burst\n/);
    await desk.user.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Briefing text' })).toBeNull();
    // Escape put the box away, not the incident, and the cursor is back on the button.
    expect(screen.getByRole('article', { name: 'Water main burst' })).toBeInTheDocument();
    expect(within(briefingGroup()).getByRole('button', { name: 'Copy briefing' })).toHaveFocus();
  });

  it('"Print briefing" puts the briefing in the print-only block, prints, and removes it after printing', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Generator B failed', impact: 1, urgency: 1, major: true, reporter: HOSTILE });
    let printedText = '';
    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      // What is in the page at the moment the print dialog opens.
      printedText = screen.getByRole('region', { name: 'Printable briefing' }).textContent;
    });
    expect(screen.queryByRole('region', { name: 'Printable briefing' })).toBeNull();

    await desk.user.click(within(briefingGroup()).getByRole('button', { name: 'Print briefing' }));

    expect(print).toHaveBeenCalledTimes(1);
    const block = screen.getByRole('region', { name: 'Printable briefing' });
    expect(block.textContent).toBe(printedText);
    // Outside the app's root, so the print stylesheet can hide everything else.
    expect(block.parentElement).toBe(document.body);
    expect(within(block).getByRole('heading', { level: 1 })).toHaveTextContent(`${incident.number} — Generator B failed`);
    expect(within(block).getByText('Major incident', { selector: 'p.briefing-print-flag' })).toBeInTheDocument();
    const term = (name: string) => within(block).getByText(name, { selector: 'dt' }).nextElementSibling;
    expect(term('Priority')).toHaveTextContent('P1 Critical (impact 1 — High, urgency 1 — High)');
    expect(term('Reporter')).toHaveTextContent(HOSTILE);
    expect(term('Next update due')).toHaveTextContent(/in 30 min, every 30 min/);
    expect(within(block).getByRole('heading', { name: /^Latest timeline entries/ })).toBeInTheDocument();
    expect(within(block).getByText(/Incident recorded: Generator B failed/)).toBeInTheDocument();
    expect(block).toHaveTextContent(/Printed \d{1,2} \w{3} \d{4} \d\d:\d\d UTC[+−]\d\d:\d\d from Lantern on this device$/);
    expect(block.querySelector('img')).toBeNull();

    window.dispatchEvent(new Event('afterprint'));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Printable briefing' })).toBeNull());
  });

  it('the printed briefing lists the linked incidents and names them by number in the timeline entries', async () => {
    const desk = await renderDesk();
    const major = await desk.seed({ title: 'Campus power outage' });
    const related = await desk.seed({ title: 'Generator B alarm' });
    const incident = await desk.openSeeded({ title: 'Ward 3 lights out' });
    expect((await desk.services.incidents.link(incident.id, major.number, 'parent')).ok).toBe(true);
    expect((await desk.services.incidents.link(incident.id, related.number, 'related')).ok).toBe(true);
    const links = screen.getByRole('region', { name: 'Links' });
    await within(links).findByRole('button', { name: `${related.number} Generator B alarm` });
    vi.spyOn(window, 'print').mockImplementation(() => undefined);

    await desk.user.click(within(briefingGroup()).getByRole('button', { name: 'Print briefing' }));

    const block = screen.getByRole('region', { name: 'Printable briefing' });
    const section = within(block).getByRole('heading', { name: /^Linked incidents\s*\(2\)/ }).closest('section')!;
    expect(within(section).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      `${major.number} · Parent · Campus power outage · New`,
      `${related.number} · Related · Generator B alarm · New`,
    ]);
    expect(within(block).getByText(`Linked ${major.number} (parent)`, { exact: false })).toBeInTheDocument();
    expect(block).not.toHaveTextContent(major.id);
  });
});
