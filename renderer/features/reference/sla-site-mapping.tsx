// The site → SLA policy mapping: one choice per site of the reference list; sub-sites inherit their parent's choice.
import type { SlaPolicySet } from '../../../shared/domain';
import { useReference } from './use-reference';

export function SlaSiteMapping({ set, onChange }: { set: SlaPolicySet; onChange: (site: string, policyId: string | null) => void }) {
  const reference = useReference();
  const mapped = new Map(set.assignment.sitePolicies.map((entry) => [entry.site, entry.policyId]));
  // Mapped sites no longer in the list stay visible, so their mapping can still be removed.
  const sites = [...reference.site, ...[...mapped.keys()].filter((site) => !reference.site.includes(site))];
  const defaultName = set.policies.find((p) => p.id === set.assignment.defaultPolicyId)?.name ?? 'the default';
  return (
    <table className="sla-site-mapping" aria-label="Policy per site">
      <caption className="hint">Policy per site (a site without its own choice uses its parent’s, then the default).</caption>
      <thead>
        <tr>
          <th scope="col">Site</th>
          <th scope="col">Policy</th>
        </tr>
      </thead>
      <tbody>
        {sites.map((site) => (
          <tr key={site}>
            <th scope="row">{site}</th>
            <td>
              <select aria-label={`Policy for ${site}`} value={mapped.get(site) ?? ''} onChange={(e) => onChange(site, e.target.value === '' ? null : e.target.value)}>
                <option value="">{`Inherited / default (${defaultName})`}</option>
                {set.policies.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
