// The capture form's time checks for a year outside 1990–2200: said as soon as it cannot be a year being typed, and always on save.
import { describe, expect, it } from 'vitest';
import { typedTimeProblem } from '../../../../../renderer/features/capture/incident-times';
import { timeProblems } from '../../../../../renderer/features/capture/capture-values';

const NOW = Date.parse('2026-11-28T10:00:00Z');

describe('typedTimeProblem for an implausible year', () => {
  it('says at once that a five- or six-digit year is wrong, and what to type', () => {
    expect(typedTimeProblem('202610-11-28T05:48', null, false)).toBe('Year must be between 1990 and 2200 (got 202610): type the year with four digits, such as 2026.');
    expect(typedTimeProblem('3000-01-01T10:00', null, false)).toBe('Year must be between 1990 and 2200 (got 3000): correct the year.');
  });

  it('waits while a year may still be being typed (0002, 0020, 0202), and says it on save', () => {
    expect(typedTimeProblem('0202-11-28T10:05', null, false)).toBeNull();
    expect(typedTimeProblem('0202-11-28T10:05', null, true)).toBe('Year must be between 1990 and 2200 (got 202): correct the year.');
  });
});

describe('timeProblems with a six-digit year', () => {
  it('gives the year message for each time field, never a format message', () => {
    const values = {
      occurredAt: '202610-11-28T05:48', detectedAt: '202610-11-28T06:00', reportedAt: '202610-11-28T07:00',
      instants: { occurredAt: null, detectedAt: null, reportedAt: null },
    };
    const problems = timeProblems(values, NOW, true);
    for (const problem of Object.values(problems)) expect(problem).toMatch(/^Year must be between 1990 and 2200 \(got 202610\): type the year with four digits, such as 2026\.$/);
  });
});
