// What else names a list value by its text (templates and playbooks, SLA site mappings, saved views, escalation rules): an edit here rewrites none of them, so its confirmation says which would stop matching.
import { formatPath, INCIDENT_TEMPLATES, SEED_ESCALATION_RULES, type SlaPolicySet } from '../../../shared/domain';
import type { FindQuery } from '../../db';
import { REFERENCE_NOUNS, type ReferenceKind } from '../../db/reference';

export interface MatchSources {
  views: readonly { name: string; query: FindQuery }[] | undefined;
  slaPolicies: SlaPolicySet | undefined;
}

/** The saved-view field that holds each list's value (lists a view cannot filter on are absent). */
const VIEW_FIELD: Partial<Record<ReferenceKind, 'category' | 'site' | 'team' | 'assignee'>> = { category: 'category', site: 'site', team: 'team', person: 'assignee' };

const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join(', ');

/**
 * Sentences for the confirmation of a rename or removal of `values` (the value and, in a tree, those below it).
 * Empty when nothing else names them. The escalation rules in force are the seed rules (escalation-runner).
 */
export function textMatches(kind: ReferenceKind, values: readonly string[], edit: 'rename' | 'remove', sources: MatchSources): string[] {
  const hit = new Set(values);
  const out: string[] = [];
  const after = edit === 'rename' ? 'the old name' : 'it';
  if (kind === 'category') {
    const templates = INCIDENT_TEMPLATES.filter((t) => hit.has(formatPath(t.category))).map((t) => `${t.name} (${formatPath(t.category)})`);
    if (templates.length > 0) {
      const one = templates.length === 1;
      const whose = one ? 'its' : 'their';
      out.push(
        edit === 'rename'
          ? `The ${one ? 'template' : 'templates'} ${quoted(templates)} ${one ? 'fills' : 'fill'} in ${whose} category by name and will keep the old one; ${whose} ${one ? 'playbook is' : 'playbooks are'} matched to incidents by that name.`
          : `The ${one ? 'template' : 'templates'} ${quoted(templates)} ${one ? 'fills' : 'fill'} in ${whose} category by name and will keep doing so after it is removed here.`,
      );
    }
  }
  if (kind === 'site') {
    const mapped = (sources.slaPolicies?.assignment.sitePolicies ?? []).filter((entry) => hit.has(entry.site));
    if (mapped.length > 0) {
      const names = mapped.map((entry) => `${entry.site} → ${sources.slaPolicies?.policies.find((p) => p.id === entry.policyId)?.name ?? entry.policyId}`);
      out.push(
        edit === 'rename'
          ? `SLA policies map ${quoted(names)} by the old name; incidents recorded under the new name get the default policy until you map it again in SLA policies.`
          : `SLA policies still map ${quoted(names)}; the mapping stays for incidents recorded there.`,
      );
    }
  }
  const field = VIEW_FIELD[kind];
  if (field) {
    const views = (sources.views ?? []).filter((view) => {
      const filter = view.query[field];
      return typeof filter === 'string' && hit.has(filter);
    });
    if (views.length > 0) {
      const one = views.length === 1;
      out.push(`The saved ${one ? 'view' : 'views'} ${quoted(views.map((v) => v.name))} ${one ? 'filters' : 'filter'} on ${after} and ${one ? 'is' : 'are'} not changed.`);
    }
  }
  if (kind === 'team' || kind === 'managerLevel') {
    const targets = new Set(
      SEED_ESCALATION_RULES.flatMap((rule) => (rule.action.kind === 'escalate' ? [rule.action.target] : rule.action.kind === 'notify_role' ? [rule.action.role] : [])).filter((t) => hit.has(t)),
    );
    if (targets.size > 0) out.push(`Automatic escalation still names ${quoted([...targets])} as its ${REFERENCE_NOUNS[kind]} and keeps using ${after}.`);
  }
  return out;
}
