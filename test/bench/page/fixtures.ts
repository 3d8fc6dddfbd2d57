// Benchmark data: a ~1 KB incident input, a same-sized raw object, and synthetic incidents for seeding.
import { newId, STATUSES, type Incident, type NewIncidentInput } from '../../../shared/domain';

const DESCRIPTION =
  'Compressor alarm on chiller 2 at 06:10, unit tripped on high discharge pressure. Server room at 31 °C and rising ' +
  'about one degree every ten minutes. Portable fans placed at the door, two racks of non-critical hosts shut down ' +
  'to cut heat load. Facilities on call informed by radio; vendor contacted for an emergency visit. Condenser coils ' +
  'look clogged from the outside; the roof access is locked until security arrives with the key. Next check at 06:45. ' +
  'Backup cooling unit 3 started manually at 06:25 and is holding the cold aisle at 27 °C. Keep doors closed. ' +
  'Storage array reports no thermal warnings yet; the UPS room next door is unaffected.';

/** About 1 KB as JSON: a realistic capture with every optional field filled. */
export function incidentInput(index: number): NewIncidentInput {
  return {
    title: `Chiller 2 tripped, server room overheating (bench ${index})`,
    description: DESCRIPTION,
    category: ['Facility', 'HVAC'],
    site: ['Main campus', 'Block A', 'Floor 2', 'Server room 2.14'],
    impact: 1,
    urgency: 2,
    major: false,
    reporter: 'Night shift operator',
    tags: ['cooling', 'server-room'],
  };
}

/** The raw baseline's object: the same payload plus a key, so both sides write ~1 KB. */
export function rawRecord(index: number): Record<string, unknown> {
  return { id: `raw-${index}-${Math.random().toString(36).slice(2)}`, ...incidentInput(index), updatedAt: new Date().toISOString() };
}

const DAY_MS = 86_400_000;
const SPREAD_MS = 180 * DAY_MS;

/**
 * A plausible incident cloned from a real recorded one: new id and number, random status, and
 * updatedAt spread over the last six months (createdAt up to a week earlier).
 */
export function syntheticIncident(template: Incident, serial: number, now: number): Incident {
  const updated = now - Math.floor(Math.random() * SPREAD_MS);
  const created = updated - Math.floor(Math.random() * 7 * DAY_MS);
  const status = STATUSES[Math.floor(Math.random() * STATUSES.length)] ?? 'new';
  const [prefix] = template.number.split('-');
  return {
    ...template,
    id: newId(),
    // Valid numbers (the automatic escalation refuses malformed ones), clear of the device's own counter.
    number: `${prefix}-${1_000_000 + serial}`,
    title: `Seeded incident ${serial}: ${template.title}`,
    status,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  };
}
