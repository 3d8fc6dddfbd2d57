// A drill on two laptops and HQ in real Chromium: the exercise mark, a HICS 251 snapshot and a custody chain reach the other laptop and HQ's read API.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { incidentDetailResponseSchema, incidentListResponseSchema } from '../../shared/sync/wire';
import { describeProblems } from './support/page-problems';
import { openIncident, recordIncident, ui } from './support/incident-ui';
import { connect, syncNow, syncStatus } from './support/sync-ui';
import { useTwoLaptopsAndHq } from './support/use-two-laptops';

const DRILL = 'Drill: mains power lost in Block A';

const laptops = useTwoLaptopsAndHq();

async function startDrill(page: Page) {
  await page.getByRole('button', { name: 'Who is working? Set your name' }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is working' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Amira Haddad');
  await dialog.getByRole('button', { name: 'Start drill' }).click();
  await dialog.getByRole('button', { name: 'Start working' }).click();
  // The dialog holds its own "Drill mode" section until it closes (after the name is stored).
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('region', { name: 'Drill mode' }).waitFor();
}

describe('a drill across two laptops and HQ', () => {
  it('marks the drill everywhere and carries its system status and evidence to the other laptop and to HQ', async () => {
    const { a, b, hq: server } = laptops();
    const pageA = a.page;
    const pageB = b.page;

    // Laptop A runs a drill: the incident is an exercise; Normal power is reported down.
    await startDrill(pageA);
    await recordIncident(pageA, { title: DRILL, site: 'Main campus / Block A' });
    await pageA.getByRole('article').getByText('Exercise', { exact: true }).first().waitFor();
    // Not a Facility incident (no category): the section waits behind its button, which opens the form.
    await pageA.getByRole('button', { name: 'Record facility system status' }).click();
    await pageA.getByLabel('Normal power state').selectOption({ label: 'Non-functional' });
    await pageA.getByLabel('Normal power reason').fill('Grid feed lost (simulated)');
    await pageA.getByLabel('Normal power repair estimate').fill('2 h');
    await pageA.getByRole('button', { name: 'Save snapshot' }).click();
    await pageA.getByText('1 non-functional', { exact: false }).first().waitFor();
    await connect(pageA, server, 'Laptop A');
    await syncStatus(pageA).getByText(/^Synced/).waitFor({ timeout: 20_000 });

    // Laptop B (no drill running there) receives it marked, with the system's state, and collects evidence.
    await connect(pageB, server, 'Laptop B');
    await ui.incidentRow(pageB, DRILL).waitFor({ timeout: 20_000 });
    await openIncident(pageB, DRILL);
    const detailB = pageB.getByRole('article');
    await detailB.getByText('Exercise', { exact: true }).first().waitFor();
    await detailB.getByText('1 non-functional', { exact: false }).first().waitFor();
    await detailB.getByRole('button', { name: 'Collect evidence' }).click();
    await pageB.getByLabel('Item', { exact: true }).fill('Transfer switch log printout');
    await pageB.getByLabel('Collected by', { exact: true }).fill('Ben Okafor');
    await pageB.getByLabel('Location', { exact: true }).fill('Plant room desk');
    await pageB.getByRole('button', { name: 'Collect item' }).click();
    await detailB.getByRole('list', { name: 'Evidence items' }).getByText('Transfer switch log printout').first().waitFor();
    await syncNow(pageB);

    // Laptop A gets the evidence; HQ lists the drill as an exercise with both records on its timeline.
    await syncNow(pageA);
    await pageA.getByRole('list', { name: 'Evidence items' }).getByText('Transfer switch log printout').first().waitFor({ timeout: 20_000 });
    await pageA.screenshot({ path: 'test-results/drill-records.png', fullPage: true });

    const drills = incidentListResponseSchema.parse((await server.request('/v1/incidents?exercise=true', { token: server.adminToken, protocol: false })).json);
    expect(drills.incidents.map((i) => i.title)).toEqual([DRILL]);
    const real = incidentListResponseSchema.parse((await server.request('/v1/incidents?exercise=false', { token: server.adminToken, protocol: false })).json);
    expect(real.incidents).toEqual([]);
    const detail = incidentDetailResponseSchema.parse((await server.request(`/v1/incidents/${drills.incidents[0]!.id}`, { token: server.adminToken, protocol: false })).json);
    const kinds = detail.timeline.map((event) => event.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'system_status', 'custody']));
    const snapshot = detail.timeline.find((event) => event.kind === 'system_status');
    // Only what the person set is recorded: nobody checked the other systems of HICS 251's list.
    expect(snapshot?.kind === 'system_status' && snapshot.systems).toEqual([{ system: 'Normal power', state: 'non_functional', reason: 'Grid feed lost (simulated)', repairEstimate: '2 h' }]);

    const problems = [...a.problems.take(), ...b.problems.take()];
    if (problems.length > 0) throw new Error(describeProblems(problems));
  });
});
