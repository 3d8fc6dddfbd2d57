// The filter panel of the Find bar: only filters that an index or a bounded walk can answer.
import { format } from 'date-fns';
import { useId } from 'react';
import { EARLIEST_PLAUSIBLE_YEAR, LATEST_PLAUSIBLE_YEAR, OPEN_STATUSES, PATH_SEPARATOR, PRIORITY_LABELS, STATUS_LABELS, STATUSES, type Priority, type Status } from '../../../../shared/domain';
import type { FindQuery } from '../../../db';
import { useFindStore } from '../../../store/find-store';
import { LOCAL_DATE_BOUNDS } from '../../local-time';
import { useReference } from '../../reference/use-reference';
import { extraValues, useUsedValues } from './used-values';
import './find-filters.css';

const FILTER_KEYS: (keyof FindQuery)[] = ['statuses', 'priorities', 'category', 'site', 'team', 'assignee', 'mine', 'unassigned', 'major', 'breachingSoon', 'recordedFrom', 'recordedTo', 'text'];

export function activeFilterCount(query: FindQuery): number {
  return FILTER_KEYS.filter((key) => key !== 'text' && query[key] !== undefined && query[key] !== false).length;
}

/** The message when the date range can match nothing; null when it is fine (or open-ended). */
export function dateRangeProblem(query: Pick<FindQuery, 'recordedFrom' | 'recordedTo'>): string | null {
  const { recordedFrom, recordedTo } = query;
  if (recordedFrom === undefined || recordedTo === undefined) return null;
  // recordedTo is the midnight after the chosen day, so from ≥ to means the "from" day is after the "to" day.
  return Date.parse(recordedFrom) >= Date.parse(recordedTo) ? '‘From’ is after ‘To’; swap them or change one.' : null;
}

/**
 * A recorded date whose year no incident can have (outside 1990–2200, a slip of a digit): which field and what to do,
 * said instead of an empty list; null when both years are fine.
 */
export function dateYearProblem(query: Pick<FindQuery, 'recordedFrom' | 'recordedTo'>): { field: 'from' | 'to'; message: string } | null {
  // recordedTo is the midnight after the chosen day: its day is the millisecond before.
  const days = [['from', query.recordedFrom, 0], ['to', query.recordedTo, 1]] as const;
  for (const [field, iso, after] of days) {
    if (iso === undefined) continue;
    const year = new Date(Date.parse(iso) - after).getFullYear();
    if (year >= EARLIEST_PLAUSIBLE_YEAR && year <= LATEST_PLAUSIBLE_YEAR) continue;
    const name = field === 'from' ? '‘From’' : '‘To’';
    return { field, message: `Year must be between ${EARLIEST_PLAUSIBLE_YEAR} and ${LATEST_PLAUSIBLE_YEAR} (got ${year}) in ${name}: correct the year.` };
  }
  return null;
}

type Option = [value: string, text: string];
/** Options with an optional second group: values incidents carry that the reference list does not. */
interface Options {
  main: Option[];
  extra?: { label: string; options: Option[] };
}

/**
 * Sites in use plus every place above them ("North Campus", "North Campus › Building B" for a room there): a site
 * filter covers the places under it, so a whole campus or building is one choice.
 */
function withParentSites(used: readonly string[] | undefined): string[] | undefined {
  if (!used) return undefined;
  const all = new Set<string>();
  for (const site of used) {
    const parts = site.split(PATH_SEPARATOR);
    for (let depth = 1; depth <= parts.length; depth++) all.add(parts.slice(0, depth).join(PATH_SEPARATOR));
  }
  return [...all];
}

/** Reference values first (their configured order), then the ones only incidents use; plus the current filter value. */
function referenceAndUsed(any: string, reference: readonly string[], used: readonly string[] | undefined, current: string | undefined, extraLabel: string): Options {
  const extra = extraValues(reference, used);
  if (current !== undefined && !reference.includes(current) && !extra.includes(current)) extra.push(current);
  return {
    main: [['', any], ...reference.map((v) => [v, v] as Option)],
    ...(extra.length > 0 ? { extra: { label: extraLabel, options: extra.map((v) => [v, v] as Option) } } : {}),
  };
}

export function FindFilters({ id }: { id: string }) {
  const query = useFindStore((s) => s.query);
  const patchQuery = useFindStore((s) => s.patchQuery);
  const reference = useReference();
  const base = useId();
  const statusValue = statusSelectValue(query.statuses);
  const text = (key: 'category' | 'site' | 'team' | 'assignee', value: string) => patchQuery({ [key]: value === '' ? undefined : value });
  // Sites are typed freely at capture and categories may arrive by sync: offer what incidents carry, not only the lists.
  const usedSites = useUsedValues('siteKey');
  const usedCategories = useUsedValues('categoryKey');
  const yearProblem = dateYearProblem(query);
  const rangeProblem = yearProblem?.message ?? dateRangeProblem(query);
  const invalid = (field: 'from' | 'to') => rangeProblem !== null && (yearProblem === null || yearProblem.field === field);
  const rangeErrorId = `${base}-range-error`;
  const swapDates = () => {
    const { recordedFrom, recordedTo } = query;
    if (recordedFrom === undefined || recordedTo === undefined) return;
    // Both are day boundaries: the new "from" is the old "to" day's start, the new "to" the midnight after the old "from" day.
    patchQuery({ recordedFrom: shiftDays(recordedTo, -1), recordedTo: shiftDays(recordedFrom, 1) });
  };

  return (
    <div id={id} className="find-filters" role="group" aria-label="Filters">
      <Select id={`${base}-status`} label="Filter by status" value={statusValue}
        onChange={(v) => patchQuery({ statuses: v === '' ? undefined : v === 'open' ? [...OPEN_STATUSES] : [v as Status] })}
        options={[['', 'Any status'], ['open', 'Open (any open status)'], ...STATUSES.map((s) => [s, STATUS_LABELS[s]] as [string, string]), ...(statusValue === 'several' ? [['several', 'Several'] as [string, string]] : [])]} />
      <Select id={`${base}-priority`} label="Filter by priority" value={query.priorities?.length === 1 ? String(query.priorities[0]) : ''}
        onChange={(v) => patchQuery({ priorities: v === '' ? undefined : [Number(v) as Priority] })}
        options={[['', 'Any priority'], ...([1, 2, 3, 4] as Priority[]).map((p) => [String(p), PRIORITY_LABELS[p]] as [string, string])]} />
      <Select id={`${base}-category`} label="Filter by category" value={query.category ?? ''} onChange={(v) => text('category', v)}
        onFocus={usedCategories.refresh} options={referenceAndUsed('Any category', reference.category, usedCategories.values, query.category, 'Other categories in use')} />
      <Select id={`${base}-site`} label="Filter by site" value={query.site ?? ''} onChange={(v) => text('site', v)}
        onFocus={usedSites.refresh} options={referenceAndUsed('Any site', reference.site, withParentSites(usedSites.values), query.site, 'Other sites in use')} />
      <Select id={`${base}-team`} label="Filter by team" value={query.team ?? ''} onChange={(v) => text('team', v)}
        options={{ main: [['', 'Any team'], ...reference.team.map((c) => [c, c] as Option)] }} />
      <div className="field">
        <label htmlFor={`${base}-assignee`}>Filter by assignee</label>
        <input id={`${base}-assignee`} list={`${base}-people`} value={query.assignee ?? ''} maxLength={200} onChange={(e) => text('assignee', e.target.value)} />
        <datalist id={`${base}-people`}>{reference.person.map((p) => <option key={p} value={p} />)}</datalist>
      </div>
      <div className="field">
        <label htmlFor={`${base}-from`}>Recorded from</label>
        <input id={`${base}-from`} type="date" {...LOCAL_DATE_BOUNDS} value={query.recordedFrom ? format(new Date(query.recordedFrom), 'yyyy-MM-dd') : ''}
          aria-invalid={invalid('from') || undefined} aria-describedby={invalid('from') ? rangeErrorId : undefined}
          onChange={(e) => patchQuery({ recordedFrom: dayStart(e.target.value, 0) })} />
      </div>
      <div className="field">
        <label htmlFor={`${base}-to`}>Recorded to</label>
        <input id={`${base}-to`} type="date" {...LOCAL_DATE_BOUNDS} value={query.recordedTo ? format(new Date(Date.parse(query.recordedTo) - 1), 'yyyy-MM-dd') : ''}
          aria-invalid={invalid('to') || undefined} aria-describedby={invalid('to') ? rangeErrorId : undefined}
          onChange={(e) => patchQuery({ recordedTo: dayStart(e.target.value, 1) })} />
      </div>
      {rangeProblem && (
        <div className="find-range-problem">
          <p id={rangeErrorId} role="alert" className="field-error">{rangeProblem}</p>
          {!yearProblem && <button type="button" onClick={swapDates}>Swap dates</button>}
        </div>
      )}
      <div className="checks">
        <Check id={`${base}-mine`} label="Mine" checked={query.mine === true} onChange={(c) => patchQuery({ mine: c || undefined })} />
        <Check id={`${base}-unassigned`} label="Unassigned" checked={query.unassigned === true} onChange={(c) => patchQuery({ unassigned: c || undefined })} />
        <Check id={`${base}-major`} label="Major only" checked={query.major === true} onChange={(c) => patchQuery({ major: c || undefined })} />
        <Check id={`${base}-breaching`} label="Breaching soon" checked={query.breachingSoon === true} onChange={(c) => patchQuery({ breachingSoon: c || undefined })} />
      </div>
    </div>
  );
}

function Select({ id, label, value, options, onChange, onFocus }: { id: string; label: string; value: string; options: Option[] | Options; onChange: (value: string) => void; onFocus?: () => void }) {
  const { main, extra } = Array.isArray(options) ? { main: options, extra: undefined } : options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} onFocus={onFocus}>
        {main.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        {extra && (
          <optgroup label={extra.label}>
            {extra.options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
          </optgroup>
        )}
      </select>
    </div>
  );
}

function Check({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label htmlFor={id} className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function statusSelectValue(statuses: readonly Status[] | undefined): string {
  if (!statuses || statuses.length === 0) return '';
  if (statuses.length === 1) return statuses[0]!;
  const open = new Set<string>(OPEN_STATUSES);
  return statuses.length === OPEN_STATUSES.length && statuses.every((s) => open.has(s)) ? 'open' : 'several';
}

/** The local midnight `days` days from the local midnight `iso` (calendar days, so a DST change does not shift it). */
function shiftDays(iso: string, days: number): string {
  const date = new Date(iso);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days).toISOString();
}

/** Local midnight of a yyyy-mm-dd date (plus `days`), as an ISO instant; undefined when cleared. */
function dayStart(value: string, days: number): string | undefined {
  if (value === '') return undefined;
  const [y, m, d] = value.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  const date = new Date(y, m - 1, d + days);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
