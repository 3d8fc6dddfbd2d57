// Export from the list, as a person does it: open the panel, pick a format, get the file and a plain answer; Escape closes.
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDesk } from './support/render-desk';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Captures what the app hands to the browser as a download: the Blob and the file name. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  Object.defineProperty(URL, 'createObjectURL', { value: vi.fn((blob: Blob) => { blobs.push(blob); return `blob:test/${blobs.length}`; }), configurable: true });
  Object.defineProperty(URL, 'revokeObjectURL', { value: vi.fn(), configurable: true });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

/** jsdom's Blob has no text(); FileReader reads it as the browser would. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

describe('export', { timeout: 20_000 }, () => {
  it('exports the view as CSV by default and as JSON when chosen, says how many and which are exercises', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Chiller 2 tripped' });
    await desk.seed({ title: 'Drill: lift stuck', exercise: true });
    await screen.findByRole('button', { name: 'Drill: lift stuck' });
    const downloads = captureDownloads();

    await desk.user.click(screen.getByRole('button', { name: 'Export' }));
    const panel = screen.getByRole('form', { name: 'Export incidents' });
    expect(within(panel).getByRole('radio', { name: /CSV for spreadsheets/ })).toBeChecked();
    const button = within(panel).getByRole('button', { name: 'Download CSV' });
    await desk.user.click(button);
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent(/^Exported 2 incidents to lantern-incidents-\d{4}-\d\d-\d\d-\d{4}\.csv; see your downloads\. 1 of them is an exercise, marked in the Exercise column\.$/));
    // The same button from start to end (it reads "Cancel export" while running): focus never falls to the page.
    expect(button).toHaveFocus();
    expect(button).toHaveAccessibleName('Download CSV');
    expect(downloads.names).toEqual([expect.stringMatching(/\.csv$/)]);
    const csv = await readText(downloads.blobs[0]!);
    expect(csv).toMatch(/^Number,Title,Exercise,/);
    expect(csv).toMatch(/Drill: lift stuck,Yes,/);

    await desk.user.click(within(panel).getByRole('radio', { name: /JSON with every field/ }));
    await desk.user.click(within(panel).getByRole('button', { name: 'Download JSON' }));
    await waitFor(() => expect(downloads.names).toHaveLength(2));
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent(/\.json; see your downloads\. 1 of them is an exercise, marked with "exercise": true\.$/));
    const json = JSON.parse(await readText(downloads.blobs[1]!)) as { count: number; incidents: { title: string }[] };
    expect(json.count).toBe(2);
    expect(json.incidents.map((i) => i.title).sort()).toEqual(['Chiller 2 tripped', 'Drill: lift stuck']);
  });

  it('exports only the incidents the search shows', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Chiller 2 tripped' });
    await desk.seed({ title: 'Printer jam' });
    await desk.user.type(screen.getByLabelText('Search incidents'), 'chiller');
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Printer jam' })).toBeNull());
    const downloads = captureDownloads();
    await desk.user.click(screen.getByRole('button', { name: 'Export' }));
    const panel = screen.getByRole('form', { name: 'Export incidents' });
    await desk.user.click(within(panel).getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent(/^Exported 1 incident \(search “chiller”\) to /));
    const csv = await readText(downloads.blobs[0]!);
    expect(csv).toContain('Chiller 2 tripped');
    expect(csv).not.toContain('Printer jam');

    // The answer belongs to that search: a changed view hides it.
    await desk.user.type(screen.getByLabelText('Search incidents'), 'x');
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent(''));

    // A view that lists nothing: no empty file, and a sentence saying what to change.
    await desk.user.click(within(panel).getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Nothing to export: this list shows no incidents (search “chillerx”). Change the view, search or filters.'));
    expect(downloads.names).toHaveLength(1);
  });

  it('opens with the cursor on the chosen format; the button that opens it and the one that downloads have different names', async () => {
    const desk = await renderDesk();
    await desk.seed({ title: 'Chiller 2 tripped' });
    await screen.findByRole('button', { name: 'Chiller 2 tripped' });
    const opener = screen.getByRole('button', { name: 'Export' });
    opener.focus();
    await desk.user.keyboard('{Enter}');
    const panel = screen.getByRole('form', { name: 'Export incidents' });
    expect(within(panel).getByRole('radio', { name: /CSV for spreadsheets/ })).toHaveFocus();
    // A screen reader hears "Export" then "Download CSV", never "Export, Export".
    expect(within(panel).queryByRole('button', { name: 'Export' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /export/i }).map((b) => b.textContent)).toEqual(['Export']);
    await desk.user.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('radio', { name: /JSON with every field/ })).toHaveFocus();
    expect(within(panel).getByRole('button', { name: 'Download JSON' })).toBeInTheDocument();
    await desk.user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Export incidents' })).toBeNull();
    expect(opener).toHaveFocus();
  });

  it('Escape closes the panel (not the open incident) and gives focus back to the Export button', async () => {
    const desk = await renderDesk();
    await desk.openSeeded({ title: 'Chiller 2 tripped' });
    const opener = screen.getByRole('button', { name: 'Export' });
    await desk.user.click(opener);
    expect(opener).toHaveAttribute('aria-expanded', 'true');
    within(screen.getByRole('form', { name: 'Export incidents' })).getByRole('radio', { name: /JSON/ }).focus();
    await desk.user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Export incidents' })).toBeNull();
    expect(opener).toHaveFocus();
    expect(screen.getByRole('article', { name: 'Chiller 2 tripped' })).toBeInTheDocument();
  });
});
