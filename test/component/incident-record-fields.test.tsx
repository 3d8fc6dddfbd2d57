// NIST SP 800-61's record in the detail: indicators, impact assessment, next steps, contacts; reported and resolved times.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDesk } from './support/render-desk';

afterEach(() => {
  vi.restoreAllMocks();
});

async function editField(desk: Awaited<ReturnType<typeof renderDesk>>, label: string, text: string) {
  await desk.user.click(await screen.findByRole('button', { name: `Edit ${label}` }));
  const field = screen.getByLabelText(label);
  await desk.user.clear(field);
  if (text !== '') {
    await desk.user.click(field);
    await desk.user.paste(text);
  }
  await desk.user.click(screen.getByRole('button', { name: `Save ${label}` }));
  await waitFor(() => expect(screen.queryByRole('button', { name: `Save ${label}` })).toBeNull());
}

const listed = async () => {
  const table = await screen.findByRole('table', { name: 'Incidents' });
  return within(table).getAllByRole('row').slice(1).map((row) => within(row).getByRole('button').textContent ?? '');
};

describe('the incident record (NIST SP 800-61)', { timeout: 30_000 }, () => {
  it('records indicators, impact, next steps and contacts as plain text; each edit is on the timeline and searchable', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Printer jam on floor 2' });
    await desk.openSeeded({ title: 'Beaconing from finance laptop' });
    const article = screen.getByRole('article', { name: 'Beaconing from finance laptop' });
    const fieldValue = (label: string) => within(article).getByText(label, { selector: 'dt' }).parentElement!.querySelector('dd')!;
    for (const label of ['Indicators / symptoms', 'Impact assessment', 'Next steps', 'Contacts']) expect(fieldValue(label)).toHaveTextContent('—');
    expect(fieldValue('Reported')).toHaveTextContent(/\d{4} \d\d:\d\d/);

    await editField(desk, 'Indicators / symptoms', 'DNS beacon to <b>203.0.113.7</b> every 60 s');
    await editField(desk, 'Next steps', 'Isolate host\nRotate credentials');
    expect(fieldValue('Indicators / symptoms')).toHaveTextContent('DNS beacon to <b>203.0.113.7</b> every 60 s');
    expect(article.querySelector('dd b')).toBeNull();

    const timeline = within(article).getByRole('list', { name: 'Timeline' });
    expect(await within(timeline).findByText(/Indicators \/ symptoms: — → DNS beacon to <b>203\.0\.113\.7<\/b> every 60 s/)).toBeInTheDocument();

    // Searchable by what was observed.
    await desk.user.type(screen.getByLabelText('Search incidents'), '203.0.113.7');
    await waitFor(async () => expect(await listed()).toEqual(['Beaconing from finance laptop']));

    // Emptied: cleared, and the timeline says so; never written: an empty save writes nothing.
    const entries = () => within(timeline).getAllByRole('listitem').length;
    const before = entries();
    await editField(desk, 'Contacts', '');
    expect(entries()).toBe(before);
    await editField(desk, 'Next steps', '');
    await waitFor(() => expect(fieldValue('Next steps')).toHaveTextContent('—'));
    // Multi-line text reads as blocks: what it was, under the field's name.
    const cleared = await within(timeline).findByText(/Next steps cleared\. It was:/);
    expect(cleared.textContent).toBe('Next steps cleared. It was:\nIsolate host\nRotate credentials');
    expect(within(timeline).getByText((_, element) => element?.textContent === 'Next steps:\nIsolate host\nRotate credentials')).toBeInTheDocument();
  });

  it('shows when it was resolved, and the briefing carries the record', async () => {
    const desk = await renderDesk();
    const incident = await desk.openSeeded({ title: 'Chiller 2 tripped' });
    const article = screen.getByRole('article', { name: 'Chiller 2 tripped' });
    expect(within(article).queryByText('Resolved', { selector: 'dt' })).toBeNull();
    await editField(desk, 'Next steps', 'Call the vendor at 08:00');
    await editField(desk, 'Impact assessment', 'Theatres 1-3 without cooling');
    const resolved = await desk.services.incidents.changeStatus(incident.id, 'resolved', { assignee: 'Ana Field', resolutionCode: 'Fixed', resolutionNotes: 'Breaker reset' });
    if (!resolved.ok) throw new Error(resolved.error.message);
    const resolvedRow = (await within(article).findByText('Resolved', { selector: 'dt' })).parentElement!;
    expect(resolvedRow).toHaveTextContent(/\d{4} \d\d:\d\d by /);

    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(window.navigator, 'clipboard', { value: { writeText }, configurable: true });
    await desk.user.click(within(screen.getByRole('group', { name: 'Briefing' })).getByRole('button', { name: 'Copy briefing' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(1));
    const text = writeText.mock.calls[0]![0];
    expect(text).toMatch(/\nResolved at: +\d{1,2} \w{3} \d{4} \d\d:\d\d/);
    expect(text).toContain('NEXT STEPS\nCall the vendor at 08:00\n');
    expect(text).toContain('IMPACT ASSESSMENT\nTheatres 1-3 without cooling\n');
    expect(text).not.toContain('CONTACTS');
  });
});
