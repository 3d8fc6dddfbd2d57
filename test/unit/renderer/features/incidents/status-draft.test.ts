// The Change status draft: an owner left as prefilled follows the incident's current owner; one typed by hand stays.
import { describe, expect, it } from 'vitest';
import { statusDraftShape } from '../../../../../renderer/features/incidents/status-dialog';
import { makeIncident } from './incident-fixtures';

describe('status draft', () => {
  const stored = { to: 'in_progress', holdReason: '', resolutionCode: '', resolutionNotes: 'Breaker reset.', cancelReason: '', reopenReason: '', duplicateNumber: '' };

  it('shows the current owner when the draft kept the one prefilled at the time (another laptop reassigned it since)', () => {
    const now = statusDraftShape(makeIncident({ team: 'Facilities', assignee: 'Sam Okafor' }));
    const restored = now.parse({ ...stored, team: 'Electrical', assignee: 'Ana Field', prefilledTeam: 'Electrical', prefilledAssignee: 'Ana Field' });
    expect(restored).toMatchObject({ team: 'Facilities', assignee: 'Sam Okafor', resolutionNotes: 'Breaker reset.', to: 'in_progress' });
  });

  it('keeps an owner the person typed', () => {
    const now = statusDraftShape(makeIncident({ team: 'Facilities', assignee: null }));
    const restored = now.parse({ ...stored, team: 'Electrical', assignee: 'Noor Ali', prefilledTeam: '', prefilledAssignee: '' });
    expect(restored).toMatchObject({ team: 'Electrical', assignee: 'Noor Ali' });
  });

  it('counts the prefilled owner alone as no draft', () => {
    const shape = statusDraftShape(makeIncident({ team: 'Facilities', assignee: null }));
    expect(shape.isBlank(shape.blank)).toBe(true);
    expect(shape.isBlank({ ...shape.blank, resolutionNotes: 'x' })).toBe(false);
  });
});
