// Briefings of ended incidents (no commander still to come, no update due) and of incidents others were cancelled as duplicates of.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBriefingText, buildShortUpdate, type BriefingContext } from '../../../../../renderer/features/incidents/briefing-text';

beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Berlin');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

import { makeIncident, NOW } from './incident-fixtures';

const context = (overrides: Partial<BriefingContext> = {}): BriefingContext => ({ nowMs: NOW, majorUpdateDefault: 30, ...overrides });
const resolved = { resolutionCode: 'Service restored by provider', resolutionNotes: 'Rebuilt' };

describe('briefing of an ended major incident', () => {
  it('says the commander and the next update are none because it is closed, not still to come', () => {
    const text = buildBriefingText(makeIncident({ status: 'closed', ...resolved }), [], context());
    expect(text).toContain('Incident commander: none (incident closed)\n');
    expect(text).toMatch(/\nNext update due: +none \(incident closed\)\n/);
    expect(text).not.toContain('none yet');
    expect(text).not.toContain('none asked for');
  });

  it('says so for a resolved and a cancelled one too, and in the short update', () => {
    expect(buildBriefingText(makeIncident({ status: 'resolved', ...resolved }), [], context())).toMatch(/\nIncident commander: none \(incident resolved\)\nExercise:[^\n]*\n[\s\S]*\nNext update due: +none \(incident resolved\)\n/);
    expect(buildBriefingText(makeIncident({ status: 'cancelled', cancelReason: 'Logged in error' }), [], context())).toContain('Incident commander: none (incident cancelled)\n');
    expect(buildShortUpdate(makeIncident({ status: 'closed', ...resolved }), [], context())).toContain(' - Commander: none (incident closed) - ');
  });

  it('still says none yet while it is open, and names a commander that was named', () => {
    expect(buildBriefingText(makeIncident(), [], context())).toContain('Incident commander: none yet\n');
    expect(buildBriefingText(makeIncident({ status: 'closed', commander: 'Ana Diaz', ...resolved }), [], context())).toContain('Incident commander: Ana Diaz\n');
    expect(buildBriefingText(makeIncident({ major: false }), [], context())).toMatch(/\nNext update due: +none asked for\n/);
  });
});

describe('briefing of an incident others duplicate', () => {
  it('names the duplicates by number, after the status', () => {
    const text = buildBriefingText(makeIncident(), [], context({ duplicates: ['K7QM-0043', 'NQJS-0007'] }));
    const lines = text.split('\n');
    const status = lines.findIndex((line) => line.startsWith('Status:'));
    expect(lines[status + 1]).toMatch(/^Duplicates: +K7QM-0043, NQJS-0007$/);
  });

  it('leaves the line out when there are none or they were not read', () => {
    expect(buildBriefingText(makeIncident(), [], context({ duplicates: [] }))).not.toContain('Duplicates:');
    expect(buildBriefingText(makeIncident(), [], context())).not.toContain('Duplicates:');
  });
});
