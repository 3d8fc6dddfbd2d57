// The scheduler's JSON file store and the notification centre model.
import { describe, expect, it } from 'vitest';
import { NotificationCentre, CENTRE_LIMIT } from '../../../../shared/notifications/centre';
import { fileSchedulerStore, type TextPersistence } from '../../../../shared/notifications/file-store';
import type { CentreEntry, SchedulerState } from '../../../../shared/notifications/types';

function memory(initial: string | null = null): TextPersistence & { text: string | null } {
  return {
    text: initial,
    async read() {
      return this.text;
    },
    async write(contents) {
      this.text = contents;
    },
  };
}

const entry = (id: string, shownAt: number, read = false): CentreEntry => ({ id, category: 'sla', incidentId: `inc-${id}`, title: id, body: '', shownAt, read, silent: false });

const state: SchedulerState = {
  scheduled: [{ key: 'sla:1:resolve:warn50:3600000', category: 'sla', incidentId: '1', dueAt: 5, title: 't', body: 'b', urgency: 'critical', priority: 1, major: false }],
  shownKeys: ['sla:1:response:warn50:900000'],
  centre: [entry('a', 1)],
};

describe('fileSchedulerStore', () => {
  it('round-trips the state', async () => {
    const persistence = memory();
    const store = fileSchedulerStore(persistence);
    expect(await store.load()).toBeNull();
    await store.save({ scheduled: [], unscheduled: [], shownKeys: [], centreAdded: [], centreRead: [] }, () => state);
    expect(await fileSchedulerStore(persistence).load()).toEqual(state);
  });

  it('treats a damaged file as empty and says so', async () => {
    const problems: string[] = [];
    expect(await fileSchedulerStore(memory('{not json'), (m) => problems.push(m)).load()).toBeNull();
    expect(await fileSchedulerStore(memory('{"version":1,"scheduled":[{"key":1}],"shownKeys":[],"centre":[]}'), (m) => problems.push(m)).load()).toBeNull();
    expect(problems).toHaveLength(2);
    expect(problems[1]).toContain('damaged');
  });
});

describe('NotificationCentre', () => {
  it('lists newest first, counts unread, marks read by id, by incident and all, and notifies listeners', () => {
    const centre = new NotificationCentre([entry('old', 1)]);
    let changes = 0;
    centre.onChange(() => changes++);
    centre.add([entry('new', 3), entry('mid', 2), entry('old', 1)]);
    expect(centre.list().map((e) => e.id)).toEqual(['new', 'mid', 'old']);
    expect(centre.unreadCount).toBe(3);
    expect(centre.markRead(['mid'])).toBe(1);
    expect(centre.markIncidentRead('inc-new')).toBe(1);
    expect(centre.unreadCount).toBe(1);
    expect(centre.markRead()).toBe(1);
    expect(centre.markRead()).toBe(0);
    expect(changes).toBe(4);
  });

  it(`keeps at most ${CENTRE_LIMIT} entries`, () => {
    const centre = new NotificationCentre();
    centre.add(Array.from({ length: CENTRE_LIMIT + 20 }, (_, i) => entry(String(i), i)));
    expect(centre.list()).toHaveLength(CENTRE_LIMIT);
    expect(centre.list()[0]!.id).toBe(String(CENTRE_LIMIT + 19));
  });
});
