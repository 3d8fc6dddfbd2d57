// Two devices (two Chromium profiles) and a real HQ: offline edits of the same field, sync, same data everywhere, conflict listed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeProblems } from './support/page-problems';
import { openIncident, recordIncident, ui } from './support/incident-ui';
import { closeSync, connect as connectTo, openSync, syncNow, syncStatus as statusText } from './support/sync-ui';
import { useTwoLaptopsAndHq } from './support/use-two-laptops';

const SHARED = 'Chiller 2 tripped';
const TITLE_A = 'Chiller 2 tripped, compressor fault (A)';
const TITLE_B = 'Chiller 2 tripped, fan belt snapped (B)';
const ONLY_A = 'Fire door 4 wedged open';
const ONLY_B = 'Lift 2 stuck between floors';

const laptops = useTwoLaptopsAndHq();

const connect = (page: Page, name: string) => connectTo(page, laptops().hq, name);

async function editTitle(page: Page, from: string, to: string) {
  await openIncident(page, from);
  await page.getByRole('button', { name: 'Edit Title' }).click();
  await page.getByLabel('Title', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Save Title' }).click();
  await ui.detailHeading(page, to).waitFor();
}

/** Which of the known titles the incident list shows (exact names: SHARED is a prefix of the edited titles). */
async function listTitles(page: Page): Promise<string[]> {
  const shown: string[] = [];
  for (const title of [TITLE_A, TITLE_B, ONLY_A, ONLY_B, SHARED]) {
    if ((await ui.incidentRows(page).getByRole('button', { name: title, exact: true }).count()) > 0) shown.push(title);
  }
  return shown.sort();
}

describe('sync between two devices and HQ', () => {
  it('offline edits on both devices converge; HQ has the same; the conflict is listed with both values', async () => {
    const pageA = laptops().a.page;
    const pageB = laptops().b.page;

    // Device A records the incident both will later change, connects and sends it; B connects and receives it.
    await recordIncident(pageA, { title: SHARED });
    await connect(pageA, 'Laptop A');
    await statusText(pageA).getByText(/^Synced/).waitFor({ timeout: 20_000 });
    await connect(pageB, 'Laptop B');
    await statusText(pageB).getByText(/^Synced/).waitFor({ timeout: 20_000 });
    await ui.incidentRow(pageB, SHARED).waitFor({ timeout: 20_000 });

    // Both go offline; each changes the same field of the same incident and records one of its own.
    await laptops().a.context.setOffline(true);
    await laptops().b.context.setOffline(true);
    await statusText(pageA).getByText('Offline').waitFor();
    await editTitle(pageA, SHARED, TITLE_A);
    await recordIncident(pageA, { title: ONLY_A });
    await editTitle(pageB, SHARED, TITLE_B);
    await recordIncident(pageB, { title: ONLY_B });
    const openA = await openSync(pageA);
    await openA.getByText('On this device only: 2 incidents, 0 files, 0.0 MB').waitFor();
    await closeSync(pageA);

    // Back online: A syncs (it regains the connection first), then B, then A once more to receive B's changes.
    await laptops().a.context.setOffline(false);
    await ui.incidentRow(pageA, ONLY_A).waitFor();
    await statusText(pageA).getByText(/^Synced/).waitFor({ timeout: 20_000 });
    await laptops().b.context.setOffline(false);
    await ui.incidentRow(pageB, ONLY_A).waitFor({ timeout: 20_000 });
    await syncNow(pageA);
    await ui.incidentRow(pageA, ONLY_B).waitFor({ timeout: 20_000 });

    // Both devices show the same data: B's later title won everywhere.
    const expected = [ONLY_A, ONLY_B, TITLE_B].sort();
    await expect.poll(() => listTitles(pageA), { timeout: 20_000 }).toEqual(expected);
    await expect.poll(() => listTitles(pageB), { timeout: 20_000 }).toEqual(expected);

    // HQ holds the same incidents.
    const server = laptops().hq;
    const reply = await server.request('/v1/incidents', { token: server.adminToken, protocol: false });
    expect(reply.status).toBe(200);
    const hqTitles = (reply.json.incidents as { title: string }[]).map((i) => i.title).sort();
    expect(hqTitles).toEqual(expected);

    // Entries keep how far their time was vouched for: the shared incident was recorded before A ever compared its
    // clock with HQ (marked), the one A recorded offline after its first sync was not (that check was minutes old).
    const idOf = new Map((reply.json.incidents as { id: string; title: string }[]).map((incident) => [incident.title, incident.id]));
    const creationOf = async (title: string) => {
      const detail = await server.request(`/v1/incidents/${idOf.get(title)!}`, { token: server.adminToken, protocol: false });
      return (detail.json.timeline as { kind: string; clock?: unknown }[]).find((entry) => entry.kind === 'created')!;
    };
    expect((await creationOf(TITLE_B)).clock).toEqual({ state: 'unchecked' });
    expect(await creationOf(ONLY_A)).not.toHaveProperty('clock');
    // Counted once the timeline shows its entries (count() does not wait).
    await openIncident(pageB, ONLY_A);
    await ui.timeline(pageB).getByText(`Incident recorded: ${ONLY_A}`).waitFor();
    expect(await ui.timeline(pageB).getByText('clock not checked', { exact: true }).count()).toBe(0);
    await openIncident(pageB, TITLE_B);
    await ui.timeline(pageB).getByText(`Incident recorded: ${SHARED}`).waitFor();
    expect(await ui.timeline(pageB).getByText('clock not checked', { exact: true }).count()).toBe(1);

    // The losing device (A) lists the conflict with both values and who made them, and can pick its value again.
    const dialog = await openSync(pageA);
    await dialog.getByText('On this device only: 0 incidents, 0 files, 0.0 MB').waitFor({ timeout: 20_000 });
    // Named by the incident's number (drawn at random per device) and its current title.
    const conflict = dialog.getByRole('listitem', { name: new RegExp(`^Conflict \\S+ ${escapeRegExp(TITLE_B)}: Title$`) });
    await conflict.waitFor();
    await conflict.getByText(TITLE_A, { exact: true }).waitFor();
    // The kept value is also the incident's current title, shown in the entry's heading: twice.
    await conflict.getByText(TITLE_B, { exact: true }).first().waitFor();
    await conflict.getByText(/on this device/).waitFor();
    await laptops().a.page.screenshot({ path: 'test-results/sync-two-devices-conflict.png' });

    // Picking the other value is a normal edit: it syncs to HQ and to device B.
    await conflict.getByRole('button', { name: /^Use the other value for / }).click();
    await dialog.getByText(/^No conflicts/).waitFor();
    await dialog.getByRole('button', { name: 'Sync now' }).click();
    await dialog.getByText('On this device only: 0 incidents, 0 files, 0.0 MB').waitFor({ timeout: 20_000 });
    await closeSync(pageA);
    await syncNow(pageB);
    await ui.incidentRow(pageB, TITLE_A).waitFor({ timeout: 20_000 });
    const after = await server.request(`/v1/incidents`, { token: server.adminToken, protocol: false });
    expect((after.json.incidents as { title: string }[]).map((i) => i.title).sort()).toEqual([ONLY_A, ONLY_B, TITLE_A].sort());

    const problems = [...laptops().a.problems.take(), ...laptops().b.problems.take()].filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(p));
    if (problems.length > 0) throw new Error(describeProblems(problems));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
