// createNotificationService end to end in Node: page-pushed watches → due alert → native notice → centre, settings, user.
import { describe, expect, it } from 'vitest';
import { createNotificationService } from '../../../../shared/notifications/notification-service';
import type { TextPersistence } from '../../../../shared/notifications/file-store';
import { DEFAULT_NOTIFICATION_SETTINGS, SEED_SLA_POLICIES, type SlaWatch } from '../../../../shared/domain';
import { FakeClock, FakeNotifier, MIN, T0 } from './fakes';

const file = (text: string | null = null): TextPersistence & { text: string | null } => ({
  text,
  async read() {
    return this.text;
  },
  async write(contents) {
    this.text = contents;
  },
});

const watch: SlaWatch = { id: 'inc-1', number: 'K7QM-0001', title: 'Pump', priority: 1, major: false, status: 'new', assignee: null, policyId: 'gold', createdAtMs: T0, changes: [], lastUpdateAt: null, updateEveryMinutes: null };

function make(settingsText: string | null = null) {
  const clock = new FakeClock();
  const notifier = new FakeNotifier(clock);
  const settings = file(settingsText);
  const summaries: number[] = [];
  const service = createNotificationService({
    notifier,
    clock,
    statePersistence: file(),
    settingsPersistence: settings,
    policies: SEED_SLA_POLICIES,
    openIncident: () => undefined,
    onCentreChanged: (s) => summaries.push(s.unread),
  });
  return { clock, notifier, settings, service, summaries };
}

describe('createNotificationService', () => {
  it('turns watches pushed by the page into alerts, and lists them in the centre', async () => {
    const { clock, notifier, service, summaries } = make();
    await service.start();
    await service.watch({ watches: [watch], removed: [] });
    await clock.advanceTo(T0 + 8 * MIN);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0001']);
    expect(service.list().unread).toBe(1);
    expect(summaries.at(-1)).toBe(1);
    expect(service.markRead()).toBe(1);
    await service.watch({ watches: [], removed: ['inc-1'] });
    expect(service.scheduler.pending()).toEqual([]);
  });

  it('drops reports about the current user’s own actions', async () => {
    const { clock, notifier, service } = make();
    await service.start();
    service.setUser('Ana');
    await service.report([{ id: 'e1', kind: 'escalation', incidentId: 'inc-1', incidentLabel: 'K7QM-0001 Pump', actor: 'Ana', text: 'Escalated', priority: 2, major: false }]);
    await clock.advance(10_000);
    expect(notifier.shown).toHaveLength(0);
  });

  it('plans again for the person who takes over: with "mine" scope, their incidents alert and the previous person\'s stop', async () => {
    const { clock, notifier, service } = make(JSON.stringify({ ...DEFAULT_NOTIFICATION_SETTINGS, slaScope: 'mine' }));
    await service.start();
    service.setUser('Alice Day');
    await service.watch({
      watches: [
        { ...watch, id: 'a1', number: 'K7QM-0001', assignee: 'Alice Day' },
        { ...watch, id: 'b1', number: 'K7QM-0002', assignee: 'Bob Night' },
      ],
      removed: [],
    });
    await clock.advanceTo(T0 + 5 * MIN);
    // Shift change before the first threshold.
    service.setUser('Bob Night');
    await clock.advanceTo(T0 + 8 * MIN);
    expect(notifier.titles()).toEqual(['Time to own at 50 %: K7QM-0002']);
  });

  it('loads, saves and toggles settings; unreadable settings fall back to the defaults', async () => {
    const { service, settings } = make('{"nonsense":true}');
    await service.start();
    expect(service.getSettings()).toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    expect(await service.togglePaused()).toBe(true);
    expect(JSON.parse(settings.text!)).toMatchObject({ paused: true });
    await service.setSettings({ ...DEFAULT_NOTIFICATION_SETTINGS, muted: ['sla'] });
    expect(service.getSettings().muted).toEqual(['sla']);
  });
});
