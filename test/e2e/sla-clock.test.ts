// SLA clocks in Chromium with Playwright's clock: a P1 reaches 75 % and 100 % of its resolve target; list, header, escalation, centre;
// then an incident switched to another SLA policy, and a policy edit, move its header clock and its scheduled alerts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordIncident, textsOf, ui } from './support/incident-ui';
import { useAppSession } from './support/use-app-session';

const session = useAppSession();

const TITLE = 'Core switch down in data hall B';

function dialog(page: Page) {
  return page.getByRole('dialog', { name: 'Change status', exact: true });
}

async function assign(page: Page) {
  await page.getByRole('button', { name: 'Change status', exact: true }).click();
  await dialog(page).getByLabel('New status', { exact: true }).selectOption({ label: 'Assign → Assigned' });
  await dialog(page).getByLabel('Team', { exact: true }).selectOption({ label: 'Electrical' });
  await dialog(page).getByLabel('Assignee', { exact: true }).fill('Ana Field');
  await dialog(page).getByRole('button', { name: 'Assign', exact: true }).click();
  await dialog(page).waitFor({ state: 'detached' });
}

const slaCell = (page: Page) => ui.incidentRow(page, TITLE).getByRole('cell').last();
const clocks = (page: Page) => page.getByRole('group', { name: 'SLA clocks', exact: true });
const resolveLine = (page: Page) => clocks(page).locator('p').filter({ hasText: 'Time to resolve' });
/**
 * Keys of the alerts the in-page scheduler has saved as planned. Browser mode journals its state in localStorage
 * (shared/notifications/journal-store.ts): a base under the key, then `key.<generation>.<n>` entries of changes.
 */
async function scheduledKeys(page: Page): Promise<string[]> {
  type PageStorage = { localStorage: { getItem(key: string): string | null } };
  return page.evaluate((key) => {
    const storage = (globalThis as unknown as PageStorage).localStorage;
    const base = JSON.parse(storage.getItem(key) ?? '{}') as { generation?: number; scheduled?: { key: string }[] };
    const keys = new Set((base.scheduled ?? []).map((alert) => alert.key));
    for (let n = 1; ; n++) {
      const entry = storage.getItem(`${key}.${base.generation ?? 0}.${n}`);
      if (entry === null) break;
      const changes = JSON.parse(entry) as { scheduled: { key: string }[]; unscheduled: string[] };
      for (const alert of changes.scheduled) keys.add(alert.key);
      for (const gone of changes.unscheduled) keys.delete(gone);
    }
    return [...keys];
  }, 'lantern.notifications');
}

const timelineTexts = (page: Page) => textsOf(ui.timeline(page).getByRole('listitem'));

describe('SLA clocks with a controlled clock', () => {
  it('shows the warning at 75 %, overdue at 100 %, escalates once and lists the alerts', async () => {
    const page = session().page;
    // A whole minute a little ahead of the real time, so the device's earlier writes are not in the future.
    const start = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    await page.clock.install({ time: start });
    await session().reload();

    await recordIncident(page, { title: TITLE, category: 'Facility › Generator & UPS', impact: '1 — High', urgency: '1 — High' });
    // Someone owns it at once, so the response clock stops and only the resolve clock's rules apply.
    await assign(page);
    // A stopped clock reads calmly: how long it took against its target.
    await expect.poll(() => clocks(page).innerText()).toMatch(/Time to own:.*Owned in \d+m of 15m/);
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/of 1h \(0 %\).*1h left/);
    // The list's SLA cell waits for the row's timeline to load (in idle slices): on a loaded CI machine that took > 1 s.
    await expect.poll(() => slaCell(page).innerText(), { timeout: 10_000 }).toBe('1h left');
    // The feeder sends watches after a 300 ms debounce; jumping the clock before the assignment reached the
    // in-page scheduler would fire the response alerts planned at creation. Wait until only resolve alerts remain.
    await expect.poll(() => scheduledKeys(page), { timeout: 10_000 }).toEqual([expect.stringMatching(/:resolve:warn50:/)]);

    // 75 % of the one-hour target.
    await page.clock.fastForward('45:00');
    await expect.poll(() => slaCell(page).innerText(), { timeout: 10_000 }).toMatch(/^⚠ 1[45]m left/);
    await expect.poll(() => slaCell(page).textContent()).toContain('75 % warning');
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/45m of 1h \(75 %\).*left.*\(75 % warning\)/);
    // The P1 rule at 75 % records an alert for the incident commander on the timeline (nothing is sent).
    await expect.poll(async () => (await timelineTexts(page)).filter((t) => t.includes('Automatic alert for Incident commander')).length, { timeout: 10_000 }).toBe(1);

    // The breaching-soon filter finds it.
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByLabel('Breaching soon', { exact: true }).check();
    await expect.poll(() => textsOf(ui.incidentRows(page).getByRole('button'))).toEqual([TITLE]);
    await page.getByLabel('Breaching soon', { exact: true }).uncheck();

    // Past 100 %.
    await page.clock.fastForward('16:00');
    await expect.poll(() => slaCell(page).innerText(), { timeout: 10_000 }).toMatch(/^✖ Overdue 1m/);
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/1h 1m of 1h \(101 %\).*Overdue 1m.*\(breached at \d\d:\d\d as P1\)/);
    const escalations = async () => (await timelineTexts(page)).filter((t) => t.includes('Hierarchical escalation to Duty manager')).length;
    await expect.poll(escalations, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText('Escalated (hierarchical) to Duty manager').count()).toBe(1);

    // Later runner passes (once a minute) do not repeat it.
    for (let minute = 0; minute < 3; minute++) await page.clock.fastForward('01:00');
    await page.waitForTimeout(500);
    expect(await escalations()).toBe(1);
    const timeline = await timelineTexts(page);
    expect(timeline.filter((t) => t.includes('Lantern (automatic)')).length).toBe(2);

    // The notification centre lists the alerts (Web Notifications may be denied headless; the centre still lists).
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const list = page.getByRole('list', { name: 'Notification list', exact: true });
    await expect.poll(() => textsOf(list.getByRole('listitem')), { timeout: 10_000 }).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Time to resolve at 75 %/),
        expect.stringMatching(/Time to resolve breached/),
        expect.stringMatching(/Escalated: .*Duty manager/s),
      ]),
    );
    // Owned at once: the response clock stopped, so it never warned.
    expect((await textsOf(list.getByRole('listitem'))).filter((t) => t.includes('Time to own'))).toEqual([]);
  });

  it('switches an incident to another SLA policy, then edits that policy: the header clock and the planned alerts follow', async () => {
    const page = session().page;
    const title = 'Chiller 3 tripped on low flow';
    // The notification panel the first test opened would sit over the settings dialog: close it.
    const centre = page.getByRole('button', { name: /^Notifications/ });
    if ((await centre.getAttribute('aria-expanded')) === 'true') await centre.click();
    await recordIncident(page, { title, category: 'Facility › HVAC', impact: '1 — High', urgency: '1 — High' });
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/of 1h \(0 %\)/);

    // Detail view: this incident runs on Bronze (P1: 1 h to own, 4 h to resolve) instead of the default Gold.
    await page.getByRole('button', { name: 'Edit SLA policy', exact: true }).click();
    await page.getByLabel('SLA policy', { exact: true }).selectOption({ label: 'Bronze' });
    await page.getByRole('button', { name: 'Save SLA policy', exact: true }).click();
    await expect.poll(() => page.getByText('Bronze (set for this incident)', { exact: true }).count()).toBe(1);
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/of 4h \(0 %\)/);
    await expect.poll(() => scheduledKeys(page), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/:resolve:warn50:14400000$/));

    // Settings → SLA policies: Bronze's P1 time to resolve becomes 6 h; the open header and the scheduler use it at once.
    await page.getByRole('button', { name: 'SLA policies', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'SLA policy settings', exact: true });
    await settings.getByRole('button', { name: 'Bronze', exact: true }).click();
    const form = settings.getByRole('form', { name: 'Edit Bronze', exact: true });
    await form.getByLabel('P1 time to resolve hours', { exact: true }).fill('6');
    await form.getByRole('button', { name: 'Save policy', exact: true }).click();
    await expect.poll(() => form.getByRole('status').innerText()).toMatch(/Saved Bronze/);
    await settings.getByRole('button', { name: 'Close SLA policy settings', exact: true }).click();
    await expect.poll(() => resolveLine(page).innerText()).toMatch(/of 6h \(0 %\)/);
    await expect.poll(() => scheduledKeys(page), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/:resolve:warn50:21600000$/));
    expect((await scheduledKeys(page)).filter((key) => key.endsWith(':resolve:warn50:14400000'))).toEqual([]);
  });
});
