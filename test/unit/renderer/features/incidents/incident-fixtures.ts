// Fixtures for the plain-text briefing and activity-log tests: one incident and timeline entries at chosen times (Berlin zone pinned by the tests).
import type { Author, Incident, TimelineEvent } from '../../../../../shared/domain';

export const MIN = 60_000;
export const CREATED = Date.UTC(2026, 10, 26, 12, 0); // 13:00 in Berlin
export const NOW = CREATED + 5 * MIN;
export const HOSTILE = '<img src=x onerror=alert(1)>';
export const at = (ms: number, offsetMinutes = 60) => ({ utc: new Date(ms).toISOString(), offsetMinutes });

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: '0190a000-0000-7000-8000-000000000001',
    number: 'K7QM-0042',
    title: 'Generator B failed',
    description: 'Generator B tripped at 12:40.\nWards on battery backup.',
    category: ['Facility', 'Power'],
    site: ['Main campus', 'Block A'],
    impact: 1,
    urgency: 1,
    priority: 1,
    major: true,
    status: 'in_progress',
    holdReason: null,
    assignee: 'Ana Diaz',
    team: 'Facilities',
    reporter: 'Night porter',
    occurredAt: at(CREATED - 20 * MIN),
    detectedAt: null,
    reportedAt: at(CREATED),
    resolutionCode: null,
    resolutionNotes: null,
    cancelReason: null,
    duplicateOf: null,
    tags: [],
    slaPolicyId: null,
    updateEveryMinutes: null,
    createdAt: new Date(CREATED).toISOString(),
    updatedAt: new Date(CREATED).toISOString(),
    createdBy: { name: 'Sam Okafor', position: 'Duty manager' },
    originDeviceId: 'dev-a',
    stamps: {},
    ...overrides,
  };
}

let sequence = 0;
type EventBody = { [K in TimelineEvent['kind']]: Omit<Extract<TimelineEvent, { kind: K }>, 'id' | 'incidentId' | 'at' | 'hlc' | 'deviceId' | 'author'> }[TimelineEvent['kind']];
export function makeEvent(ms: number, body: EventBody, author: Author = { name: 'Ana Diaz', position: 'Facility Unit Leader' }): TimelineEvent {
  sequence += 1;
  return {
    id: `0190a000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    incidentId: '0190a000-0000-7000-8000-000000000001',
    at: at(ms),
    hlc: `${String(ms).padStart(15, '0')}-0000-dev-a`,
    deviceId: 'dev-a',
    author,
    ...body,
  } as TimelineEvent;
}

