// Export in real Chromium: the list's view leaves the app as a downloaded CSV / JSON file a spreadsheet can open safely.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_RESULTS } from './support/built-app';
import { recordIncident, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const FORMULA = '=HYPERLINK("http://evil.example","click")';
const QUOTED = 'Generator B, east wing "ATS" fault';

describe('export', () => {
  it('downloads the view as CSV (BOM, quoting, formulas defused) and as JSON', async () => {
    const page = session().page;
    await recordIncident(page, { title: FORMULA });
    await recordIncident(page, { title: QUOTED, description: 'Line one\nline two, with a comma' });
    await ui.incidentRow(page, QUOTED).waitFor();

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const panel = page.getByRole('form', { name: 'Export incidents' });
    const csvDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Download CSV', exact: true }).click();
    const csvFile = join(TEST_RESULTS, 'export.csv');
    await (await csvDownload).saveAs(csvFile);
    await panel.getByRole('status').filter({ hasText: 'Exported 2 incidents' }).waitFor();

    const bytes = await readFile(csvFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^Number,Title,Exercise,Status,/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain('"Generator B, east wing ""ATS"" fault"');
    expect(csv).toContain('"Line one\nline two, with a comma"');

    await panel.getByRole('radio', { name: /JSON with every field/ }).check();
    const jsonDownload = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Download JSON', exact: true }).click();
    const json = JSON.parse(await readFile((await (await jsonDownload).path())!, 'utf8')) as { count: number; incidents: { title: string }[] };
    expect(json.count).toBe(2);
    expect(json.incidents.map((i) => i.title).sort()).toEqual([FORMULA, QUOTED].sort());
  });
});
