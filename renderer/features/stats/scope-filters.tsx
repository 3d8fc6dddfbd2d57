// Site and team choices that narrow the statistics; only values that occur in the figures are offered.
import type { ScopeChoices, StatsScope } from '../../../shared/domain';

const ALL = '';

interface ScopeFiltersProps {
  readonly choices: ScopeChoices;
  readonly scope: StatsScope;
  readonly onChange: (scope: StatsScope) => void;
}

function ScopeSelect({ id, label, all, values, value, onChange }: { id: string; label: string; all: string; values: readonly string[]; value: string | null; onChange: (value: string | null) => void }) {
  // A chosen value the newest figures no longer hold stays listed, so the select never shows something else than applies.
  const options = value !== null && !values.includes(value) ? [value, ...values] : values;
  return (
    <div className="stats-scope-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ALL} onChange={(event) => onChange(event.target.value === ALL ? null : event.target.value)}>
        <option value={ALL}>{all}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ScopeFilters({ choices, scope, onChange }: ScopeFiltersProps) {
  if (choices.sites.length === 0 && choices.teams.length === 0 && scope.site === null && scope.team === null) return null;
  return (
    <div className="stats-scope" role="group" aria-label="Narrow the statistics">
      {/* A select with nothing to choose is left out; one with a choice in force stays, so it can be undone. */}
      {(choices.sites.length > 0 || scope.site !== null) && (
        <ScopeSelect id="stats-site" label="Site" all="All sites" values={choices.sites} value={scope.site} onChange={(site) => onChange({ ...scope, site })} />
      )}
      {(choices.teams.length > 0 || scope.team !== null) && (
        <ScopeSelect id="stats-team" label="Team" all="All teams" values={choices.teams} value={scope.team} onChange={(team) => onChange({ ...scope, team })} />
      )}
    </div>
  );
}
