// Narrowing the statistics to one site or one team: the choices the data offers, and the subjects that match.
import type { StatsSubject } from './incident-stats';

/** null: every site (or team). */
export interface StatsScope {
  readonly site: string | null;
  readonly team: string | null;
}

export const WHOLE_SCOPE: StatsScope = { site: null, team: null };

export interface ScopeChoices {
  readonly sites: readonly string[];
  readonly teams: readonly string[];
}

/** The sites and teams that occur among the subjects, sorted as people read them. */
export function scopeChoices(subjects: Iterable<StatsSubject>): ScopeChoices {
  const sites = new Set<string>();
  const teams = new Set<string>();
  for (const subject of subjects) {
    if (subject.site !== null) sites.add(subject.site);
    if (subject.team !== null && subject.team !== '') teams.add(subject.team);
  }
  const order = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
  return { sites: [...sites].sort(order), teams: [...teams].sort(order) };
}

/** The subjects of one site (that site or a place inside it) and one team; the whole list when the scope is whole. */
export function inScope(subjects: readonly StatsSubject[], scope: StatsScope): readonly StatsSubject[] {
  if (scope.site === null && scope.team === null) return subjects;
  return subjects.filter((subject) => (scope.site === null || subject.site === scope.site) && (scope.team === null || subject.team === scope.team));
}
