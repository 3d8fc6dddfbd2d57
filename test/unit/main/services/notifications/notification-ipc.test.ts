// The notifications channels end to end through registerIpcHandlers: hostile input refused before the service sees it.
import { describe, expect, it, vi } from 'vitest';
import { createCoreHandlers } from '../../../../../main/ipc/core-handlers';
import { registerIpcHandlers } from '../../../../../main/ipc/register-ipc-handlers';
import { APP_ORIGIN } from '../../../../../main/security/origin';
import { createNotificationHandlers } from '../../../../../main/services/notifications/notification-handlers';
import { DEFAULT_NOTIFICATION_SETTINGS, SEED_SLA_POLICIES, type NotificationActivity, type SlaWatch } from '../../../../../shared/domain';
import type { TextPersistence } from '../../../../../shared/notifications/file-store';
import { createNotificationService } from '../../../../../shared/notifications/notification-service';
import { appEvent, eventFrom, FakeIpcMain, topFrame } from '../../fakes';
import { FakeClock, FakeNotifier, MIN, T0 } from '../../../shared/notifications/fakes';
import { stubSyncHandlers } from '../sync/stub-sync-handlers';

const memory = (): TextPersistence & { text: string | null } => ({
  text: null,
  async read() {
    return this.text;
  },
  async write(contents) {
    this.text = contents;
  },
});

const watch = (id: string, overrides: Partial<SlaWatch> = {}): SlaWatch => ({
  id,
  number: `K7QM-${id.slice(-4).padStart(4, '0')}`,
  title: 'Pump failed',
  priority: 1,
  major: false,
  status: 'new',
  assignee: null,
  policyId: 'gold',
  createdAtMs: T0,
  changes: [],
  lastUpdateAt: null,
  updateEveryMinutes: null,
  ...overrides,
});

const activity = (overrides: Partial<NotificationActivity> = {}): NotificationActivity => ({
  id: 'evt-1',
  kind: 'assignment',
  incidentId: 'inc-1',
  incidentLabel: 'K7QM-0001 Pump failed',
  actor: 'Ben Desk',
  assignee: 'Ana Field',
  text: 'Ben Desk assigned it to you.',
  priority: 2,
  major: false,
  ...overrides,
});

function setup() {
  const clock = new FakeClock();
  const notifier = new FakeNotifier(clock);
  const settingsFile = memory();
  const service = createNotificationService({
    notifier,
    clock,
    statePersistence: memory(),
    settingsPersistence: settingsFile,
    policies: SEED_SLA_POLICIES,
    openIncident: vi.fn(),
  });
  const ipc = new FakeIpcMain();
  registerIpcHandlers(
    ipc,
    {
      ...createCoreHandlers({
        appInfo: () => ({ name: 'Lantern', version: '0.1.0', platform: 'linux', electronVersion: '45.5.0', isPackaged: false }),
        openExternal: async () => ({ opened: false }),
        secretsStatus: () => ({ available: true, backend: 'basic_text', plainTextFallback: true }),
        focusMainWindow: () => true,
      }),
      ...stubSyncHandlers(),
      ...createNotificationHandlers(service),
    },
    { allowedOrigins: [APP_ORIGIN] },
    { warn: vi.fn() },
  );
  const invoke = (channel: string, ...args: unknown[]) => ipc.invoke(channel, appEvent(), ...args);
  return { service, clock, notifier, settingsFile, invoke, ipc };
}

describe('notifications:watch', () => {
  it('plans alerts for watched incidents and forgets removed ones', async () => {
    const { service, invoke } = setup();
    await expect(invoke('notifications:watch', { watches: [watch('inc-1')], removed: [] })).resolves.toBeNull();
    expect(service.watches.ids()).toEqual(['inc-1']);
    expect(service.scheduler.pending().length).toBeGreaterThan(0);
    await invoke('notifications:watch', { watches: [], removed: ['inc-1'] });
    expect(service.watches.ids()).toEqual([]);
    expect(service.scheduler.pending()).toEqual([]);
  });

  it.each([
    ['no input', undefined],
    ['a list instead of an object', [watch('inc-1')]],
    ['extra keys', { watches: [], removed: [], evil: true }],
    ['more than 5000 watches', { watches: Array.from({ length: 5001 }, (_, i) => watch(`inc-${i}`)), removed: [] }],
    ['more than 5000 removed ids', { watches: [], removed: Array.from({ length: 5001 }, (_, i) => `inc-${i}`) }],
    ['a huge title', { watches: [watch('inc-1', { title: 'x'.repeat(10_000) })], removed: [] }],
    ['an unknown status', { watches: [{ ...watch('inc-1'), status: 'exploded' }], removed: [] }],
    ['a priority of 9', { watches: [{ ...watch('inc-1'), priority: 9 }], removed: [] }],
    ['an infinite creation time', { watches: [watch('inc-1', { createdAtMs: Number.POSITIVE_INFINITY })], removed: [] }],
    ['a huge removed id', { watches: [], removed: ['i'.repeat(1000)] }],
    ['a non-string removed id', { watches: [], removed: [{ toString: 'x' }] }],
  ])('refuses %s', async (_label, input) => {
    const { service, invoke } = setup();
    await expect(invoke('notifications:watch', input)).rejects.toThrow(/invalid input/);
    expect(service.watches.ids()).toEqual([]);
  });

  it('refuses a foreign page and a sub-frame', async () => {
    const { ipc, service } = setup();
    const input = { watches: [watch('inc-1')], removed: [] };
    await expect(ipc.invoke('notifications:watch', eventFrom(topFrame('https://evil.example/')), input)).rejects.toThrow(/not the Lantern app page/);
    await expect(ipc.invoke('notifications:watch', eventFrom({ url: 'app://lantern/index.html', parent: topFrame('app://lantern/index.html') }), input)).rejects.toThrow(
      /not the Lantern app page/,
    );
    expect(service.watches.ids()).toEqual([]);
  });
});

describe('notifications:report, set-user, list, mark-read', () => {
  it('shows an assignment to the current user and lists it unread until marked read', async () => {
    const { clock, notifier, invoke } = setup();
    await invoke('notifications:set-user', { name: 'Ana Field' });
    await invoke('notifications:report', { activities: [activity()] });
    await clock.advance(5_000);
    expect(notifier.shown.map((n) => n.notice.title)).toEqual(['Assigned to you: K7QM-0001 Pump failed']);
    const listed = (await invoke('notifications:list')) as { entries: { id: string; read: boolean }[]; unread: number };
    expect(listed.unread).toBe(1);
    expect(listed.entries[0]).toMatchObject({ id: 'assignment:evt-1', read: false });
    await expect(invoke('notifications:mark-read', { ids: ['nope'] })).resolves.toEqual({ changed: 0 });
    await expect(invoke('notifications:mark-read', {})).resolves.toEqual({ changed: 1 });
    await expect(invoke('notifications:list')).resolves.toMatchObject({ unread: 0 });
  });

  it('never tells people about their own actions', async () => {
    const { clock, notifier, invoke } = setup();
    await invoke('notifications:set-user', { name: 'ana field' });
    await invoke('notifications:report', { activities: [activity({ kind: 'escalation', actor: 'Ana Field', assignee: null })] });
    await clock.advance(10 * MIN);
    expect(notifier.shown).toEqual([]);
  });

  it.each([
    ['report: more than 1000 activities', 'notifications:report', { activities: Array.from({ length: 1001 }, (_, i) => activity({ id: `e${i}` })) }],
    ['report: an unknown kind', 'notifications:report', { activities: [{ ...activity(), kind: 'ransom' }] }],
    ['report: a huge text', 'notifications:report', { activities: [activity({ text: 'x'.repeat(5000) })] }],
    ['report: an empty id', 'notifications:report', { activities: [activity({ id: '' })] }],
    ['set-user: a number', 'notifications:set-user', { name: 42 }],
    ['set-user: a huge name', 'notifications:set-user', { name: 'n'.repeat(500) }],
    ['set-user: a blank name', 'notifications:set-user', { name: '   ' }],
    ['set-user: no input', 'notifications:set-user', undefined],
    ['list: an argument', 'notifications:list', { all: true }],
    ['mark-read: a string', 'notifications:mark-read', 'all'],
    ['mark-read: too many ids', 'notifications:mark-read', { ids: Array.from({ length: 501 }, (_, i) => `id-${i}`) }],
    ['mark-read: extra keys', 'notifications:mark-read', { ids: [], everything: true }],
  ])('refuses %s', async (_label, channel, input) => {
    const { invoke, service } = setup();
    await expect(invoke(channel, input)).rejects.toThrow(/invalid input/);
    expect(service.scheduler.pending()).toEqual([]);
  });

  it('refuses a second argument', async () => {
    const { invoke } = setup();
    await expect(invoke('notifications:mark-read', {}, { ids: [] })).rejects.toThrow(/too many arguments/);
  });
});

describe('notifications settings', () => {
  it('returns the defaults, then saves and returns new settings', async () => {
    const { invoke, settingsFile } = setup();
    await expect(invoke('notifications:get-settings')).resolves.toEqual(DEFAULT_NOTIFICATION_SETTINGS);
    const next = { ...DEFAULT_NOTIFICATION_SETTINGS, muted: ['reminder'], paused: true };
    await expect(invoke('notifications:set-settings', next)).resolves.toEqual(next);
    expect(JSON.parse(settingsFile.text ?? 'null')).toEqual(next);
    await expect(invoke('notifications:get-settings')).resolves.toEqual(next);
  });

  it.each([
    ['extra keys', { ...DEFAULT_NOTIFICATION_SETTINGS, admin: true }],
    ['a missing key', { ...DEFAULT_NOTIFICATION_SETTINGS, paused: undefined }],
    ['an unknown muted category', { ...DEFAULT_NOTIFICATION_SETTINGS, muted: ['everything'] }],
    ['a digest of one', { ...DEFAULT_NOTIFICATION_SETTINGS, digestAtLeast: 1 }],
    ['an hour-long coalescing delay', { ...DEFAULT_NOTIFICATION_SETTINGS, coalesceMs: 3_600_000 }],
    ['an infinite do-not-disturb', { ...DEFAULT_NOTIFICATION_SETTINGS, doNotDisturbUntil: Number.POSITIVE_INFINITY }],
    ['a string', 'quiet please'],
  ])('refuses %s and keeps the settings', async (_label, input) => {
    const { invoke, settingsFile } = setup();
    await expect(invoke('notifications:set-settings', input)).rejects.toThrow(/invalid input/);
    expect(settingsFile.text).toBeNull();
    await expect(invoke('notifications:get-settings')).resolves.toEqual(DEFAULT_NOTIFICATION_SETTINGS);
  });
});

describe('notifications:set-policies', () => {
  const gold = SEED_SLA_POLICIES[0]!;
  const slowGold = { ...gold, targets: { ...gold.targets, P1: { responseMinutes: 60, resolveMinutes: 240 } } };
  const dues = (service: ReturnType<typeof setup>['service']) => service.scheduler.pending().map((alert) => [alert.key.split(':').slice(2, 4).join(':'), alert.dueAt - T0]);

  it('re-plans every watch: a longer P1 target moves the alerts already scheduled', async () => {
    const { service, invoke } = setup();
    await invoke('notifications:watch', { watches: [watch('inc-1')], removed: [] });
    expect(dues(service)[0]).toEqual(['response:warn50', 7.5 * MIN]);
    await expect(invoke('notifications:set-policies', { policies: [slowGold, ...SEED_SLA_POLICIES.slice(1)] })).resolves.toBeNull();
    expect(dues(service)[0]).toEqual(['response:warn50', 30 * MIN]);
  });

  it('resolves a watch naming a policy main did not know once the page sends it (meanwhile the first, the default, applies)', async () => {
    const { service, invoke } = setup();
    await invoke('notifications:watch', { watches: [watch('inc-1', { policyId: 'night' })], removed: [] });
    expect(dues(service)[0]).toEqual(['response:warn50', 7.5 * MIN]);
    const night = { ...gold, id: 'night', name: 'Night', warnPercents: [25, 90] };
    await invoke('notifications:set-policies', { policies: [...SEED_SLA_POLICIES, night] });
    expect(dues(service)[0]).toEqual(['response:warn50', 3.75 * MIN]);
  });

  const bad = (patch: Record<string, unknown>) => ({ policies: [{ ...gold, ...patch }] });
  it.each([
    ['no input', undefined],
    ['a bare list', [gold]],
    ['extra keys', { policies: [gold], evil: true }],
    ['no policies', { policies: [] }],
    ['more than 100 policies', { policies: Array.from({ length: 101 }, (_, i) => ({ ...gold, id: `p${i}` })) }],
    ['two policies with one id', { policies: [gold, gold] }],
    ['a warning at 100 %', bad({ warnPercents: [50, 100] })],
    ['warnings out of order', bad({ warnPercents: [75, 50] })],
    ['a negative target', bad({ targets: { ...gold.targets, P2: { responseMinutes: -5, resolveMinutes: 60 } } })],
    ['a fractional target', bad({ targets: { ...gold.targets, P2: { responseMinutes: 0.5, resolveMinutes: 60 } } })],
    ['a missing priority', bad({ targets: { P1: gold.targets.P1 } })],
    ['an unknown time zone', bad({ calendar: { timeZone: 'Mars/Olympus', windows: [{ days: ['mon'], from: '08:00', to: '20:00' }] } })],
    ['a window ending before it starts', bad({ calendar: { timeZone: 'UTC', windows: [{ days: ['mon'], from: '20:00', to: '08:00' }] } })],
    ['an empty name', bad({ name: '   ' })],
    ['a huge name', bad({ name: 'x'.repeat(5000) })],
    ['an id with path characters', bad({ id: '../gold' })],
    ['a string', 'gold'],
  ])('refuses %s and keeps the policies it had', async (_label, input) => {
    const { service, invoke } = setup();
    await invoke('notifications:watch', { watches: [watch('inc-1')], removed: [] });
    const before = dues(service);
    await expect(invoke('notifications:set-policies', input)).rejects.toThrow(/invalid input/);
    expect(dues(service)).toEqual(before);
  });
});
