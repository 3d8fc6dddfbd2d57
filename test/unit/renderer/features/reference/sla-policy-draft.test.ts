// The SLA policy form's draft: every window and holiday survives an untouched save; bad windows and dates are refused clearly.
import { describe, expect, it } from 'vitest';
import { addHolidays, removeHoliday } from '../../../../../renderer/features/reference/sla-calendar-draft';
import { draftOf, policyFromDraft, type PolicyDraft } from '../../../../../renderer/features/reference/sla-policy-draft';
import { SEED_SLA_POLICIES, slaPolicySchema, type SlaPolicy } from '../../../../../shared/domain';

const clinic: SlaPolicy = slaPolicySchema.parse({
  ...SEED_SLA_POLICIES[1],
  id: 'clinic',
  name: 'Clinic',
  calendar: {
    timeZone: 'Europe/Berlin',
    windows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '12:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '13:00', to: '17:00' },
      { days: ['sat'], from: '09:00', to: '24:00' },
    ],
    holidays: ['2026-04-03', '2026-04-06'],
  },
});

function withWindows(draft: PolicyDraft, windows: { days: PolicyDraft['windows'][number]['days']; from: string; to: string }[]): PolicyDraft {
  return { ...draft, windows: windows.map((w, key) => ({ ...w, key })) };
}

describe('SLA policy draft', () => {
  it('keeps every window and holiday of a calendar when saved untouched', () => {
    const result = policyFromDraft(clinic.id, draftOf(clinic, 'UTC'));
    expect(result).toEqual({ ok: true, policy: clinic });
  });

  it('keeps a calendar without holidays without a holidays key (as stored before holidays existed)', () => {
    const plain = slaPolicySchema.parse({ ...clinic, calendar: { timeZone: 'UTC', windows: clinic.calendar!.windows } });
    const result = policyFromDraft(plain.id, draftOf(plain, 'UTC'));
    expect(result).toEqual({ ok: true, policy: plain });
    expect(result.ok && 'holidays' in result.policy.calendar!).toBe(false);
  });

  it('refuses a window that ends at or before its start, naming the window', () => {
    const draft = withWindows(draftOf(clinic, 'UTC'), [
      { days: ['mon'], from: '08:00', to: '12:00' },
      { days: ['tue'], from: '17:00', to: '13:00' },
    ]);
    expect(policyFromDraft('clinic', draft)).toEqual({
      ok: false,
      message: 'Business hours must end after they start: window 2 runs 17:00–13:00. Split an overnight window in two (e.g. 22:00–24:00 and 00:00–06:00).',
    });
  });

  it('refuses overlapping windows, naming both and the day; touching windows are fine', () => {
    const overlapping = withWindows(draftOf(clinic, 'UTC'), [
      { days: ['mon', 'tue'], from: '08:00', to: '12:00' },
      { days: ['tue', 'wed'], from: '11:30', to: '17:00' },
    ]);
    expect(policyFromDraft('clinic', overlapping)).toEqual({
      ok: false,
      message: 'Windows 1 and 2 overlap on Tue (08:00–12:00 and 11:30–17:00). Change one so they do not overlap.',
    });
    const touching = withWindows(draftOf(clinic, 'UTC'), [
      { days: ['mon'], from: '08:00', to: '12:00' },
      { days: ['mon'], from: '12:00', to: '17:00' },
    ]);
    expect(policyFromDraft('clinic', touching).ok).toBe(true);
  });

  it('refuses a window without days and times that are not HH:MM; reads 8:00 as 08:00', () => {
    const noDays = withWindows(draftOf(clinic, 'UTC'), [{ days: [], from: '08:00', to: '12:00' }]);
    expect(policyFromDraft('clinic', noDays)).toEqual({ ok: false, message: 'Window 1: pick at least one day.' });
    const badTime = withWindows(draftOf(clinic, 'UTC'), [{ days: ['mon'], from: '25:00', to: '26:00' }]);
    expect(policyFromDraft('clinic', badTime)).toEqual({ ok: false, message: 'Window 1 from: write the time as HH:MM from 00:00 to 24:00, e.g. 08:00.' });
    const short = withWindows(draftOf(clinic, 'UTC'), [{ days: ['mon'], from: '8:00', to: '17:00' }]);
    const result = policyFromDraft('clinic', short);
    expect(result.ok && result.policy.calendar?.windows).toEqual([{ days: ['mon'], from: '08:00', to: '17:00' }]);
  });

  it('saving as 24×7 leaves no calendar (and so no holidays)', () => {
    const result = policyFromDraft('clinic', { ...draftOf(clinic, 'UTC'), businessHours: false });
    expect(result.ok && result.policy.calendar).toBe(null);
  });
});

describe('holiday list edits', () => {
  it('adds one date and keeps the list in date order', () => {
    expect(addHolidays(['2026-04-06'], '2026-04-03')).toEqual({ ok: true, holidays: ['2026-04-03', '2026-04-06'], added: 1, skipped: 0 });
  });

  it('adds several pasted one per line (blank lines, spaces and dates already listed are passed over)', () => {
    expect(addHolidays(['2026-04-03'], ' 2026-12-25\n\n2026-04-03\r\n2026-12-26 \n2026-12-25')).toEqual({ ok: true, holidays: ['2026-04-03', '2026-12-25', '2026-12-26'], added: 2, skipped: 2 });
  });

  it('refuses the whole paste when one line is not a date, and says which', () => {
    expect(addHolidays(['2026-04-03'], '2026-12-25\n25.12.2026')).toEqual({ ok: false, message: 'Line 2, “25.12.2026”, is not a date: write holidays as YYYY-MM-DD, e.g. 2026-12-25. Nothing was added.' });
    expect(addHolidays([], '2026-02-30')).toEqual({ ok: false, message: '“2026-02-30” is not a date: write holidays as YYYY-MM-DD, e.g. 2026-12-25. Nothing was added.' });
    expect(addHolidays([], '  ')).toEqual({ ok: false, message: 'Enter a date (YYYY-MM-DD), or several, one per line.' });
  });

  it('says so when every date was already listed', () => {
    expect(addHolidays(['2026-04-03'], '2026-04-03')).toEqual({ ok: false, message: '2026-04-03 is already a holiday.' });
  });

  it('refuses to go over the limit', () => {
    const full = Array.from({ length: 500 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(addHolidays(full, '2030-01-01')).toEqual({ ok: false, message: 'A calendar holds at most 500 holidays: remove past ones first. Nothing was added.' });
  });

  it('removes one date', () => {
    expect(removeHoliday(['2026-04-03', '2026-04-06'], '2026-04-03')).toEqual(['2026-04-06']);
  });
});
