// The local-time reading rules (valid, skipped, repeated) on three zones' clocks, through Intl so any machine zone gives the same answers.
import { describe, expect, it } from 'vitest';
import { LOCAL_DATE_BOUNDS, LOCAL_TIME_BOUNDS, localNow, localTimeOf, localTimeProblem, localValueAt, readLocalTime, zoneOffsetAt } from '../../../../renderer/features/local-time';

const berlin = zoneOffsetAt('Europe/Berlin');
const newYork = zoneOffsetAt('America/New_York');
const lordHowe = zoneOffsetAt('Australia/Lord_Howe');

describe('readLocalTime', () => {
  it('reads an ordinary time as the one instant it means, with the offset then', () => {
    expect(readLocalTime('2026-11-27T14:30', berlin)).toEqual({ kind: 'valid', time: { utc: '2026-11-27T13:30:00.000Z', offsetMinutes: 60 } });
    expect(readLocalTime('2026-07-01T09:00', newYork)).toEqual({ kind: 'valid', time: { utc: '2026-07-01T13:00:00.000Z', offsetMinutes: -240 } });
    expect(readLocalTime('2026-07-01T09:00', lordHowe)).toEqual({ kind: 'valid', time: { utc: '2026-06-30T22:30:00.000Z', offsetMinutes: 630 } });
  });

  it('gives both instants of a time in the hour the clocks went back over, earlier first', () => {
    expect(readLocalTime('2026-10-25T02:45', berlin)).toEqual({
      kind: 'ambiguous', first: { utc: '2026-10-25T00:45:00.000Z', offsetMinutes: 120 }, second: { utc: '2026-10-25T01:45:00.000Z', offsetMinutes: 60 },
    });
    expect(readLocalTime('2026-11-01T01:30', newYork)).toEqual({
      kind: 'ambiguous', first: { utc: '2026-11-01T05:30:00.000Z', offsetMinutes: -240 }, second: { utc: '2026-11-01T06:30:00.000Z', offsetMinutes: -300 },
    });
    // Lord Howe goes back half an hour: 01:30–01:59 happen twice.
    expect(readLocalTime('2026-04-05T01:45', lordHowe)).toEqual({
      kind: 'ambiguous', first: { utc: '2026-04-04T14:45:00.000Z', offsetMinutes: 660 }, second: { utc: '2026-04-04T15:15:00.000Z', offsetMinutes: 630 },
    });
  });

  it('says a time the clocks went forward over does not exist, with the times either side of the jump', () => {
    expect(readLocalTime('2026-03-29T02:30', berlin)).toEqual({ kind: 'skipped', lastBefore: '2026-03-29T01:59', firstAfter: '2026-03-29T03:00' });
    expect(readLocalTime('2026-03-08T02:00', newYork)).toEqual({ kind: 'skipped', lastBefore: '2026-03-08T01:59', firstAfter: '2026-03-08T03:00' });
    expect(readLocalTime('2026-10-04T02:15', lordHowe)).toEqual({ kind: 'skipped', lastBefore: '2026-10-04T01:59', firstAfter: '2026-10-04T02:30' });
  });

  it('takes the edges of the jumps as ordinary times', () => {
    expect(readLocalTime('2026-03-29T01:59', berlin)).toMatchObject({ kind: 'valid', time: { offsetMinutes: 60 } });
    expect(readLocalTime('2026-03-29T03:00', berlin)).toMatchObject({ kind: 'valid', time: { offsetMinutes: 120 } });
    expect(readLocalTime('2026-10-25T01:59', berlin)).toMatchObject({ kind: 'valid', time: { utc: '2026-10-24T23:59:00.000Z' } });
    expect(readLocalTime('2026-10-25T03:00', berlin)).toMatchObject({ kind: 'valid', time: { utc: '2026-10-25T02:00:00.000Z' } });
    expect(readLocalTime('2026-10-04T02:30', lordHowe)).toMatchObject({ kind: 'valid', time: { offsetMinutes: 660 } });
  });

  it('refuses what is not a complete, real date-time', () => {
    expect(readLocalTime('', berlin)).toEqual({ kind: 'empty' });
    for (const value of ['2026-02-30T10:00', '2026-11-27T24:00', '2026-11-27', 'yesterday']) expect(readLocalTime(value, berlin)).toEqual({ kind: 'invalid' });
  });
});

describe('localTimeOf', () => {
  const cet = { utc: '2026-10-25T01:10:00.000Z', offsetMinutes: 60 };

  it('keeps the instant a field stood for while its text still shows it, instead of re-reading the text', () => {
    expect(localValueAt(Date.parse(cet.utc), berlin)).toBe('2026-10-25T02:10');
    expect(localTimeOf('2026-10-25T02:10', cet, null, berlin)).toBe(cet);
  });

  it('keeps a draft instant typed on another clock, with the offset it was typed at', () => {
    const typedInBerlin = { utc: '2026-11-25T21:15:00.000Z', offsetMinutes: 60 };
    expect(localTimeOf(localValueAt(Date.parse(typedInBerlin.utc), newYork), typedInBerlin, null, newYork)).toBe(typedInBerlin);
  });

  it('takes the pass of a repeated time with the preferred offset, and none without a preference', () => {
    expect(localTimeOf('2026-10-25T02:45', cet, 60, berlin)).toEqual({ utc: '2026-10-25T01:45:00.000Z', offsetMinutes: 60 });
    expect(localTimeOf('2026-10-25T02:45', cet, 120, berlin)).toEqual({ utc: '2026-10-25T00:45:00.000Z', offsetMinutes: 120 });
    expect(localTimeOf('2026-10-25T02:45', null, null, berlin)).toBeNull();
    expect(localTimeOf('2026-03-29T02:30', null, 60, berlin)).toBeNull();
  });

  it('gives "now" to the minute with its own offset, also in the second pass of the repeated hour', () => {
    expect(localNow(Date.parse('2026-10-25T01:10:42Z'), berlin)).toEqual({ value: '2026-10-25T02:10', time: cet });
  });
});

describe('localTimeProblem', () => {
  it('says what to enter instead of a skipped time', () => {
    expect(localTimeProblem('2026-03-29T02:30', null, berlin)).toBe('02:30 does not exist on 29 Mar 2026 here: the clocks went forward from 02:00 to 03:00. Enter 03:00 or later, or 01:59 or earlier.');
    expect(localTimeProblem('2026-10-04T02:15', null, lordHowe)).toContain('went forward from 02:00 to 02:30. Enter 02:30 or later, or 01:59 or earlier.');
  });

  it('asks which pass of a repeated time was meant until one is chosen', () => {
    expect(localTimeProblem('2026-11-01T01:30', null, newYork)).toBe('01:30 happened twice on 1 Nov 2026 (the clocks went back): choose the first (UTC−04:00) or the second (UTC−05:00) under the field.');
    expect(localTimeProblem('2026-11-01T01:30', { utc: '2026-11-01T06:30:00.000Z', offsetMinutes: -300 }, newYork)).toBeNull();
  });
});

describe('years outside 1990–2200 (a five- or six-digit year typed straight through, a slip of a digit)', () => {
  it('bounds every date and time field to the years the record accepts', () => {
    expect(LOCAL_TIME_BOUNDS).toEqual({ min: '1990-01-01T00:00', max: '2200-12-31T23:59' });
    expect(LOCAL_DATE_BOUNDS).toEqual({ min: '1990-01-01', max: '2200-12-31' });
  });

  it.each([
    ['202610-11-28T05:48', 202610],
    ['20261-11-28T10:05', 20261],
    ['1989-12-31T23:59', 1989],
    ['0202-11-28T10:05', 202],
    ['2201-01-01T00:00', 2201],
  ])('reads %s as an implausible year, not as a moment to save', (value, year) => {
    expect(readLocalTime(value, berlin)).toEqual({ kind: 'implausible-year', year });
    expect(localTimeOf(value, null, null, berlin)).toBeNull();
  });

  it('reads the first and last plausible years as moments', () => {
    expect(readLocalTime('1990-01-01T12:00', berlin).kind).toBe('valid');
    expect(readLocalTime('2200-12-31T12:00', berlin).kind).toBe('valid');
  });

  it('says the year is wrong and what to type, in plain words', () => {
    expect(localTimeProblem('202610-11-28T05:48', null, berlin)).toBe('Year must be between 1990 and 2200 (got 202610): type the year with four digits, such as 2026.');
    expect(localTimeProblem('99999-11-28T05:48', null, berlin)).toBe('Year must be between 1990 and 2200 (got 99999): type the year with four digits, from 1990 to 2200.');
    expect(localTimeProblem('1900-06-01T10:00', null, berlin)).toBe('Year must be between 1990 and 2200 (got 1900): correct the year.');
  });
});
