// Incident templates (seed data): per incident type, the category, impact, urgency, title prefix and a time-phased checklist.
import { PHASE_LABELS, type ChecklistPhaseId } from './checklist-schema';
import type { Impact } from './priority';

export interface ChecklistStep {
  /** Stable within the template, so a tick recorded on one device names the same step everywhere. */
  readonly id: string;
  readonly text: string;
}

export interface ChecklistPhase {
  readonly id: ChecklistPhaseId;
  /** "0–2 h", "2–12 h", "12 h+". */
  readonly label: string;
  readonly steps: readonly ChecklistStep[];
}

export interface IncidentTemplate {
  readonly id: string;
  readonly name: string;
  readonly category: readonly string[];
  readonly impact: Impact;
  readonly urgency: Impact;
  /** Starts the title, e.g. "Power outage: " + where. */
  readonly titlePrefix: string;
  readonly checklist: readonly ChecklistPhase[];
}

/** Builds a phase from plain step texts; step ids are "<phase>-<n>" (1-based, stable while the seed keeps its order). */
function phase(id: ChecklistPhaseId, steps: readonly string[]): ChecklistPhase {
  return { id, label: PHASE_LABELS[id], steps: steps.map((text, index) => ({ id: `${id}-${index + 1}`, text })) };
}

export const INCIDENT_TEMPLATES: readonly IncidentTemplate[] = [
  {
    id: 'power-outage',
    name: 'Power outage',
    category: ['Facility', 'Power & utility failure'],
    impact: 1,
    urgency: 1,
    titlePrefix: 'Power outage',
    checklist: [
      phase('immediate', [
        'Establish the extent: which buildings, floors and circuits are without power',
        'Confirm emergency generators started and transferred the critical loads',
        'Check life-support and critical areas (ICU, OR, ED, server room) are on emergency power',
        'Notify facility engineering and the electricity provider; get an estimate for restoration',
        'Hand out flashlights; make sure no one is trapped in a lift',
      ]),
      phase('intermediate', [
        'Monitor generator load, fuel level and run time; plan refuelling',
        'Suspend elective procedures and non-essential equipment to cut load',
        'Brief staff on the status and the next update time',
      ]),
      phase('extended', [
        'Arrange continuing fuel deliveries and generator maintenance',
        'Decide on moving patients or services if restoration is not in sight',
        'Plan the return to normal power and inspect equipment after restoration',
      ]),
    ],
  },
  {
    id: 'generator-failure',
    name: 'Generator failure',
    category: ['Facility', 'Generator & UPS'],
    impact: 1,
    urgency: 1,
    titlePrefix: 'Generator failure',
    checklist: [
      phase('immediate', [
        'Identify the failed generator or UPS and the loads it carries',
        'Move critical equipment to circuits on a working supply',
        'Call the generator maintenance contractor',
        'Check the fuel supply, batteries and transfer switch',
      ]),
      phase('intermediate', [
        'Arrange a rental or portable generator if the repair will take hours',
        'Avoid planned mains switching until backup is restored',
      ]),
      phase('extended', ['Record the root cause and schedule a load test after repair']),
    ],
  },
  {
    id: 'network-outage',
    name: 'Network outage',
    category: ['IT', 'Network'],
    impact: 2,
    urgency: 1,
    titlePrefix: 'Network outage',
    checklist: [
      phase('immediate', [
        'Establish scope: which sites, floors, systems and services are unreachable',
        'Switch affected areas to downtime procedures (paper forms, phones, runners)',
        'Check core switches, firewall, uplink and power to network rooms',
        'Contact the network provider with the circuit ID',
      ]),
      phase('intermediate', [
        'Give staff an update and the expected restoration time',
        'Prioritise restoring critical clinical and safety systems',
      ]),
      phase('extended', ['Re-enter downtime records into systems once restored', 'Review the failure and redundancy with the provider']),
    ],
  },
  {
    id: 'security-breach',
    name: 'Security breach',
    category: ['Security', 'Unauthorized access'],
    impact: 1,
    urgency: 1,
    titlePrefix: 'Security breach',
    checklist: [
      phase('immediate', [
        'Contain: isolate affected devices from the network (do not power them off)',
        'Preserve evidence: note times, screenshots, logs; record who handles what',
        'Reset or disable compromised accounts',
        'Notify the security lead and management',
      ]),
      phase('intermediate', [
        'Determine what data and systems were accessed',
        'Check whether regulators or affected people must be notified, and by when',
      ]),
      phase('extended', ['Eradicate the cause and restore from known-good backups', 'Hold a review: root cause and prevention']),
    ],
  },
  {
    id: 'hardware-failure',
    name: 'Hardware failure',
    category: ['IT', 'Hardware'],
    impact: 3,
    urgency: 2,
    titlePrefix: 'Hardware failure',
    checklist: [
      phase('immediate', [
        'Record the device, its asset tag and location',
        'Provide a spare or workaround to the user',
        'Check whether other devices of the same model are affected',
      ]),
      phase('intermediate', ['Log a repair or warranty call with the vendor']),
      phase('extended', ['Confirm the repaired device is back in service']),
    ],
  },
  {
    id: 'water-leak',
    name: 'Water leak',
    category: ['Facility', 'Water & plumbing'],
    impact: 2,
    urgency: 1,
    titlePrefix: 'Water leak',
    checklist: [
      phase('immediate', [
        'Find the source and shut off the nearest valve',
        'Cut power to electrical equipment in or below the wet area',
        'Protect or move equipment, records and patients from the water',
        'Put up wet-floor signs and call facility engineering',
      ]),
      phase('intermediate', ['Remove water and dry the area', 'Check ceilings and floors below for damage']),
      phase('extended', ['Inspect for mould and structural damage', 'Document the damage with photos for insurance']),
    ],
  },
  {
    id: 'medical-gas-alarm',
    name: 'Medical gas alarm',
    category: ['Facility', 'Medical gas'],
    impact: 1,
    urgency: 1,
    titlePrefix: 'Medical gas alarm',
    checklist: [
      phase('immediate', [
        'Identify the gas (oxygen, medical air, vacuum, nitrous oxide) and the zone of the alarm',
        'Check patients on the affected supply; switch them to portable cylinders',
        'Notify facility engineering and the gas supplier',
        'Do not close zone valves without clinical agreement',
      ]),
      phase('intermediate', ['Count and position portable cylinders for the affected areas', 'Monitor the alarm panel and line pressure']),
      phase('extended', ['Have the system tested and certified before returning to normal use']),
    ],
  },
];

export function findTemplate(id: string, templates: readonly IncidentTemplate[] = INCIDENT_TEMPLATES): IncidentTemplate | undefined {
  return templates.find((template) => template.id === id);
}

/**
 * The title a template suggests: its prefix and ": ", then what the person typed. Switching from
 * `previous` replaces that template's prefix instead of stacking a second one.
 */
export function applyTitlePrefix(template: IncidentTemplate, title: string, previous?: IncidentTemplate): string {
  let rest = title;
  if (previous && rest.toLowerCase().startsWith(previous.titlePrefix.toLowerCase())) rest = rest.slice(previous.titlePrefix.length).replace(/^:\s*/, '');
  if (rest.toLowerCase().startsWith(template.titlePrefix.toLowerCase())) return rest;
  return `${template.titlePrefix}: ${rest.trimStart()}`;
}

/** The tag linking an incident to its template, so the checklist can be shown and ticked later. */
export const TEMPLATE_TAG_PREFIX = 'template:';

export function templateTag(template: IncidentTemplate): string {
  return `${TEMPLATE_TAG_PREFIX}${template.id}`;
}
