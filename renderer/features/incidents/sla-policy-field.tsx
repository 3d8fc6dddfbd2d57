// The incident's SLA policy in the detail view: automatic (site or default) or one chosen for this incident.
import { resolveSlaPolicyDetail, SEED_SLA_POLICY_SET, type EditableFields, type Incident } from '../../../shared/domain';
import { useSlaPolicySet } from '../reference/use-sla-policies';
import { InlineField, type SaveOver } from './inline-field';

export function SlaPolicyField({ incident, editable, save }: { incident: Incident; editable: boolean; save: (edits: Partial<EditableFields>, over?: SaveOver) => Promise<string | null> }) {
  const set = useSlaPolicySet() ?? SEED_SLA_POLICY_SET;
  const own = incident.slaPolicyId ?? null;
  const applied = resolveSlaPolicyDetail(incident, set);
  const automatic = resolveSlaPolicyDetail({ site: incident.site }, set);
  const why = (source: typeof applied) => (source.source === 'incident' ? 'set for this incident' : source.source === 'site' ? `site ${source.site ?? ''}` : 'default');
  // An id set on another device that this device does not have: shown, and the automatic policy applies meanwhile.
  const unknown = own !== null && applied.source !== 'incident' ? ` — “${own}” is not on this device` : '';
  const options = [
    { value: '', label: `Automatic (${automatic.policy.name}, ${why(automatic)})` },
    ...set.policies.map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <InlineField label="SLA policy" display={`${applied.policy.name} (${why(applied)})${unknown}`} initial={own ?? ''} editor="select" options={options}
      editable={editable} stamp={incident.stamps.slaPolicyId ?? null}
      onSave={(v, over) => (v === (own ?? '') ? Promise.resolve(null) : save({ slaPolicyId: v === '' ? null : v }, over))} />
  );
}
