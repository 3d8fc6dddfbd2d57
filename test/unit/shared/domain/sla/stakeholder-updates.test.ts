// Stakeholder-update cadence: the incident's own interval wins, 0 turns reminders off, unset follows the major default.
import { describe, expect, it } from 'vitest';
import { editIncident, nextStakeholderUpdateDue, stakeholderUpdateCadence, updateEveryText } from '../../../../../shared/domain';
import { laterCtx, recorded } from '../fixtures';

describe('stakeholderUpdateCadence', () => {
  it('uses the device default only for major incidents without their own interval', () => {
    expect(stakeholderUpdateCadence({ major: true }, 30)).toEqual({ everyMinutes: 30, source: 'default' });
    expect(stakeholderUpdateCadence({ major: true, updateEveryMinutes: null }, 30)).toEqual({ everyMinutes: 30, source: 'default' });
    expect(stakeholderUpdateCadence({ major: false }, 30)).toEqual({ everyMinutes: null, source: 'none' });
    expect(stakeholderUpdateCadence({ major: true }, null)).toEqual({ everyMinutes: null, source: 'none' });
  });

  it("prefers the incident's own interval, and 0 turns reminders off even on a major incident", () => {
    expect(stakeholderUpdateCadence({ major: false, updateEveryMinutes: 15 }, 30)).toEqual({ everyMinutes: 15, source: 'incident' });
    expect(stakeholderUpdateCadence({ major: true, updateEveryMinutes: 120 }, 30)).toEqual({ everyMinutes: 120, source: 'incident' });
    expect(stakeholderUpdateCadence({ major: true, updateEveryMinutes: 0 }, 30)).toEqual({ everyMinutes: null, source: 'incident' });
  });

  it('counts the next update from the last one by a person, or from the recording', () => {
    expect(nextStakeholderUpdateDue(null, 1_000, 30)).toBe(1_000 + 30 * 60_000);
    expect(nextStakeholderUpdateDue(5_000, 1_000, 15)).toBe(5_000 + 15 * 60_000);
    expect(updateEveryText(30)).toBe('every 30 min');
    expect(updateEveryText(120)).toBe('every 2 h');
  });
});

describe('updateEveryMinutes on the incident', () => {
  it('is a synced field edited like the others, and refuses intervals outside 5 min – 24 h with a clear message', () => {
    const incident = recorded({ impact: 2, urgency: 2 });
    expect(incident.updateEveryMinutes).toBeNull();
    const set = editIncident(incident, { updateEveryMinutes: 15 }, laterCtx(1));
    if (!set.ok) throw new Error(set.error.message);
    expect(set.value.incident.updateEveryMinutes).toBe(15);
    expect(set.value.change.set).toEqual({ updateEveryMinutes: 15 });
    const tooOften = editIncident(incident, { updateEveryMinutes: 2 }, laterCtx(1));
    expect(tooOften.ok).toBe(false);
    if (!tooOften.ok) expect(tooOften.error.message).toMatch(/5 minutes/);
    const off = editIncident(incident, { updateEveryMinutes: 0 }, laterCtx(1));
    expect(off.ok && off.value.incident.updateEveryMinutes).toBe(0);
  });
});
